import { ActionIcon, Button, Chip, Group, Select, SegmentedControl, Stack, Text, TextInput } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { get } from '../../../web/api.js';
import { OwnerSelect } from '../../../web/components/OwnerSelect.js';
import { currentPeriod, PeriodPicker } from '../../../web/components/PeriodPicker.js';
import { treeOptions } from '../../../shared/tree.js';
import type { Pipeline } from '../../pipelines/pipelines.schema.js';
import {
  chartKinds,
  entityCatalog,
  periodPresets,
  periodUnits,
  reportEntities,
  type ChartKind,
  type Dimension,
  type Measure,
  type PeriodUnit,
  type ReportDefinition,
  type ReportEntity,
  type ReportFilters,
} from '../reports.schema.js';
import { moreFiltersOf, moreFiltersSet, switchEntity, withFilters } from './definition.js';
import { ReportMoreFilters } from './ReportMoreFilters.js';

/** The constructor's controls: data, groupings, measures, filters and chart kind; each change gives a new definition. */

interface Named {
  id: string;
  name: string;
}

const periodModes = ['none', 'preset', 'key', 'custom'] as const;
type PeriodMode = (typeof periodModes)[number];
const modeOf = (p: ReportFilters['period']): PeriodMode => (!p ? 'none' : p.preset ? 'preset' : p.key ? 'key' : 'custom');

