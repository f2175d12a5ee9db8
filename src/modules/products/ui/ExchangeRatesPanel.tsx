import { useState } from 'react';
import { Alert, Button, Group, Modal, NumberInput, Paper, Stack, Table, Text, TextInput } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { del, patch, post } from '../../../web/api.js';
import { useAuth } from '../../../web/auth.js';
import { ConfirmDialog } from '../../../web/components/ConfirmDialog.js';
import { featureErrorMessage, featureFieldErrors } from '../../../web/components/apiErrors.js';
import { useFormat } from '../../../web/components/format.js';
import { LoadMore } from '../../../web/components/ListControls.js';
import { useCursorList } from '../../../web/components/useCursorList.js';
import type { ExchangeRate } from '../catalog.schema.js';
import { catalogKey, useDecimal, useSeparators } from './catalog.js';
import { CurrencySelect } from './MoneyInput.js';

const ratesKey = [...catalogKey, 'rates'] as const;

function RateModal({ item, baseCurrency, onDone, onClose }: { item: ExchangeRate | null; baseCurrency: string; onDone(): Promise<void>; onClose(): void }) {
  const { t } = useTranslation('products');
  const [v, setV] = useState({ date: item?.date ?? new Date().toISOString().slice(0, 10), currency: item?.currency ?? (baseCurrency === 'EUR' ? 'USD' : 'EUR'), rate: item?.rate ?? ('' as number | '') });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const { decimalSeparator } = useSeparators();
  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    setBusy(true);
    try {
      const body = { ...v, rate: v.rate === '' ? 0 : v.rate };
      if (item) await patch(`/exchange-rates/${item.id}`, body);
      else await post('/exchange-rates', body);
      await onDone();
      onClose();
    } catch (err) {
      const fields = featureFieldErrors(t, err, 'products');
      setErrors(Object.keys(fields).length ? fields : { rate: featureErrorMessage(t, err, 'products') });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal opened onClose={onClose} title={item ? t('rates.edit') : t('rates.new')}>
      <form onSubmit={submit}>
        <Stack>
          <TextInput type="date" label={t('rates.date')} required value={v.date} error={errors.date} onChange={(e) => setV({ ...v, date: e.currentTarget.value })} data-testid="rate-date" />
          <CurrencySelect label={t('rates.currency')} value={v.currency} error={errors.currency} onChange={(currency) => setV({ ...v, currency })} />
          <NumberInput
            label={t('rates.rate', { base: baseCurrency, currency: v.currency })}
            required
            min={0}
            decimalScale={6}
            decimalSeparator={decimalSeparator}
            value={v.rate}
            error={errors.rate}
            onChange={(n) => setV({ ...v, rate: typeof n === 'number' ? n : '' })}
            data-testid="rate-value"
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common:actions.cancel')}
            </Button>
            <Button type="submit" loading={busy} data-testid="rate-submit">
              {t('common:actions.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

function BaseCurrency({ value }: { value: string }) {
  const { t } = useTranslation('products');
  const { can } = useAuth();
  const qc = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const change = async (baseCurrency: string) => {
    setError(null);
    try {
      await patch('/catalog/settings', { baseCurrency });
      await qc.invalidateQueries({ queryKey: catalogKey });
    } catch (err) {
      setError(featureErrorMessage(t, err, 'products'));
    }
  };
  return (
    <Paper withBorder p="md">
      <Group align="flex-end">
        {can('settings', 'update') ? <CurrencySelect w={140} label={t('rates.baseCurrency')} value={value} onChange={(c) => void change(c)} /> : <Text>{t('rates.baseCurrency')}: {value}</Text>}
        <Text size="sm" c="dimmed" maw={520}>
          {t('rates.baseHint')}
        </Text>
      </Group>
      {error && (
        <Alert color="red" mt="sm">
          {error}
        </Alert>
      )}
    </Paper>
  );
}

/** The base currency and dated exchange rates to it (newest first). */
export function ExchangeRatesPanel({ baseCurrency }: { baseCurrency: string }) {
  const { t } = useTranslation('products');
  const { can } = useAuth();
  const qc = useQueryClient();
  const fmt = useFormat();
  const decimal = useDecimal();
  const rows = useCursorList<ExchangeRate>({ key: ratesKey, path: '/exchange-rates', limit: 100 });
  const [edit, setEdit] = useState<ExchangeRate | 'new' | null>(null);
  const [deleting, setDeleting] = useState<ExchangeRate | null>(null);
  const refresh = () => qc.invalidateQueries({ queryKey: catalogKey });
  return (
    <Stack>
      <BaseCurrency value={baseCurrency} />
      {can('product', 'create') && (
        <Button w="fit-content" onClick={() => setEdit('new')} data-testid="rate-add">
          {t('rates.new')}
        </Button>
      )}
      {!rows.isPending && !rows.items.length ? (
        <Text c="dimmed">{t('rates.empty')}</Text>
      ) : (
        <Table data-testid="rates-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('rates.date')}</Table.Th>
              <Table.Th>{t('rates.currency')}</Table.Th>
              <Table.Th ta="right">{t('rates.rateShort', { base: baseCurrency })}</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.items.map((r) => (
              <Table.Tr key={r.id}>
                <Table.Td>{fmt.calendarDate(r.date)}</Table.Td>
                <Table.Td>{r.currency}</Table.Td>
                <Table.Td ta="right">{decimal(r.rate)}</Table.Td>
                <Table.Td>
                  <Group gap="xs" justify="flex-end" wrap="nowrap">
                    {can('product', 'update') && (
                      <Button size="xs" variant="subtle" onClick={() => setEdit(r)}>
                        {t('common:actions.edit')}
                      </Button>
                    )}
                    {can('product', 'delete') && (
                      <Button size="xs" variant="subtle" color="red" onClick={() => setDeleting(r)}>
                        {t('common:actions.delete')}
                      </Button>
                    )}
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <LoadMore hasMore={rows.hasMore} loading={rows.loadingMore} onClick={rows.loadMore} label={t('common:actions.loadMore')} />
      {edit && <RateModal item={edit === 'new' ? null : edit} baseCurrency={baseCurrency} onDone={refresh} onClose={() => setEdit(null)} />}
      <ConfirmDialog
        opened={!!deleting}
        message={deleting ? t('rates.deleteConfirm', { currency: deleting.currency, date: fmt.calendarDate(deleting.date) }) : ''}
        onConfirm={async () => {
          if (!deleting) return null;
          try {
            await del(`/exchange-rates/${deleting.id}`);
            await refresh();
            return null;
          } catch (err) {
            return featureErrorMessage(t, err, 'products');
          }
        }}
        onClose={() => setDeleting(null)}
      />
    </Stack>
  );
}
