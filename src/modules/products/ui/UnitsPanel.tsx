import { useState } from 'react';
import { Button, Group, Modal, SimpleGrid, Stack, Table, Text, TextInput } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { del, patch, post } from '../../../web/api.js';
import { useAuth } from '../../../web/auth.js';
import { ConfirmDialog } from '../../../web/components/ConfirmDialog.js';
import { featureErrorMessage, featureFieldErrors } from '../../../web/components/apiErrors.js';
import { locales, type Unit } from '../catalog.schema.js';
import { catalogKey, localized, useUnits } from './catalog.js';

type Texts = Record<(typeof locales)[number], string>;
const texts = (o: Partial<Texts> = {}): Texts => ({ en: o.en ?? '', ru: o.ru ?? '', bg: o.bg ?? '' });

function UnitModal({ item, onDone, onClose }: { item: Unit | null; onDone(): Promise<void>; onClose(): void }) {
  const { t } = useTranslation('products');
  const [key, setKey] = useState(item?.key ?? '');
  const [okei, setOkei] = useState(item?.okei ?? '');
  const [names, setNames] = useState(texts(item?.names));
  const [shorts, setShorts] = useState(texts(item?.shorts));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    setBusy(true);
    try {
      const body = { key, okei: okei.trim() || null, names, shorts };
      if (item) await patch(`/units/${item.id}`, body);
      else await post('/units', body);
      await onDone();
      onClose();
    } catch (err) {
      const fields = featureFieldErrors(t, err, 'products');
      setErrors(Object.keys(fields).length ? fields : { key: featureErrorMessage(t, err, 'products') });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal opened onClose={onClose} title={item ? localized(item.names, 'en') : t('units.new')} size="lg">
      <form onSubmit={submit}>
        <Stack>
          <SimpleGrid cols={2}>
            <TextInput label={t('units.key')} required data-autofocus value={key} error={errors.key} onChange={(e) => setKey(e.currentTarget.value)} data-testid="unit-key" />
            <TextInput label={t('units.okei')} value={okei} error={errors.okei} onChange={(e) => setOkei(e.currentTarget.value)} />
          </SimpleGrid>
          {errors.names && <Text c="red" size="sm">{errors.names}</Text>}
          {locales.map((l) => (
            <SimpleGrid key={l} cols={2}>
              <TextInput label={`${t('units.name')} (${l})`} value={names[l]} onChange={(e) => setNames({ ...names, [l]: e.currentTarget.value })} data-testid={`unit-name-${l}`} />
              <TextInput label={`${t('units.short')} (${l})`} value={shorts[l]} onChange={(e) => setShorts({ ...shorts, [l]: e.currentTarget.value })} data-testid={`unit-short-${l}`} />
            </SimpleGrid>
          ))}
          {errors.shorts && <Text c="red" size="sm">{errors.shorts}</Text>}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common:actions.cancel')}
            </Button>
            <Button type="submit" loading={busy} data-testid="unit-submit">
              {t('common:actions.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/** Units of measure with OKEI codes and names in each language. */
export function UnitsPanel() {
  const { t, i18n } = useTranslation('products');
  const { can } = useAuth();
  const qc = useQueryClient();
  const units = useUnits().data ?? [];
  const [edit, setEdit] = useState<Unit | 'new' | null>(null);
  const [deleting, setDeleting] = useState<Unit | null>(null);
  const refresh = () => qc.invalidateQueries({ queryKey: catalogKey });
  return (
    <Stack>
      {can('product', 'create') && (
        <Button w="fit-content" onClick={() => setEdit('new')} data-testid="unit-add">
          {t('units.new')}
        </Button>
      )}
      <Table data-testid="units-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('units.name')}</Table.Th>
            <Table.Th>{t('units.short')}</Table.Th>
            <Table.Th>{t('units.okei')}</Table.Th>
            <Table.Th>{t('units.products')}</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {units.map((u) => (
            <Table.Tr key={u.id}>
              <Table.Td>{localized(u.names, i18n.language)}</Table.Td>
              <Table.Td>{localized(u.shorts, i18n.language)}</Table.Td>
              <Table.Td ff="monospace">{u.okei}</Table.Td>
              <Table.Td>{u.productCount}</Table.Td>
              <Table.Td>
                <Group gap="xs" justify="flex-end" wrap="nowrap">
                  {can('product', 'update') && (
                    <Button size="xs" variant="subtle" onClick={() => setEdit(u)}>
                      {t('common:actions.edit')}
                    </Button>
                  )}
                  {can('product', 'delete') && (
                    <Button size="xs" variant="subtle" color="red" onClick={() => setDeleting(u)}>
                      {t('common:actions.delete')}
                    </Button>
                  )}
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {edit && <UnitModal item={edit === 'new' ? null : edit} onDone={refresh} onClose={() => setEdit(null)} />}
      <ConfirmDialog
        opened={!!deleting}
        message={deleting ? t('units.deleteConfirm', { name: localized(deleting.names, i18n.language) }) : ''}
        onConfirm={async () => {
          if (!deleting) return null;
          try {
            await del(`/units/${deleting.id}`);
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
