import { Button, Group, SegmentedControl, Select, Stack, Switch, TextInput } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { get } from '../../../web/api.js';
import { useListParams } from '../../../web/components/ListControls.js';
import { OwnerSelect } from '../../../web/components/OwnerSelect.js';
import { currentPeriod, PeriodPicker } from '../../../web/components/PeriodPicker.js';
import { RecordPicker } from '../../../web/components/RecordPicker.js';
import { treeOptions } from '../../../shared/tree.js';
import type { Pipeline } from '../../pipelines/pipelines.schema.js';
import { ActivityFunnelView } from './ActivityFunnelView.js';
import { DealFunnelView } from './DealFunnelView.js';
import { clearDrill } from './funnelsUi.js';
import { RejectionsView } from './RejectionsView.js';

interface Named {
  id: string;
  name: string;
}

const views = ['deals', 'activities', 'rejections'] as const;

/** Analytics > Funnels: the sales funnel, the activity funnel and rejections, with the filters kept in the URL. */
export function FunnelsPage() {
  const { t } = useTranslation('funnels');
  const list = useListParams({ view: 'deals', period: currentPeriod('quarter'), groupBy: 'owner', by: 'owner' });
  const { params } = list;
  const setMany = (values: Record<string, string | null>) => list.replace(Object.fromEntries(Object.entries({ ...params, ...values }).filter((e): e is [string, string] => !!e[1])));
  const pipelines = useQuery({ queryKey: ['pipelines', 'options'], queryFn: async () => (await get<{ items: Pipeline[] }>('/pipelines')).items, staleTime: 60_000 });
  const departments = useQuery({
    queryKey: ['departments', 'options'],
    queryFn: async () => (await get<{ items: (Named & { parentId: string | null })[] }>('/departments')).items,
    staleTime: 5 * 60_000,
    retry: false,
  });
  const pipeline = pipelines.data?.find((p) => p.id === params.pipelineId) ?? pipelines.data?.find((p) => p.isDefault) ?? pipelines.data?.[0];
  const custom = !!(params.from || params.to || params.custom);
  const view = (views as readonly string[]).includes(params.view!) ? params.view! : 'deals';
  const filtered = ['ownerId', 'departmentId', 'companyId', 'productId', 'pipelineId', 'custom', 'from', 'to'].some((k) => params[k]);

  return (
    <Stack gap="sm" data-testid="funnels-page">
      <SegmentedControl w="fit-content" value={view} onChange={(v) => setMany({ view: v, ...clearDrill })} data={views.map((v) => ({ value: v, label: t(`views.${v}`) }))} data-testid="funnels-view" />
      <Group gap={6} align="center" data-testid="funnels-filters">
        {custom ? (
          <>
            <TextInput size="xs" w={140} type="date" aria-label={t('filters.from')} value={params.from ?? ''} onChange={(e) => setMany({ from: e.currentTarget.value || null, ...clearDrill })} />
            <TextInput size="xs" w={140} type="date" aria-label={t('filters.to')} value={params.to ?? ''} onChange={(e) => setMany({ to: e.currentTarget.value || null, ...clearDrill })} />
          </>
        ) : (
          <PeriodPicker value={params.period!} onChange={(v) => setMany({ period: v, ...clearDrill })} />
        )}
        <Switch size="xs" label={t('filters.custom')} checked={custom} onChange={(e) => setMany(e.currentTarget.checked ? { custom: '1' } : { custom: null, from: null, to: null })} />
        {view !== 'activities' && (
          <Select
            size="xs"
            w={180}
            aria-label={t('filters.pipeline')}
            placeholder={t('filters.pipeline')}
            allowDeselect={false}
            value={pipeline?.id ?? null}
            data={(pipelines.data ?? []).map((p) => ({ value: p.id, label: p.name }))}
            onChange={(v) => setMany({ pipelineId: v, ...clearDrill })}
            data-testid="funnels-pipeline"
          />
        )}
        <OwnerSelect size="xs" w={170} label={null} placeholder={t('filters.owner')} aria-label={t('filters.owner')} clearable value={params.ownerId ?? null} onChange={(v) => setMany({ ownerId: v, ...clearDrill })} />
        {(departments.data?.length ?? 0) > 0 && (
          <Select
            size="xs"
            w={170}
            placeholder={t('filters.department')}
            aria-label={t('filters.department')}
            clearable
            searchable
            value={params.departmentId ?? null}
            data={treeOptions(departments.data ?? [], (d) => d.name)}
            onChange={(v) => setMany({ departmentId: v, ...clearDrill })}
          />
        )}
        {view !== 'activities' && (
          <>
            <IdFilter path="/companies" label={t('filters.company')} value={params.companyId ?? null} onChange={(v) => setMany({ companyId: v, ...clearDrill })} />
            <IdFilter path="/products" label={t('filters.product')} value={params.productId ?? null} onChange={(v) => setMany({ productId: v, ...clearDrill })} />
          </>
        )}
        {filtered && (
          <Button size="xs" variant="subtle" onClick={list.reset}>
            {t('filters.reset')}
          </Button>
        )}
      </Group>
      {custom && !(params.from && params.to) ? null : view === 'activities' ? (
        <ActivityFunnelView params={params} setMany={setMany} />
      ) : !pipeline ? null : view === 'rejections' ? (
        <RejectionsView params={params} pipeline={pipeline} setMany={setMany} />
      ) : (
        <DealFunnelView params={params} pipeline={pipeline} setMany={setMany} />
      )}
    </Stack>
  );
}

/** A company or product filter kept as an id in the URL; the name is loaded back after a reload. */
function IdFilter({ path, value, onChange, label }: { path: string; value: string | null; onChange(id: string | null): void; label: string }) {
  const record = useQuery({ queryKey: [path.slice(1), value], queryFn: () => get<Named>(`${path}/${value}`), enabled: !!value, retry: false });
  if (value && record.isPending) return <Select size="xs" w={180} disabled placeholder={label} data={[]} />;
  return (
    <RecordPicker<Named>
      key={value ?? ''}
      size="xs"
      w={180}
      path={path}
      placeholder={label}
      aria-label={label}
      initial={value ? (record.data ?? { id: value, name: value }) : null}
      describe={(r) => r.name}
      onPick={(r) => onChange(r?.id ?? null)}
    />
  );
}
