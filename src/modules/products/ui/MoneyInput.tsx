import { Group, NumberInput, Select } from '@mantine/core';
import { minorDigits } from '../../../shared/money.js';
import { useSeparators } from './catalog.js';

/** Currencies offered first; any ISO code can be typed. */
export const commonCurrencies = ['RUB', 'EUR', 'USD', 'BGN', 'CNY', 'KZT', 'BYN'];

export function CurrencySelect({ label, value, error, onChange, w }: { label?: string; value: string; error?: string; onChange(c: string): void; w?: number }) {
  const data = [...new Set([...commonCurrencies, value])];
  return <Select w={w} label={label} searchable allowDeselect={false} data={data} value={value} error={error} onChange={(c) => c && onChange(c)} aria-label={label ?? 'currency'} />;
}

/** An amount in major units (rubles, euros) with its currency. */
export function MoneyInput({ label, value, currency, error, onChange, testId }: { label: string; value: number | ''; currency: string; error?: string; onChange(amount: number | '', currency: string): void; testId?: string }) {
  const separators = useSeparators();
  return (
    <Group gap="xs" align="flex-start" wrap="nowrap">
      <NumberInput
        style={{ flex: 1 }}
        label={label}
        min={0}
        decimalScale={minorDigits(currency)}
        {...separators}
        value={value}
        error={error}
        onChange={(n) => onChange(typeof n === 'number' ? n : '', currency)}
        data-testid={testId}
      />
      <div style={{ paddingTop: 25 }}>
        <CurrencySelect w={100} value={currency} onChange={(c) => onChange(value, c)} />
      </div>
    </Group>
  );
}
