import { useState } from 'react';
import { Button, Group, Modal, Select, Stack, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { DepartmentDto } from '../departments.schema.js';
import { patch, post } from '../../../web/api.js';
import { featureErrorMessage, featureFieldErrors } from '../../../web/components/apiErrors.js';
import { subtreeIds, treeOptions } from '../../../shared/tree.js';

const TOP = 'top';

/** What the dialog does: create (under a parent or at the top), rename, or move under another parent. */
export type DepartmentEdit =
  | { kind: 'create'; parent: DepartmentDto | null }
  | { kind: 'rename'; department: DepartmentDto }
  | { kind: 'move'; department: DepartmentDto };

interface Props {
  edit: DepartmentEdit;
  all: DepartmentDto[];
  onDone(): Promise<void>;
  onClose(): void;
}

export function DepartmentModal({ edit, all, onDone, onClose }: Props) {
  const { t } = useTranslation('departments');
  const current = edit.kind === 'create' ? null : edit.department;
  const [name, setName] = useState(current?.name ?? '');
  const [parentId, setParentId] = useState<string>((edit.kind === 'create' ? edit.parent?.id : current?.parentId) ?? TOP);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);

  const excluded = current ? subtreeIds(all, current.id) : new Set<string>();
  const parents = [{ value: TOP, label: t('topLevel') }, ...treeOptions(all, (d) => d.name).filter((o) => !excluded.has(o.value))];
  const title =
    edit.kind === 'create'
      ? edit.parent
        ? t('childTitle', { parent: edit.parent.name })
        : t('newTitle')
      : t(edit.kind === 'rename' ? 'renameTitle' : 'moveTitle', { name: edit.department.name });

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    setBusy(true);
    try {
      const parent = parentId === TOP ? null : parentId;
      if (edit.kind === 'create') await post('/departments', { name, parentId: parent });
      else if (edit.kind === 'rename') await patch(`/departments/${edit.department.id}`, { name });
      else await patch(`/departments/${edit.department.id}`, { parentId: parent });
      await onDone();
      onClose();
    } catch (err) {
      const fields = featureFieldErrors(t, err, 'departments');
      setErrors(fields.name || fields.parentId ? fields : { form: featureErrorMessage(t, err, 'departments') });
    } finally {
      setBusy(false);
    }
  };

  const unchanged = edit.kind === 'rename' ? name.trim() === edit.department.name : edit.kind === 'move' && parentId === (edit.department.parentId ?? TOP);
  return (
    <Modal opened onClose={onClose} title={title}>
      <form onSubmit={submit} data-testid="department-form">
        <Stack>
          {edit.kind !== 'move' && (
            <TextInput
              label={t('name')}
              required
              data-autofocus
              data-testid="department-name"
              value={name}
              error={errors.name ?? errors.form}
              onChange={(e) => {
                setName(e.currentTarget.value);
                setErrors({});
              }}
            />
          )}
          {edit.kind !== 'rename' && (
            <Select
              label={t('parent')}
              allowDeselect={false}
              searchable
              data-autofocus={edit.kind === 'move' ? true : undefined}
              data-testid="department-parent"
              value={parentId}
              data={parents}
              error={errors.parentId ?? (edit.kind === 'move' ? errors.form : undefined)}
              onChange={(v) => {
                setParentId(v ?? TOP);
                setErrors({});
              }}
            />
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common:actions.cancel')}
            </Button>
            <Button type="submit" loading={busy} disabled={!name.trim() || unchanged} data-testid="department-submit">
              {edit.kind === 'create' ? t('common:actions.create') : t('common:actions.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
