import { useState } from 'react';
import { Button, Group, Select, TextInput } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { get } from '../../../web/api.js';
import { DebouncedInput } from '../../../web/components/ListControls.js';
import { OwnerSelect } from '../../../web/components/OwnerSelect.js';
import { RecordPicker } from '../../../web/components/RecordPicker.js';
import { treeOptions } from '../../../shared/tree.js';

/** URL keys of the deal filters (shared by the board and the table). */
export const filterKeys = ['q', 'ownerId', 'departmentId', 'productId', 'companyId', 'sourceChannel', 'createdFrom', 'createdTo', 'expectedFrom', 'expectedTo'] as const;

export const filtersOf = (params: Record<string, string>) => Object.fromEntries(filterKeys.filter((k) => params[k]).map((k) => [k, params[k]!]));

interface Named {
  id: string;
  name: string;
}

/** A record filter kept as an id in the URL: the picked record's name is loaded back after a reload. */
function IdFilter({ path, value, onChange, label, w }: { path: string; value: string | null; onChange(id: string | null): void; label: string; w: number }) {
  const record = useQuery({ queryKey: [path.slice(1), value], queryFn: () => get<Named>(`${path}/${value}`), enabled: !!value, retry: false });
  if (value && record.isPending) return <Select size="xs" w={w} disabled placeholder={label} data={[]} />;
  return (
    <RecordPicker<Named>
      key={value ?? ''}
      size="xs"
      w={w}
      path={path}
      placeholder={label}
      aria-label={label}
      initial={value ? (record.data ?? { id: value, name: value }) : null}
      describe={(r) => r.name}
      onPick={(r) => onChange(r?.id ?? null)}
      data-testid={`deals-filter-${path.slice(1)}`}
    />
  );
}

interface Props {
  params: Record<string, string>;
  set(key: string, value: string | null): void;
  setMany(values: Record<string, string | null>): void;
  reset(): void;
  filtered: boolean;
}

/** The compact filter bar of the deals pages: search, owner, department, product, company, source, date range. */
export function DealFilters({ params, set, setMany, reset, filtered }: Props) {
  const { t } = useTranslation('deals');
  const departments = useQuery({
    queryKey: ['departments', 'options'],
    queryFn: async () => (await get<{ items: (Named & { parentId: string | null })[] }>('/departments')).items,
    staleTime: 5 * 60_000,
    retry: false,
  });
  const [dateField, setDateField] = useState<'created' | 'expected'>(params.expectedFrom || params.expectedTo ? 'expected' : 'created');
  const from = `${dateField}From`;
  const to = `${dateField}To`;
  const switchDate = (next: 'created' | 'expected') => {
    const other = next === 'created' ? 'expected' : 'created';
    setDateField(next);
    setMany({ [`${next}From`]: params[`${other}From`] ?? null, [`${next}To`]: params[`${other}To`] ?? null, [`${other}From`]: null, [`${other}To`]: null });
  };
  return (
    <Group gap={6} align="center" data-testid="deals-filters">
      <DebouncedInput size="xs" w={180} placeholder={t('filters.search')} aria-label={t('filters.search')} value={params.q ?? ''} onCommit={(v) => set('q', v)} data-testid="deals-search" />
      <OwnerSelect size="xs" w={160} label={null} placeholder={t('filters.owner')} aria-label={t('filters.owner')} clearable value={params.ownerId ?? null} onChange={(v) => set('ownerId', v)} />
      {(departments.data?.length ?? 0) > 0 && (
        <Select
          size="xs"
          w={160}
          placeholder={t('filters.department')}
          aria-label={t('filters.department')}
          clearable
          searchable
          value={params.departmentId ?? null}
          data={treeOptions(departments.data ?? [], (d) => d.name)}
          onChange={(v) => set('departmentId', v)}
        />
      )}
      <IdFilter path="/companies" w={180} label={t('filters.company')} value={params.companyId ?? null} onChange={(v) => set('companyId', v)} />
      <IdFilter path="/products" w={170} label={t('filters.product')} value={params.productId ?? null} onChange={(v) => set('productId', v)} />
      <DebouncedInput size="xs" w={130} placeholder={t('filters.source')} aria-label={t('filters.source')} value={params.sourceChannel ?? ''} onCommit={(v) => set('sourceChannel', v)} />
      <Select
        size="xs"
        w={150}
        aria-label={t('filters.dateField')}
        allowDeselect={false}
        value={dateField}
        data={[
          { value: 'created', label: t('filters.created') },
          { value: 'expected', label: t('filters.expected') },
        ]}
        onChange={(v) => v && switchDate(v as 'created' | 'expected')}
      />
      <TextInput size="xs" w={130} type="date" aria-label={t('filters.from')} value={params[from] ?? ''} onChange={(e) => set(from, e.currentTarget.value || null)} />
      <TextInput size="xs" w={130} type="date" aria-label={t('filters.to')} value={params[to] ?? ''} onChange={(e) => set(to, e.currentTarget.value || null)} />
      {filtered && (
        <Button size="xs" variant="subtle" onClick={reset}>
          {t('filters.reset')}
        </Button>
      )}
    </Group>
  );
}
