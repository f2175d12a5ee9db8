import type { ReactNode } from 'react';
import { Button, CloseButton, Group, Input, Select, Stack, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';

export const phoneKinds = ['work', 'mobile', 'fax', 'other'] as const;
export const emailKinds = ['work', 'personal', 'other'] as const;
export const addressKinds = ['legal', 'actual', 'postal'] as const;

export interface PhoneRow {
  kind: (typeof phoneKinds)[number];
  raw: string;
}
export interface EmailRow {
  kind: (typeof emailKinds)[number];
  email: string;
}
export interface AddressRow {
  kind: (typeof addressKinds)[number];
  country: string;
  city: string;
  postalCode: string;
  line: string;
}

interface RowsProps<T> {
  /** field name in the API, e.g. 'phones': errors are looked up as `phones.0.raw` */
  name: string;
  label: string;
  addLabel: string;
  rows: T[];
  onChange(rows: T[]): void;
  blank: T;
  errors: Record<string, string>;
  render(row: T, set: (patch: Partial<T>) => void, error: (field: string) => string | undefined, index: number): ReactNode;
  testId: string;
}

/** Repeatable rows (phones, e-mails, addresses) with add/remove buttons. */
function RepeatableRows<T>({ name, label, addLabel, rows, onChange, blank, errors, render, testId }: RowsProps<T>) {
  const { t } = useTranslation('ui');
  const arrayError = errors[name];
  return (
    <Input.Wrapper label={label} error={arrayError}>
      <Stack gap="xs" mt={4}>
        {rows.map((row, i) => (
          <Group key={i} gap="xs" align="flex-start" wrap="nowrap">
            {render(
              row,
              (p) => onChange(rows.map((r, j) => (j === i ? { ...r, ...p } : r))),
              (field) => errors[`${name}.${i}.${field}`] ?? errors[`${name}.${i}`],
              i,
            )}
            <CloseButton
              mt={4}
              aria-label={t('common:actions.remove')}
              data-testid={`${testId}-remove-${i}`}
              onClick={() => onChange(rows.filter((_, j) => j !== i))}
            />
          </Group>
        ))}
        <Button variant="subtle" size="compact-sm" w="fit-content" data-testid={`${testId}-add`} onClick={() => onChange([...rows, { ...blank }])}>
          {addLabel}
        </Button>
      </Stack>
    </Input.Wrapper>
  );
}

interface EditorProps<T> {
  rows: T[];
  onChange(rows: T[]): void;
  errors: Record<string, string>;
  /** prefix for data-testid, e.g. 'company' gives company-phone-0 */
  testPrefix: string;
}

export function PhonesEditor({ rows, onChange, errors, testPrefix }: EditorProps<PhoneRow>) {
  const { t } = useTranslation('ui');
  return (
    <RepeatableRows<PhoneRow>
      name="phones"
      label={t('phones.title')}
      addLabel={t('phones.add')}
      rows={rows}
      onChange={onChange}
      blank={{ kind: 'work', raw: '' }}
      errors={errors}
      testId={`${testPrefix}-phone`}
      render={(row, set, error, i) => (
        <>
          <Select
            w={130}
            aria-label={t('phones.kind')}
            allowDeselect={false}
            value={row.kind}
            data={phoneKinds.map((k) => ({ value: k, label: t(`phones.kinds.${k}`) }))}
            onChange={(v) => v && set({ kind: v as PhoneRow['kind'] })}
          />
          <TextInput
            style={{ flex: 1 }}
            type="tel"
            aria-label={t('phones.number')}
            placeholder={t('phones.placeholder')}
            value={row.raw}
            error={error('raw')}
            data-testid={`${testPrefix}-phone-${i}`}
            onChange={(e) => set({ raw: e.currentTarget.value })}
          />
        </>
      )}
    />
  );
}

export function EmailsEditor({ rows, onChange, errors, testPrefix }: EditorProps<EmailRow>) {
  const { t } = useTranslation('ui');
  return (
    <RepeatableRows<EmailRow>
      name="emails"
      label={t('emails.title')}
      addLabel={t('emails.add')}
      rows={rows}
      onChange={onChange}
      blank={{ kind: 'work', email: '' }}
      errors={errors}
      testId={`${testPrefix}-email`}
      render={(row, set, error, i) => (
        <>
          <Select
            w={130}
            aria-label={t('emails.kind')}
            allowDeselect={false}
            value={row.kind}
            data={emailKinds.map((k) => ({ value: k, label: t(`emails.kinds.${k}`) }))}
            onChange={(v) => v && set({ kind: v as EmailRow['kind'] })}
          />
          <TextInput
            style={{ flex: 1 }}
            type="email"
            aria-label={t('emails.email')}
            placeholder="name@example.com"
            value={row.email}
            error={error('email')}
            data-testid={`${testPrefix}-email-${i}`}
            onChange={(e) => set({ email: e.currentTarget.value })}
          />
        </>
      )}
    />
  );
}

export function AddressesEditor({ rows, onChange, errors, testPrefix }: EditorProps<AddressRow>) {
  const { t } = useTranslation('ui');
  return (
    <RepeatableRows<AddressRow>
      name="addresses"
      label={t('addresses.title')}
      addLabel={t('addresses.add')}
      rows={rows}
      onChange={onChange}
      blank={{ kind: 'legal', country: '', city: '', postalCode: '', line: '' }}
      errors={errors}
      testId={`${testPrefix}-address`}
      render={(row, set, error, i) => (
        <Group gap="xs" style={{ flex: 1 }} align="flex-start">
          <Select
            w={140}
            aria-label={t('addresses.kind')}
            allowDeselect={false}
            value={row.kind}
            data={addressKinds.map((k) => ({ value: k, label: t(`addresses.kinds.${k}`) }))}
            onChange={(v) => v && set({ kind: v as AddressRow['kind'] })}
          />
          <TextInput w={110} placeholder={t('addresses.country')} aria-label={t('addresses.country')} value={row.country} error={error('country')} onChange={(e) => set({ country: e.currentTarget.value })} />
          <TextInput w={100} placeholder={t('addresses.postalCode')} aria-label={t('addresses.postalCode')} value={row.postalCode} error={error('postalCode')} onChange={(e) => set({ postalCode: e.currentTarget.value })} />
          <TextInput w={150} placeholder={t('addresses.city')} aria-label={t('addresses.city')} value={row.city} error={error('city')} data-testid={`${testPrefix}-address-city-${i}`} onChange={(e) => set({ city: e.currentTarget.value })} />
          <TextInput style={{ flex: 1, minWidth: 200 }} placeholder={t('addresses.line')} aria-label={t('addresses.line')} value={row.line} error={error('line')} onChange={(e) => set({ line: e.currentTarget.value })} />
        </Group>
      )}
    />
  );
}
