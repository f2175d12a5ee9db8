import { useState } from 'react';
import { Button, Group, Modal, NumberInput, Select, Stack, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { patch, post } from '../../../web/api.js';
import { featureErrorMessage, featureFieldErrors } from '../../../web/components/apiErrors.js';
import { subtreeIds, treeOptions } from '../../../shared/tree.js';
import type { ProductGroup } from '../catalog.schema.js';

const TOP = 'top';

/** Create a group (at the top or under a parent) or edit one: name, parent, sort position. */
export function GroupModal({ group, parentId, all, onDone, onClose }: { group: ProductGroup | null; parentId: string | null; all: ProductGroup[]; onDone(): Promise<void>; onClose(): void }) {
  const { t } = useTranslation('products');
  const [name, setName] = useState(group?.name ?? '');
  const [parent, setParent] = useState<string>((group ? group.parentId : parentId) ?? TOP);
  const [sort, setSort] = useState<number>(group?.sort ?? 0);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const excluded = group ? subtreeIds(all, group.id) : new Set<string>();
  const parents = [{ value: TOP, label: t('groups.top') }, ...treeOptions(all, (g) => g.name).filter((o) => !excluded.has(o.value))];

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    setBusy(true);
    try {
      const body = { name, parentId: parent === TOP ? null : parent, sort };
      if (group) await patch(`/product-groups/${group.id}`, body);
      else await post('/product-groups', body);
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
    <Modal opened onClose={onClose} title={group ? t('groups.editTitle', { name: group.name }) : t('groups.newTitle')}>
      <form onSubmit={submit} data-testid="group-form">
        <Stack>
          <TextInput label={t('groups.name')} required data-autofocus data-testid="group-name" value={name} error={errors.name} onChange={(e) => setName(e.currentTarget.value)} />
          <Select label={t('groups.parent')} allowDeselect={false} searchable data={parents} value={parent} error={errors.parentId} onChange={(v) => setParent(v ?? TOP)} data-testid="group-parent" />
          <NumberInput label={t('groups.sort')} description={t('groups.sortHint')} min={0} max={1_000_000} allowDecimal={false} value={sort} error={errors.sort} onChange={(v) => setSort(typeof v === 'number' ? v : 0)} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common:actions.cancel')}
            </Button>
            <Button type="submit" loading={busy} disabled={!name.trim()} data-testid="group-submit">
              {group ? t('common:actions.save') : t('common:actions.create')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
