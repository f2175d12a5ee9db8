import { Badge, Button, CloseButton, Group, MultiSelect, Select, Switch, TextInput } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { get } from '../../../web/api.js';
import { OwnerSelect } from '../../../web/components/OwnerSelect.js';
import { treeOptions } from '../../../shared/tree.js';
import { activityTypes, type ActivityListQuery } from '../activities.schema.js';
import { useDepartments } from './activitiesApi.js';

/** URL keys of the activity filters. */
export const filterKeys = ['ownerId', 'departmentId', 'companyId', 'dealId', 'contactId', 'type', 'status', 'overdue', 'promises', 'from', 'to'] as const;
export const defaultFilters = { status: 'open', sort: 'planned' };

/** The API query of the filters in the URL; overdue ones are open by definition. */
export function queryOf(params: Record<string, string>): Partial<Record<keyof ActivityListQuery, string>> {
  const q: Partial<Record<keyof ActivityListQuery, string>> = {};
  for (const k of ['ownerId', 'departmentId', 'companyId', 'dealId', 'contactId', 'type', 'from', 'to'] as const) if (params[k]) q[k] = params[k];
  if (params.status && params.status !== 'all' && !params.overdue) q.status = params.status;
  if (params.promises) q.promises = 'true';
  if (params.overdue) q.overdue = 'true';
  q.sort = params.sort ?? defaultFilters.sort;
  return q;
}

const recordPaths = { companyId: '/companies', dealId: '/deals', contactId: '/contacts' } as const;

/** A filter by one record (from a card's "All activities"), shown by the record's name with a way to drop it. */
function RecordFilter({ field, id, onClear }: { field: keyof typeof recordPaths; id: string; onClear(): void }) {
  const { t } = useTranslation('activities');
  const q = useQuery({
    queryKey: [recordPaths[field].slice(1), id],
    queryFn: () => get<{ name?: string; title?: string; fullName?: string }>(`${recordPaths[field]}/${id}`),
    retry: false,
  });
  const label = { companyId: t('fields.companyId'), dealId: t('fields.dealId'), contactId: t('fields.contactIds') }[field];
  return (
    <Badge
      size="lg"
      variant="light"
      tt="none"
      rightSection={<CloseButton size="xs" aria-label={t('filters.reset')} onClick={onClear} />}
      data-testid="activities-record-filter"
    >
      {`${label}: ${q.data?.name ?? q.data?.title ?? q.data?.fullName ?? '…'}`}
    </Badge>
  );
}

/** A compact department filter (the tree indented); hidden when the user may not list departments. */
export function DepartmentFilter({ label, value, onChange }: { label: string; value: string | null; onChange(id: string | null): void }) {
  const departments = useDepartments();
  if (!departments.data?.length) return null;
  return (
    <Select
      size="xs"
      w={170}
      placeholder={label}
      aria-label={label}
      clearable
      searchable
      value={value}
      data={treeOptions(departments.data, (d) => d.name)}
      onChange={onChange}
    />
  );
}

interface Props {
  params: Record<string, string>;
  set(key: string, value: string | null): void;
  reset(): void;
  filtered: boolean;
}

/** Filters of the activities page: owner, department, type, status, overdue, promises, planned date range. */
export function ActivityFilters({ params, set, reset, filtered }: Props) {
  const { t } = useTranslation('activities');
  const types = params.type ? params.type.split(',') : [];
  return (
    <Group gap={6} align="center" data-testid="activities-filters">
      {(['companyId', 'dealId', 'contactId'] as const).map((f) => params[f] && <RecordFilter key={f} field={f} id={params[f]!} onClear={() => set(f, null)} />)}
      <OwnerSelect size="xs" w={170} label={null} placeholder={t('filters.owner')} aria-label={t('filters.owner')} clearable value={params.ownerId ?? null} onChange={(v) => set('ownerId', v)} data-testid="activities-filter-owner" />
      <DepartmentFilter label={t('filters.department')} value={params.departmentId ?? null} onChange={(v) => set('departmentId', v)} />
      <MultiSelect
        size="xs"
        miw={170}
        maw={340}
        placeholder={types.length ? undefined : t('filters.type')}
        aria-label={t('filters.type')}
        clearable
        value={types}
        data={activityTypes.map((x) => ({ value: x, label: t(`types.${x}`) }))}
        onChange={(v) => set('type', v.join(',') || null)}
        data-testid="activities-filter-type"
      />
      <Select
        size="xs"
        w={150}
        aria-label={t('filters.status')}
        allowDeselect={false}
        disabled={!!params.overdue}
        value={params.overdue ? 'open' : (params.status ?? defaultFilters.status)}
        data={[
          { value: 'open', label: t('statuses.open') },
          { value: 'done', label: t('statuses.done') },
          { value: 'all', label: t('filters.allStatuses') },
        ]}
        onChange={(v) => set('status', v)}
        data-testid="activities-filter-status"
      />
      <Switch size="xs" label={t('filters.overdue')} checked={!!params.overdue} onChange={(e) => set('overdue', e.currentTarget.checked ? '1' : null)} data-testid="activities-filter-overdue" />
      <Switch size="xs" label={t('filters.promises')} checked={!!params.promises} onChange={(e) => set('promises', e.currentTarget.checked ? '1' : null)} />
      <TextInput size="xs" w={130} type="date" aria-label={t('filters.from')} value={params.from ?? ''} onChange={(e) => set('from', e.currentTarget.value || null)} />
      <TextInput size="xs" w={130} type="date" aria-label={t('filters.to')} value={params.to ?? ''} min={params.from} onChange={(e) => set('to', e.currentTarget.value || null)} />
      {filtered && (
        <Button size="xs" variant="subtle" onClick={reset}>
          {t('filters.reset')}
        </Button>
      )}
    </Group>
  );
}
