import { Autocomplete, Select } from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { get } from '../../../web/api.js';
import { useAuth } from '../../../web/auth.js';
import { RecordPicker } from '../../../web/components/RecordPicker.js';
import { treeOptions } from '../../../shared/tree.js';
import type { Pipeline } from '../../pipelines/pipelines.schema.js';
import { reportFilters, type ReportDefinition, type ReportFilters } from '../reports.schema.js';
import { moreFiltersOf, type MoreFilterKey } from './definition.js';

/** The constructor's "More filters" row: stage, deal type, source, company status, activity type, product, product group. */

interface Named {
  id: string;
  name: string;
}

const dealTypes = reportFilters.shape.dealType.unwrap().options;
const companyStatuses = reportFilters.shape.companyStatus.unwrap().options;
const activityTypes = reportFilters.shape.activityType.unwrap().options;

/** Stages of the chosen pipeline, or of every pipeline grouped by pipeline. */
function stageOptions(pipelines: Pipeline[], pipelineId: string | undefined) {
  const chosen = pipelineId ? pipelines.find((p) => p.id === pipelineId) : undefined;
  if (chosen) return chosen.stages.map((s) => ({ value: s.id, label: s.name }));
  return pipelines.map((p) => ({ group: p.name, items: p.stages.map((s) => ({ value: s.id, label: s.name })) }));
}

/** A source channel: typed freely or picked from the channels in use; committed after a pause, on Enter or on a pick. */
function SourceFilter({ value, channels, onCommit, label }: { value: string; channels: string[]; onCommit(v: string): void; label: string }) {
  const [text, setText] = useState(value);
  const [seen, setSeen] = useState(value);
  if (value !== seen) {
    setSeen(value);
    setText(value);
  }
  const commit = useDebouncedCallback((v: string) => {
    setSeen(v.trim());
    onCommit(v.trim());
  }, 400);
  return (
    <Autocomplete
      size="xs"
      w={170}
      placeholder={label}
      aria-label={label}
      data={channels}
      value={text}
      onChange={(v) => {
        setText(v);
        commit(v);
      }}
      onOptionSubmit={() => commit.flush()}
      onKeyDown={(e) => {
        if (e.key === 'Enter') commit.flush();
      }}
      data-testid="report-filter-source"
    />
  );
}

/** A product filter kept as an id in the definition; a saved report's product name is loaded back. */
function ProductFilter({ value, onChange, label }: { value: string | null; onChange(id: string | null): void; label: string }) {
  const record = useQuery({ queryKey: ['products', value], queryFn: () => get<Named>(`/products/${value}`), enabled: !!value, retry: false });
  if (value && record.isPending) return <Select size="xs" w={190} disabled placeholder={label} data={[]} />;
  return (
    <RecordPicker<Named>
      key={value ?? ''}
      size="xs"
      w={190}
      path="/products"
      placeholder={label}
      aria-label={label}
      initial={value ? (record.data ?? { id: value, name: value }) : null}
      describe={(r) => r.name}
      onPick={(r) => onChange(r?.id ?? null)}
      data-testid="report-filter-product"
    />
  );
}

interface Props {
  def: ReportDefinition;
  pipelines: Pipeline[];
  setFilters(f: Partial<Record<keyof ReportFilters, unknown>>): void;
}

export function ReportMoreFilters({ def, pipelines, setFilters }: Props) {
  const { t } = useTranslation('reports');
  const { can } = useAuth();
  const keys = moreFiltersOf(def.entity);
  const has = (k: MoreFilterKey) => keys.includes(k);
  const canProducts = can('product', 'read');
  const channels = useQuery({
    queryKey: ['sources', 'channels'],
    queryFn: () => get<{ channels: { channel: string; campaigns: string[] }[] }>('/sources/channels'),
    enabled: has('sourceChannel') && can('ad_cost', 'read'),
    staleTime: 5 * 60_000,
    retry: false,
  });
  const groups = useQuery({
    queryKey: ['product-groups', 'options'],
    queryFn: async () => (await get<{ items: (Named & { parentId: string | null })[] }>('/product-groups')).items,
    enabled: has('productGroupId') && canProducts,
    staleTime: 5 * 60_000,
    retry: false,
  });
  const f = def.filters;
  const values = (list: readonly string[]) => list.map((v) => ({ value: v, label: t(`values.${v}`) }));
  const select = (key: MoreFilterKey, label: string, w: number) => ({
    size: 'xs' as const,
    w,
    placeholder: label,
    'aria-label': label,
    clearable: true,
    value: (f[key] as string | undefined) ?? null,
    onChange: (v: string | null) => setFilters({ [key]: v }),
    'data-testid': `report-filter-${key}`,
  });
  return (
    <>
      {has('stageId') && pipelines.length > 0 && <Select {...select('stageId', t('builder.stage'), 190)} searchable data={stageOptions(pipelines, f.pipelineId)} />}
      {has('dealType') && <Select {...select('dealType', t('builder.dealType'), 150)} data={values(dealTypes)} />}
      {has('sourceChannel') && <SourceFilter value={f.sourceChannel ?? ''} channels={(channels.data?.channels ?? []).map((c) => c.channel)} onCommit={(v) => setFilters({ sourceChannel: v })} label={t('builder.source')} />}
      {has('companyStatus') && <Select {...select('companyStatus', t('builder.companyStatus'), 170)} data={values(companyStatuses)} />}
      {has('activityType') && <Select {...select('activityType', t('builder.activityType'), 160)} data={values(activityTypes)} />}
      {has('productId') && canProducts && <ProductFilter value={f.productId ?? null} onChange={(id) => setFilters({ productId: id })} label={t('builder.product')} />}
      {has('productGroupId') && canProducts && <Select {...select('productGroupId', t('builder.productGroup'), 190)} searchable data={treeOptions(groups.data ?? [], (g) => g.name)} />}
    </>
  );
}
