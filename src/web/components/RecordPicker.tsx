import { useState } from 'react';
import { Select, type SelectProps } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { get } from '../api.js';

interface Props<T extends { id: string }> extends Omit<SelectProps, 'data' | 'value' | 'onChange' | 'searchValue' | 'onSearchChange'> {
  /** list endpoint with a `q` search parameter, e.g. '/companies' */
  path: string;
  describe(item: T): string;
  /** ids not offered (the record itself, already linked ones) */
  exclude?: string[];
  onPick(item: T | null): void;
  /** preselected record */
  initial?: T | null;
  /** extra filters of the list endpoint, e.g. { companyId } */
  query?: Record<string, string | undefined>;
}

/** Searchable select over a list endpoint: the server does the matching (names, ids, phones). */
export function RecordPicker<T extends { id: string }>({ path, describe, exclude = [], onPick, initial = null, query, ...props }: Props<T>) {
  const { t } = useTranslation('ui');
  const [search, setSearch] = useState('');
  const [picked, setPicked] = useState<T | null>(initial);
  const [q] = useDebouncedValue(search.trim(), 250);
  const found = useQuery({
    queryKey: [path, 'picker', q, query],
    queryFn: () => get<{ items: T[] }>(path, { ...query, q: q || undefined, limit: 20 }),
    placeholderData: (prev) => prev,
  });
  const results = (found.data?.items ?? []).filter((i) => !exclude.includes(i.id) && i.id !== picked?.id);
  const items = picked ? [picked, ...results] : results;
  return (
    <Select
      placeholder={t('picker.placeholder')}
      searchable
      clearable
      {...props}
      data={items.map((i) => ({ value: i.id, label: describe(i) }))}
      filter={({ options }) => options}
      value={picked?.id ?? null}
      searchValue={search}
      onSearchChange={setSearch}
      nothingFoundMessage={found.isFetching ? t('common:state.loading') : t('common:state.noResults')}
      onChange={(id) => {
        const item = items.find((i) => i.id === id) ?? null;
        setPicked(item);
        onPick(item);
      }}
    />
  );
}
