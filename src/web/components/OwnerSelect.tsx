import { Select, type SelectProps } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { get } from '../api.js';

interface UserOption {
  id: string;
  name: string;
  isActive?: boolean;
}

/** Users for owner pickers (the first 500 by name; enough for a sales team). */
export function useUsers() {
  return useQuery({
    queryKey: ['users', 'options'],
    queryFn: () => get<{ items: UserOption[] }>('/users', { limit: 500 }),
    select: (r) => r.items,
    staleTime: 5 * 60_000,
    retry: false,
  });
}

/** Select of a responsible manager (owner). Inactive users stay selectable only if already chosen. */
type Props = Omit<SelectProps, 'data' | 'value' | 'onChange'> & {
  value: string | null;
  onChange(id: string | null): void;
  /** the current owner's name, shown even when the user list is not available */
  valueLabel?: string | null;
};

export function OwnerSelect({ value, onChange, valueLabel, ...props }: Props) {
  const { t } = useTranslation('ui');
  const users = useUsers();
  const data = (users.data ?? [])
    .filter((u) => u.isActive !== false || u.id === value)
    .map((u) => ({ value: u.id, label: u.name }));
  if (value && valueLabel && !data.some((d) => d.value === value)) data.unshift({ value, label: valueLabel });
  return (
    <Select
      label={t('owner')}
      searchable
      nothingFoundMessage={t('common:state.noResults')}
      {...props}
      data={data}
      value={value}
      onChange={onChange}
    />
  );
}
