import { Autocomplete, Button, Group, Modal, NumberInput, Stack, Table, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { del, get, patch, post } from '../../../web/api.js';
import { useAuth } from '../../../web/auth.js';
import { featureErrorMessage, featureFieldErrors } from '../../../web/components/apiErrors.js';
import { ConfirmButton } from '../../../web/components/ConfirmButton.js';
import { EmptyState, LoadMore } from '../../../web/components/ListControls.js';
import { usePeriodLabel } from '../../../web/components/PeriodPicker.js';
import { useCursorList } from '../../../web/components/useCursorList.js';
import { minorDigits } from '../../../shared/money.js';
import type { AdCost } from '../sources.schema.js';
import { useMoneyText } from '../../../web/components/format.js';

interface Draft {
  id: string | null;
  version: number;
  channel: string;
  campaign: string;
  month: string;
  amount: number | '';
  currency: string;
  note: string;
}

const thisMonth = () => new Date().toISOString().slice(0, 7);

/** Costs per channel / campaign and month: list, add, edit, delete (for roles with the ad_cost permissions). */
export function CostsPanel() {
  const { t } = useTranslation('sources');
  const { can } = useAuth();
  const money = useMoneyText();
  const monthName = usePeriodLabel();
  const qc = useQueryClient();
  const rows = useCursorList<AdCost>({ key: ['sources', 'costs'], path: '/ad-costs', limit: 50 });
  const base = useQuery({ queryKey: ['sources', 'base-currency'], queryFn: () => get<{ baseCurrency: string }>('/catalog/settings') });
  const [draft, setDraft] = useState<Draft | null>(null);
  const refresh = () => void qc.invalidateQueries({ queryKey: ['sources'] });
  const remove = async (id: string) => {
    try {
      await del(`/ad-costs/${id}`);
      refresh();
    } catch (err) {
      notifications.show({ color: 'red', message: featureErrorMessage(t, err, 'sources') });
    }
  };
  const blank = (): Draft => ({ id: null, version: 0, channel: '', campaign: '', month: thisMonth(), amount: '', currency: base.data?.baseCurrency ?? 'RUB', note: '' });
  const edit = (c: AdCost): Draft => ({ id: c.id, version: c.version, channel: c.channel, campaign: c.campaign, month: c.month, amount: c.amount / 10 ** minorDigits(c.currency), currency: c.currency, note: c.note ?? '' });

  return (
    <Stack gap="xs" data-testid="ad-costs">
      <Group justify="space-between">
        <Title order={4}>{t('costs.title')}</Title>
        {can('ad_cost', 'create') && <Button onClick={() => setDraft(blank())}>{t('costs.add')}</Button>}
      </Group>
      {!rows.isPending && !rows.items.length ? (
        <EmptyState title={t('costs.empty')} />
      ) : (
        <Table striped>
          <Table.Thead>
            <Table.Tr>
              {(['month', 'channel', 'campaign', 'amount', 'note'] as const).map((k) => (
                <Table.Th key={k}>{t(`costs.${k}`)}</Table.Th>
              ))}
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.items.map((c) => (
              <Table.Tr key={c.id}>
                <Table.Td>{monthName(c.month)}</Table.Td>
                <Table.Td>{c.channel}</Table.Td>
                <Table.Td>{c.campaign || t('roi.noCampaign')}</Table.Td>
                <Table.Td>{money(c.amount, c.currency)}</Table.Td>
                <Table.Td>{c.note}</Table.Td>
                <Table.Td>
                  <Group gap="xs" justify="flex-end">
                    {can('ad_cost', 'update') && (
                      <Button size="xs" variant="subtle" onClick={() => setDraft(edit(c))}>
                        {t('costs.edit')}
                      </Button>
                    )}
                    {can('ad_cost', 'delete') && (
                      <ConfirmButton size="xs" variant="subtle" color="red" message={t('costs.confirmDelete')} onConfirm={() => remove(c.id)}>
                        {t('costs.delete')}
                      </ConfirmButton>
                    )}
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <LoadMore hasMore={rows.hasMore} loading={rows.loadingMore} onClick={rows.loadMore} label={t('common:actions.loadMore')} />
      {draft && (
        <CostForm
          draft={draft}
          onClose={() => setDraft(null)}
          onSaved={() => {
            setDraft(null);
            refresh();
          }}
        />
      )}
    </Stack>
  );
}

function CostForm({ draft: initial, onClose, onSaved }: { draft: Draft; onClose(): void; onSaved(): void }) {
  const { t } = useTranslation('sources');
  const [d, setD] = useState(initial);
  const channels = useQuery({ queryKey: ['sources', 'channels'], queryFn: () => get<{ channels: { channel: string; campaigns: string[] }[] }>('/sources/channels') });
  const save = useMutation({
    mutationFn: () => {
      const body = {
        channel: d.channel,
        campaign: d.campaign,
        month: d.month,
        amount: d.amount === '' ? Number.NaN : Math.round(d.amount * 10 ** minorDigits(d.currency)),
        currency: d.currency,
        note: d.note || null,
      };
      return d.id ? patch<AdCost>(`/ad-costs/${d.id}`, { version: d.version, ...body }) : post<AdCost>('/ad-costs', body);
    },
    onSuccess: onSaved,
  });
  const errors = featureFieldErrors(t, save.error, 'sources');
  const campaigns = channels.data?.channels.find((c) => c.channel === d.channel)?.campaigns ?? [];

  return (
    <Modal opened onClose={onClose} title={d.id ? t('costs.edit') : t('costs.add')}>
      <Stack>
        <Autocomplete label={t('costs.channel')} required value={d.channel} data={channels.data?.channels.map((c) => c.channel) ?? []} error={errors.channel} onChange={(v) => setD({ ...d, channel: v })} />
        <Autocomplete label={t('costs.campaign')} value={d.campaign} data={campaigns} error={errors.campaign} onChange={(v) => setD({ ...d, campaign: v })} />
        <TextInput type="month" label={t('costs.month')} required value={d.month} error={errors.month} onChange={(e) => setD({ ...d, month: e.currentTarget.value })} />
        <Group grow>
          <NumberInput label={t('costs.amount')} required min={0} decimalScale={minorDigits(d.currency)} value={d.amount} error={errors.amount} onChange={(v) => setD({ ...d, amount: v === '' ? '' : Number(v) })} />
          <TextInput label={t('costs.currency')} maxLength={3} value={d.currency} error={errors.currency} onChange={(e) => setD({ ...d, currency: e.currentTarget.value.toUpperCase() })} />
        </Group>
        <TextInput label={t('costs.note')} value={d.note} error={errors.note} onChange={(e) => setD({ ...d, note: e.currentTarget.value })} />
        {save.error && !Object.keys(errors).length && <div role="alert">{featureErrorMessage(t, save.error, 'sources')}</div>}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('costs.cancel')}
          </Button>
          <Button loading={save.isPending} onClick={() => save.mutate()}>
            {t('costs.save')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
