import { useState } from 'react';
import { Badge, Button, Group, Modal, NumberInput, Stack, Switch, Table, TextInput } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { del, patch, post } from '../../../web/api.js';
import { useAuth } from '../../../web/auth.js';
import { ConfirmDialog } from '../../../web/components/ConfirmDialog.js';
import { featureErrorMessage, featureFieldErrors } from '../../../web/components/apiErrors.js';
import type { PriceType } from '../catalog.schema.js';
import { catalogKey, priceTypeName, usePriceTypes } from './catalog.js';
import { CurrencySelect } from './MoneyInput.js';

function PriceTypeModal({ item, baseCurrency, onDone, onClose }: { item: PriceType | null; baseCurrency: string; onDone(): Promise<void>; onClose(): void }) {
  const { t } = useTranslation('products');
  const [v, setV] = useState({ key: item?.key ?? '', name: item?.name ?? '', currency: item?.currency ?? baseCurrency, isDefault: item?.isDefault ?? false, sort: item?.sort ?? 0 });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    setBusy(true);
    try {
      if (item) await patch(`/price-types/${item.id}`, v);
      else await post('/price-types', v);
      await onDone();
      onClose();
    } catch (err) {
      const fields = featureFieldErrors(t, err, 'products');
      setErrors(Object.keys(fields).length ? fields : { name: featureErrorMessage(t, err, 'products') });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal opened onClose={onClose} title={item ? priceTypeName(t, item) : t('priceTypes.new')}>
      <form onSubmit={submit}>
        <Stack>
          <TextInput label={t('priceTypes.name')} required data-autofocus value={v.name} error={errors.name} onChange={(e) => setV({ ...v, name: e.currentTarget.value })} data-testid="price-type-name" />
          <TextInput label={t('priceTypes.key')} description={t('priceTypes.keyHint')} required value={v.key} error={errors.key} onChange={(e) => setV({ ...v, key: e.currentTarget.value })} data-testid="price-type-key" />
          <CurrencySelect label={t('priceTypes.currency')} value={v.currency} error={errors.currency} onChange={(currency) => setV({ ...v, currency })} />
          <NumberInput label={t('groups.sort')} min={0} allowDecimal={false} value={v.sort} onChange={(n) => setV({ ...v, sort: typeof n === 'number' ? n : 0 })} />
          <Switch label={t('priceTypes.isDefault')} checked={v.isDefault} disabled={item?.isDefault} error={errors.isDefault} onChange={(e) => setV({ ...v, isDefault: e.currentTarget.checked })} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common:actions.cancel')}
            </Button>
            <Button type="submit" loading={busy} data-testid="price-type-submit">
              {t('common:actions.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/** Price types: name, key, currency, the default one. */
export function PriceTypesPanel({ baseCurrency }: { baseCurrency: string }) {
  const { t } = useTranslation('products');
  const { can } = useAuth();
  const qc = useQueryClient();
  const types = usePriceTypes().data ?? [];
  const [edit, setEdit] = useState<PriceType | 'new' | null>(null);
  const [deleting, setDeleting] = useState<PriceType | null>(null);
  const refresh = () => qc.invalidateQueries({ queryKey: catalogKey });
  return (
    <Stack>
      {can('product', 'create') && (
        <Button w="fit-content" onClick={() => setEdit('new')} data-testid="price-type-add">
          {t('priceTypes.new')}
        </Button>
      )}
      <Table data-testid="price-types-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('priceTypes.name')}</Table.Th>
            <Table.Th>{t('priceTypes.key')}</Table.Th>
            <Table.Th>{t('priceTypes.currency')}</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {types.map((p) => (
            <Table.Tr key={p.id}>
              <Table.Td>
                {priceTypeName(t, p)} {p.isDefault && <Badge size="xs" ml="xs">{t('priceTypes.default')}</Badge>}
              </Table.Td>
              <Table.Td ff="monospace">{p.key}</Table.Td>
              <Table.Td>{p.currency}</Table.Td>
              <Table.Td>
                <Group gap="xs" justify="flex-end" wrap="nowrap">
                  {can('product', 'update') && (
                    <Button size="xs" variant="subtle" onClick={() => setEdit(p)}>
                      {t('common:actions.edit')}
                    </Button>
                  )}
                  {can('product', 'delete') && !p.isDefault && (
                    <Button size="xs" variant="subtle" color="red" onClick={() => setDeleting(p)}>
                      {t('common:actions.delete')}
                    </Button>
                  )}
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {edit && <PriceTypeModal item={edit === 'new' ? null : edit} baseCurrency={baseCurrency} onDone={refresh} onClose={() => setEdit(null)} />}
      <ConfirmDialog
        opened={!!deleting}
        message={deleting ? t('priceTypes.deleteConfirm', { name: priceTypeName(t, deleting) }) : ''}
        onConfirm={async () => {
          if (!deleting) return null;
          try {
            await del(`/price-types/${deleting.id}`);
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
