import { useState } from 'react';
import { ActionIcon, Alert, Badge, Button, Center, Code, Group, Loader, SegmentedControl, Stack, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { customFieldEntities, type CustomField, type CustomFieldEntity } from '../customfields.schema.js';
import { del, get, patch } from '../../../web/api.js';
import { useAuth } from '../../../web/auth.js';
import { ConfirmDialog } from '../../../web/components/ConfirmDialog.js';
import { featureErrorMessage } from '../../../web/components/apiErrors.js';
import { CustomFieldModal } from './CustomFieldModal.js';

const STEP = 10;
const MAX_POSITION = 10_000;

/** Custom fields of companies or contacts, in form order: create, edit, reorder, delete. */
export function CustomFieldsPanel() {
  const { t } = useTranslation('customFields');
  const { can } = useAuth();
  const qc = useQueryClient();
  const [entity, setEntity] = useState<CustomFieldEntity>('company');
  const key = ['admin', 'custom-fields', entity] as const;
  const fields = useQuery({
    queryKey: key,
    queryFn: async () => (await get<{ items: CustomField[] }>('/custom-fields', { entity })).items,
  });
  const [editing, setEditing] = useState<CustomField | 'new' | null>(null);
  const [deleting, setDeleting] = useState<CustomField | null>(null);
  const [moving, setMoving] = useState(false);
  const list = [...(fields.data ?? [])].sort((a, b) => a.position - b.position || a.label.localeCompare(b.label));
  const mayUpdate = can('custom_field', 'update');
  const refresh = () => qc.invalidateQueries({ queryKey: ['admin', 'custom-fields'] });

  /** Swaps a field with its neighbour; positions are renumbered in steps so every move is a real change. */
  const move = async (index: number, by: -1 | 1) => {
    const order = [...list];
    const [f] = order.splice(index, 1);
    order.splice(index + by, 0, f!);
    setMoving(true);
    try {
      for (const [i, x] of order.entries()) {
        const position = Math.min((i + 1) * STEP, MAX_POSITION);
        if (x.position !== position) await patch(`/custom-fields/${x.id}`, { position });
      }
    } catch (err) {
      notifications.show({ message: featureErrorMessage(t, err, 'customFields'), color: 'red' });
    } finally {
      await refresh();
      setMoving(false);
    }
  };

  const remove = async (f: CustomField) => {
    try {
      await del(`/custom-fields/${f.id}`);
      await refresh();
      return null;
    } catch (err) {
      return featureErrorMessage(t, err, 'customFields');
    }
  };

  return (
    <Stack>
      <Group justify="space-between">
        <SegmentedControl
          value={entity}
          onChange={(v) => setEntity(v as CustomFieldEntity)}
          data={customFieldEntities.map((e) => ({ value: e, label: t(`entities.${e}`) }))}
          data-testid="custom-field-entity"
        />
        {can('custom_field', 'create') && (
          <Button onClick={() => setEditing('new')} data-testid="custom-field-add">
            {t('add')}
          </Button>
        )}
      </Group>
      {fields.error ? (
        <Alert color="red">{featureErrorMessage(t, fields.error, 'customFields')}</Alert>
      ) : fields.isPending ? (
        <Center p="xl">
          <Loader />
        </Center>
      ) : list.length === 0 ? (
        <Text c="dimmed" ta="center" p="xl" data-testid="custom-fields-empty">
          {t('empty')}
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={720}>
          <Table striped data-testid="custom-field-table">
            <Table.Thead>
              <Table.Tr>
                {mayUpdate && <Table.Th w={80} />}
                <Table.Th>{t('label')}</Table.Th>
                <Table.Th>{t('key')}</Table.Th>
                <Table.Th>{t('type')}</Table.Th>
                <Table.Th>{t('options')}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.map((f, i) => (
                <Table.Tr key={f.id} data-testid={`custom-field-row-${f.key}`}>
                  {mayUpdate && (
                    <Table.Td>
                      <Group gap={2} wrap="nowrap">
                        <ActionIcon variant="subtle" color="gray" aria-label={t('moveUp')} disabled={i === 0 || moving} onClick={() => move(i, -1)}>
                          ↑
                        </ActionIcon>
                        <ActionIcon variant="subtle" color="gray" aria-label={t('moveDown')} disabled={i === list.length - 1 || moving} onClick={() => move(i, 1)}>
                          ↓
                        </ActionIcon>
                      </Group>
                    </Table.Td>
                  )}
                  <Table.Td>
                    <Group gap={6} wrap="nowrap">
                      <Text size="sm" fw={500}>
                        {f.label}
                      </Text>
                      {f.required && (
                        <Badge size="xs" variant="light" color="orange">
                          {t('required')}
                        </Badge>
                      )}
                    </Group>
                  </Table.Td>
                  <Table.Td>
                    <Code>{f.key}</Code>
                  </Table.Td>
                  <Table.Td>{t(`types.${f.type}`)}</Table.Td>
                  <Table.Td>
                    <Group gap={4}>
                      {f.options.slice(0, 6).map((o) => (
                        <Badge key={o} size="sm" variant="outline" color="gray" tt="none">
                          {o}
                        </Badge>
                      ))}
                      {f.options.length > 6 && <Text size="xs" c="dimmed">{`+${f.options.length - 6}`}</Text>}
                    </Group>
                  </Table.Td>
                  <Table.Td>
                    <Group gap={4} justify="flex-end" wrap="nowrap">
                      {mayUpdate && (
                        <Button size="compact-sm" variant="subtle" onClick={() => setEditing(f)} data-testid="custom-field-edit">
                          {t('common:actions.edit')}
                        </Button>
                      )}
                      {can('custom_field', 'delete') && (
                        <Button size="compact-sm" variant="subtle" color="red" onClick={() => setDeleting(f)} data-testid="custom-field-delete">
                          {t('common:actions.delete')}
                        </Button>
                      )}
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {editing && (
        <CustomFieldModal
          entity={entity}
          field={editing === 'new' ? null : editing}
          position={Math.min(Math.max(0, ...list.map((f) => f.position)) + STEP, MAX_POSITION)}
          onDone={async () => {
            await refresh();
            if (editing === 'new') notifications.show({ message: t('created'), color: 'green' });
          }}
          onClose={() => setEditing(null)}
        />
      )}
      <ConfirmDialog
        opened={!!deleting}
        message={deleting ? t('deleteConfirm', { label: deleting.label }) : ''}
        onConfirm={() => (deleting ? remove(deleting) : Promise.resolve(null))}
        onClose={() => setDeleting(null)}
      />
    </Stack>
  );
}
