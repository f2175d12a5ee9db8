import { Group, Select } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { get } from '../../../web/api.js';
import { useAuth } from '../../../web/auth.js';
import { OwnerSelect } from '../../../web/components/OwnerSelect.js';
import { minorDigits } from '../../../shared/money.js';
import { treeOptions } from '../../../shared/tree.js';
import { targetKinds, type TargetKind } from '../plans.schema.js';

/** Shared bits of the plans pages: money in the base currency, the departments, the target picker. */

export function useMoney(): (minor: number | null | undefined, currency: string) => string {
  const { i18n } = useTranslation();
  return (minor, currency) => {
    if (minor === null || minor === undefined) return '—';
    const digits = minorDigits(currency);
    return new Intl.NumberFormat(i18n.language, { style: 'currency', currency, maximumFractionDigits: 0 }).format(minor / 10 ** digits);
  };
}

export function useDepartments() {
  return useQuery({
    queryKey: ['departments', 'options'],
    queryFn: async () => (await get<{ items: { id: string; name: string; parentId: string | null }[] }>('/departments')).items,
    staleTime: 5 * 60_000,
    retry: false,
  });
}

export interface TargetValue {
  kind: TargetKind;
  id: string | null;
}

/** The default target of the signed-in user: the company for 'all' plan readers, else themselves. */
export function useDefaultTarget(): TargetValue {
  const { me } = useAuth();
  return me?.permissions.plan?.read === 'all' ? { kind: 'company', id: null } : { kind: 'user', id: me?.id ?? null };
}

export function TargetPicker({ value, onChange }: { value: TargetValue; onChange(v: TargetValue): void }) {
  const { t } = useTranslation('plans');
  const departments = useDepartments();
  return (
    <Group gap={6} wrap="nowrap">
      <Select
        size="xs"
        w={140}
        aria-label={t('target.kind')}
        allowDeselect={false}
        value={value.kind}
        data={targetKinds.map((k) => ({ value: k, label: t(`target.${k}`) }))}
        onChange={(k) => onChange({ kind: (k ?? 'user') as TargetKind, id: null })}
      />
      {value.kind === 'user' && <OwnerSelect size="xs" w={190} label={null} aria-label={t('target.user')} value={value.id} onChange={(id) => onChange({ kind: 'user', id })} />}
      {value.kind === 'department' && (
        <Select
          size="xs"
          w={200}
          aria-label={t('target.department')}
          searchable
          value={value.id}
          data={treeOptions(departments.data ?? [], (d) => d.name)}
          onChange={(id) => onChange({ kind: 'department', id })}
        />
      )}
    </Group>
  );
}

export const targetQuery = (v: TargetValue) => ({ targetKind: v.kind, ...(v.id ? { targetId: v.id } : {}) });