export function ReportControls({ def, onChange }: { def: ReportDefinition; onChange(def: ReportDefinition): void }) {
  const { t } = useTranslation('reports');
  const cat = entityCatalog[def.entity];
  const pipelines = useQuery({ queryKey: ['pipelines', 'options'], queryFn: async () => (await get<{ items: Pipeline[] }>('/pipelines')).items, staleTime: 60_000, retry: false });
  const departments = useQuery({ queryKey: ['departments', 'options'], queryFn: async () => (await get<{ items: (Named & { parentId: string | null })[] }>('/departments')).items, staleTime: 5 * 60_000, retry: false });
  const [moreOpen, setMoreOpen] = useState(() => moreFiltersSet(def) > 0);
  const more = moreFiltersOf(def.entity);
  const moreSet = moreFiltersSet(def);
  const setFilters = (f: Partial<Record<keyof ReportFilters, unknown>>) =>
    onChange(withFilters(def, f, (id) => pipelines.data?.find((p) => p.id === id)?.stages.map((s) => s.id)));
  const setDimension = (i: number, d: Dimension | null) => {
    const next = [...def.dimensions];
    if (d) next[i] = d;
    else next.splice(i, 1);
    onChange({ ...def, dimensions: next });
  };
  const dimensionOptions = [{ value: 'period', label: t('dimensions.period') }, ...cat.dimensions.map((d) => ({ value: d, label: t(`dimensions.${d}`) }))];
  const dateOptions = cat.dateFields.map((f) => ({ value: f, label: t(`dateFields.${f}`) }));
  const period = def.filters.period;
  const mode = modeOf(period);
  const setMode = (m: PeriodMode) => {
    const field = period?.field ?? cat.dateFields[0]!;
    if (m === 'none') setFilters({ period: undefined });
    if (m === 'preset') setFilters({ period: { field, preset: 'this_year' } });
    if (m === 'key') setFilters({ period: { field, key: currentPeriod('month') } });
    if (m === 'custom') setFilters({ period: { field, from: `${new Date().getUTCFullYear()}-01-01`, to: new Date().toISOString().slice(0, 10) } });
  };

  return (
    <Stack gap="sm" data-testid="report-controls">
      <Group gap="sm" align="flex-end">
        <Select label={t('builder.entity')} w={220} allowDeselect={false} value={def.entity} data={reportEntities.map((e) => ({ value: e, label: t(`entities.${e}`) }))} onChange={(v) => v && onChange(switchEntity(def, v as ReportEntity))} data-testid="report-entity" />
        <div>
          <Text size="sm" fw={500} mb={4}>{t('builder.chart')}</Text>
          <SegmentedControl size="sm" value={def.chart} data={chartKinds.map((c) => ({ value: c, label: t(`charts.${c}`) }))} onChange={(v) => onChange({ ...def, chart: v as ChartKind })} />
        </div>
      </Group>
      <div>
        <Text size="sm" fw={500} mb={4}>{t('builder.dimensions')}</Text>
        <Stack gap={6}>
          {def.dimensions.map((d, i) => (
            <Group key={i} gap={6} data-testid={`report-dimension-${i}`}>
              <Select
                size="xs"
                w={190}
                aria-label={t('builder.dimensions')}
                allowDeselect={false}
                value={d.key}
                data={dimensionOptions}
                onChange={(v) => v && setDimension(i, v === 'period' ? { key: 'period', unit: 'month', field: cat.dateFields[0]! } : ({ key: v } as Dimension))}
              />
              {'unit' in d && (
                <>
                  <Select size="xs" w={120} aria-label={t('builder.unit')} allowDeselect={false} value={d.unit} data={periodUnits.map((u) => ({ value: u, label: t(`units.${u}`) }))} onChange={(v) => v && setDimension(i, { ...d, unit: v as PeriodUnit })} />
                  <Select size="xs" w={170} aria-label={t('builder.field')} allowDeselect={false} value={d.field} data={dateOptions} onChange={(v) => v && setDimension(i, { ...d, field: v })} />
                </>
              )}
              <ActionIcon variant="subtle" color="gray" aria-label={t('builder.removeDimension')} onClick={() => setDimension(i, null)}>
                ×
              </ActionIcon>
            </Group>
          ))}
          {def.dimensions.length < 3 && (
            <Button size="xs" variant="light" w="fit-content" onClick={() => setDimension(def.dimensions.length, { key: cat.dimensions[0]! } as Dimension)} data-testid="report-add-dimension">
              {t('builder.addDimension')}
            </Button>
          )}
        </Stack>
      </div>
      <div>
        <Text size="sm" fw={500} mb={4}>{t('builder.measures')}</Text>
        <Chip.Group multiple value={def.measures} onChange={(v) => v.length && onChange({ ...def, measures: cat.measures.filter((m) => v.includes(m)) as Measure[] })}>
          <Group gap={6}>
            {cat.measures.map((m) => <Chip key={m} value={m} size="sm">{t(`measures.${m}`)}</Chip>)}
          </Group>
        </Chip.Group>
      </div>
      <div>
        <Text size="sm" fw={500} mb={4}>{t('builder.filters')}</Text>
        <Group gap={6} align="center">
          <Select size="xs" w={170} aria-label={t('builder.period')} allowDeselect={false} value={mode} data={periodModes.map((m) => ({ value: m, label: t(m === 'none' ? 'builder.noPeriod' : m === 'preset' ? 'builder.preset' : m === 'key' ? 'builder.periodKey' : 'builder.custom') }))} onChange={(v) => v && setMode(v as PeriodMode)} data-testid="report-period-mode" />
          {period && (
            <>
              <Select size="xs" w={160} aria-label={t('builder.field')} allowDeselect={false} value={period.field} data={dateOptions} onChange={(v) => v && setFilters({ period: { ...period, field: v } })} />
              {mode === 'preset' && <Select size="xs" w={190} aria-label={t('builder.preset')} allowDeselect={false} value={period.preset!} data={periodPresets.map((p) => ({ value: p, label: t(`presets.${p}`) }))} onChange={(v) => v && setFilters({ period: { field: period.field, preset: v as typeof periodPresets[number] } })} />}
              {mode === 'key' && <PeriodPicker value={period.key!} onChange={(k) => setFilters({ period: { field: period.field, key: k } })} />}
              {mode === 'custom' && (
                <>
                  <TextInput size="xs" w={140} type="date" aria-label={t('builder.from')} value={period.from ?? ''} onChange={(e) => setFilters({ period: { field: period.field, from: e.currentTarget.value || undefined, to: period.to } })} />
                  <TextInput size="xs" w={140} type="date" aria-label={t('builder.to')} value={period.to ?? ''} onChange={(e) => setFilters({ period: { field: period.field, from: period.from, to: e.currentTarget.value || undefined } })} />
                </>
              )}
            </>
          )}
          <OwnerSelect size="xs" w={170} label={null} placeholder={t('builder.owner')} aria-label={t('builder.owner')} clearable value={def.filters.ownerId ?? null} onChange={(v) => setFilters({ ownerId: v })} />
          {(departments.data?.length ?? 0) > 0 && (
            <Select size="xs" w={170} placeholder={t('builder.department')} aria-label={t('builder.department')} clearable searchable value={def.filters.departmentId ?? null} data={treeOptions(departments.data ?? [], (d) => d.name)} onChange={(v) => setFilters({ departmentId: v })} />
          )}
          {cat.filters.includes('pipelineId') && (
            <Select size="xs" w={170} placeholder={t('builder.pipeline')} aria-label={t('builder.pipeline')} clearable value={def.filters.pipelineId ?? null} data={(pipelines.data ?? []).map((p) => ({ value: p.id, label: p.name }))} onChange={(v) => setFilters({ pipelineId: v })} />
          )}
          <Select size="xs" w={150} placeholder={t('builder.status')} aria-label={t('builder.status')} clearable value={(def.entity === 'companies' ? def.filters.companyStatus : def.filters.status) ?? null} data={cat.statuses.map((s) => ({ value: s, label: t(`values.${s}`) }))} onChange={(v) => setFilters({ [def.entity === 'companies' ? 'companyStatus' : 'status']: v })} data-testid="report-filter-status" />
          {more.length > 0 && (
            <Button size="xs" variant="subtle" aria-expanded={moreOpen} aria-controls="report-more-filters" onClick={() => setMoreOpen((o) => !o)} data-testid="report-more-filters-toggle">
              {t(moreOpen ? 'builder.lessFilters' : 'builder.moreFilters')}{moreSet > 0 ? ` (${moreSet})` : ''}
            </Button>
          )}
        </Group>
        {moreOpen && more.length > 0 && (
          <Group gap={6} align="center" mt={6} id="report-more-filters" role="group" aria-label={t('builder.moreFilters')} data-testid="report-more-filters">
            <ReportMoreFilters def={def} pipelines={pipelines.data ?? []} setFilters={setFilters} />
          </Group>
        )}
      </div>
    </Stack>
  );
}
