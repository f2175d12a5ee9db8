import { useState } from 'react';
import { ActionIcon, Alert, Badge, Box, Button, Center, Group, Loader, Menu, Paper, Stack, Text } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { DepartmentDto } from '../departments.schema.js';
import { del, get } from '../../../web/api.js';
import { useAuth } from '../../../web/auth.js';
import { ConfirmDialog } from '../../../web/components/ConfirmDialog.js';
import { featureErrorMessage } from '../../../web/components/apiErrors.js';
import { flattenTree } from '../../../shared/tree.js';
import { DepartmentModal, type DepartmentEdit } from './DepartmentModal.js';

/** Same keys as the users screen uses, so department names and counts stay in step there. */
const key = ['admin', 'departments'] as const;
const usersKey = ['admin', 'users'] as const;

/** The department tree: add a sub-department, rename, move, delete (only when empty). */
export function DepartmentsPanel() {
  const { t } = useTranslation('departments');
  const { can } = useAuth();
  const qc = useQueryClient();
  const list = useQuery({ queryKey: key, queryFn: async () => (await get<{ items: DepartmentDto[] }>('/departments')).items });
  const [edit, setEdit] = useState<DepartmentEdit | null>(null);
  const [deleting, setDeleting] = useState<DepartmentDto | null>(null);
  const all = list.data ?? [];
  const rows = flattenTree(all, (d) => d.name);
  const mayCreate = can('department', 'create');
  const mayUpdate = can('department', 'update');
  const mayDelete = can('department', 'delete');

  const refresh = async () => {
    await qc.invalidateQueries({ queryKey: key });
    await qc.invalidateQueries({ queryKey: usersKey });
  };

  const remove = async (d: DepartmentDto) => {
    try {
      await del(`/departments/${d.id}`);
      await refresh();
      return null;
    } catch (err) {
      return featureErrorMessage(t, err, 'departments');
    }
  };

  if (list.error) return <Alert color="red">{featureErrorMessage(t, list.error, 'departments')}</Alert>;
  if (list.isPending)
    return (
      <Center p="xl">
        <Loader />
      </Center>
    );
  return (
    <Stack>
      {mayCreate && (
        <Button w="fit-content" onClick={() => setEdit({ kind: 'create', parent: null })} data-testid="department-add">
          {t('add')}
        </Button>
      )}
      {rows.length === 0 ? (
        <Text c="dimmed" ta="center" p="xl" data-testid="departments-empty">
          {t('empty')}
        </Text>
      ) : (
        <Paper withBorder data-testid="department-tree">
          {rows.map(({ item: d, depth }, i) => (
            <Group
              key={d.id}
              justify="space-between"
              wrap="nowrap"
              px="md"
              py={8}
              pl={`calc(var(--mantine-spacing-md) + ${depth * 28}px)`}
              style={{ borderTop: i ? '1px solid var(--mantine-color-default-border)' : undefined }}
              data-testid={`department-row-${d.name}`}
            >
              <Group gap="xs" wrap="nowrap" miw={0}>
                {depth > 0 && (
                  <Box c="dimmed" aria-hidden>
                    └
                  </Box>
                )}
                <Text fw={depth === 0 ? 600 : 400} truncate>
                  {d.name}
                </Text>
                <Badge variant="light" color={d.userCount ? 'blue' : 'gray'} style={{ flexShrink: 0 }}>
                  {t('users', { count: d.userCount })}
                </Badge>
              </Group>
              {(mayCreate || mayUpdate || mayDelete) && (
                <Menu position="bottom-end" withinPortal>
                  <Menu.Target>
                    <ActionIcon variant="subtle" color="gray" aria-label={t('actionsFor', { name: d.name })} data-testid="department-menu">
                      ⋯
                    </ActionIcon>
                  </Menu.Target>
                  <Menu.Dropdown>
                    {mayCreate && <Menu.Item onClick={() => setEdit({ kind: 'create', parent: d })}>{t('addChild')}</Menu.Item>}
                    {mayUpdate && <Menu.Item onClick={() => setEdit({ kind: 'rename', department: d })}>{t('rename')}</Menu.Item>}
                    {mayUpdate && <Menu.Item onClick={() => setEdit({ kind: 'move', department: d })}>{t('move')}</Menu.Item>}
                    {mayDelete && (
                      <>
                        <Menu.Divider />
                        <Menu.Item color="red" onClick={() => setDeleting(d)} data-testid="department-delete">
                          {t('common:actions.delete')}
                        </Menu.Item>
                      </>
                    )}
                  </Menu.Dropdown>
                </Menu>
              )}
            </Group>
          ))}
        </Paper>
      )}
      {edit && <DepartmentModal edit={edit} all={all} onDone={refresh} onClose={() => setEdit(null)} />}
      <ConfirmDialog
        opened={!!deleting}
        message={deleting ? t('deleteConfirm', { name: deleting.name }) : ''}
        onConfirm={() => (deleting ? remove(deleting) : Promise.resolve(null))}
        onClose={() => setDeleting(null)}
      />
    </Stack>
  );
}
