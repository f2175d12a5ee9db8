import { Button, Popover, Select, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useCustomFields } from '../../../web/components/CustomFields.js';
import { DebouncedInput } from '../../../web/components/ListControls.js';

interface Props {
  params: Record<string, string>;
  set(key: string, value: string | null): void;
}

/** "More filters": one per custom field of companies (`cf.<key>=value`); hidden when there are none. */
export function MoreFilters({ params, set }: Props) {
  const { t } = useTranslation('companies');
  const { data: fields = [] } = useCustomFields('company');
  const active = Object.keys(params).filter((k) => k.startsWith('cf.')).length;
  if (!fields.length) return null;
  return (
    <Popover position="bottom-end" width={300} withinPortal trapFocus shadow="md">
      <Popover.Target>
        <Button variant={active ? 'light' : 'default'} data-testid="companies-more-filters">
          {t('filters.more')}
          {active ? ` (${active})` : ''}
        </Button>
      </Popover.Target>
      <Popover.Dropdown>
        <Stack gap="xs">
          {fields.map((f) => {
            const key = `cf.${f.key}`;
            const value = params[key] ?? '';
            if (f.type === 'select' || f.type === 'multiselect' || f.type === 'checkbox') {
              const data =
                f.type === 'checkbox'
                  ? [
                      { value: 'true', label: t('filters.yes') },
                      { value: 'false', label: t('filters.no') },
                    ]
                  : f.options;
              return <Select key={key} label={f.label} clearable data={data} value={value || null} comboboxProps={{ withinPortal: false }} onChange={(v) => set(key, v)} />;
            }
            return <DebouncedInput key={key} label={f.label} type={f.type === 'date' ? 'date' : 'text'} value={value} onCommit={(v) => set(key, v)} />;
          })}
        </Stack>
      </Popover.Dropdown>
    </Popover>
  );
}
