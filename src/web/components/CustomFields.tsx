import { Checkbox, Group, MultiSelect, NumberInput, Select, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { CustomField, CustomFieldEntity } from '../../modules/customfields/customfields.schema.js';
import { get } from '../api.js';
import { useFormat } from './format.js';

export type CustomValues = Record<string, unknown>;

/** Admin-defined fields of an entity, in their configured order. */
export function useCustomFields(entity: CustomFieldEntity) {
  return useQuery({
    queryKey: ['custom-fields', entity],
    queryFn: () => get<{ items: CustomField[] }>('/custom-fields', { entity }),
    select: (r) => [...r.items].sort((a, b) => a.position - b.position),
    staleTime: 60_000,
  });
}

interface InputsProps {
  entity: CustomFieldEntity;
  values: CustomValues;
  onChange(values: CustomValues): void;
  /** server field errors keyed like 'custom.region' */
  errors: Record<string, string>;
  testPrefix: string;
}

/** One input per custom field, chosen by the field's type. */
export function CustomFieldInputs({ entity, values, onChange, errors, testPrefix }: InputsProps) {
  const { data: fields = [] } = useCustomFields(entity);
  const set = (key: string, v: unknown) => onChange({ ...values, [key]: v });
  if (!fields.length) return null;
  return (
    <SimpleGrid cols={{ base: 1, sm: 2 }}>
      {fields.map((f) => {
        const common = {
          label: f.label,
          required: f.required,
          error: errors[`custom.${f.key}`],
          'data-testid': `${testPrefix}-custom-${f.key}`,
        };
        const v = values[f.key];
        switch (f.type) {
          case 'number':
            return <NumberInput key={f.key} {...common} value={typeof v === 'number' ? v : ''} onChange={(n) => set(f.key, typeof n === 'number' ? n : null)} />;
          case 'date':
            return <TextInput key={f.key} {...common} type="date" value={typeof v === 'string' ? v : ''} onChange={(e) => set(f.key, e.currentTarget.value || null)} />;
          case 'select':
            return <Select key={f.key} {...common} clearable data={f.options} value={typeof v === 'string' ? v : null} onChange={(s) => set(f.key, s)} />;
          case 'multiselect':
            return <MultiSelect key={f.key} {...common} clearable data={f.options} value={Array.isArray(v) ? (v as string[]) : []} onChange={(s) => set(f.key, s)} />;
          case 'checkbox':
            return (
              <Checkbox
                key={f.key}
                mt={{ sm: 'xl' }}
                label={f.label}
                error={common.error}
                data-testid={common['data-testid']}
                checked={v === true}
                onChange={(e) => set(f.key, e.currentTarget.checked)}
              />
            );
          default:
            return <TextInput key={f.key} {...common} value={typeof v === 'string' ? v : ''} onChange={(e) => set(f.key, e.currentTarget.value || null)} />;
        }
      })}
    </SimpleGrid>
  );
}

/** Read-only custom field values for a card. Empty values are left out. */
export function CustomFieldValues({ entity, values }: { entity: CustomFieldEntity; values: CustomValues }) {
  const { t } = useTranslation('ui');
  const fmt = useFormat();
  const { data: fields = [] } = useCustomFields(entity);
  const shown = fields.filter((f) => {
    const v = values[f.key];
    return v !== null && v !== undefined && v !== '' && !(Array.isArray(v) && v.length === 0);
  });
  if (!shown.length) return <Text c="dimmed" size="sm">{t('none')}</Text>;
  const display = (f: CustomField, v: unknown): string => {
    if (f.type === 'checkbox') return v ? t('yes') : t('no');
    if (f.type === 'date' && typeof v === 'string') return fmt.calendarDate(v);
    if (Array.isArray(v)) return v.join(', ');
    return String(v);
  };
  return (
    <Stack gap={4}>
      {shown.map((f) => (
        <Group key={f.key} gap="xs" wrap="nowrap" align="flex-start">
          <Text size="sm" c="dimmed" w={160} style={{ flexShrink: 0 }}>
            {f.label}
          </Text>
          <Text size="sm">{display(f, values[f.key])}</Text>
        </Group>
      ))}
    </Stack>
  );
}
