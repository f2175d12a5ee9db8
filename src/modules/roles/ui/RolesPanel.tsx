import { useState } from 'react';
import { Alert, Badge, Button, Center, Group, Loader, Stack, Text } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { RoleDto } from '../roles.schema.js';
import { del, get } from '../../../web/api.js';
import { useAuth } from '../../../web/auth.js';
import { ConfirmDialog } from '../../../web/components/ConfirmDialog.js';
import { featureErrorMessage } from '../../../web/components/apiErrors.js';
import type { Catalog } from './PermissionMatrix.js';
import { RoleEditor } from './RoleEditor.js';
import { roleName } from './roleName.js';

/** Same keys as the users screen uses, so role names there follow edits here. */
const key = ['admin', 'roles'] as const;
const usersKey = ['admin', 'users'] as const;
const NEW = 'new';

/** The roles as a row of buttons, the selected role's name and permission matrix below. */
export function RolesPanel() {
  const { t } = useTranslation('roles');
  const { can } = useAuth();
  const qc = useQueryClient();
  const roles = useQuery({ queryKey: key, queryFn: async () => (await get<{ items: RoleDto[] }>('/roles')).items });
  const catalog = useQuery({ queryKey: ['admin', 'roles-catalog'], queryFn: () => get<Catalog>('/roles/catalog'), staleTime: Infinity });
  const [selected, setSelected] = useState<string | null>(null);
  const [deleting, setDeleting] = useState<RoleDto | null>(null);
  const list = roles.data ?? [];
  const current = selected === NEW ? null : (list.find((r) => r.id === selected) ?? list[0] ?? null);

  const saved = async (role: RoleDto) => {
    await qc.invalidateQueries({ queryKey: key });
    await qc.invalidateQueries({ queryKey: usersKey });
    setSelected(role.id);
  };

  const remove = async (role: RoleDto) => {
    try {
      await del(`/roles/${role.id}`);
      await qc.invalidateQueries({ queryKey: key });
      setSelected(null);
      return null;
    } catch (err) {
      return featureErrorMessage(t, err, 'roles');
    }
  };

  const error = roles.error ?? catalog.error;
  if (error) return <Alert color="red">{featureErrorMessage(t, error, 'roles')}</Alert>;
  if (!roles.data || !catalog.data)
    return (
      <Center p="xl">
        <Loader />
      </Center>
    );
  return (
    <Stack>
      <Group gap="xs" data-testid="role-list">
        {list.length === 0 && (
          <Text c="dimmed" size="sm">
            {t('empty')}
          </Text>
        )}
        {list.map((r) => {
          const active = selected !== NEW && current?.id === r.id;
          return (
            <Button
              key={r.id}
              variant={active ? 'filled' : 'default'}
              onClick={() => setSelected(r.id)}
              data-testid={`role-item-${r.key}`}
              rightSection={
                <Badge size="sm" circle variant={active ? 'white' : 'light'} color={active ? undefined : 'gray'} title={t('userCount', { count: r.userCount })}>
                  {r.userCount}
                </Badge>
              }
            >
              {roleName(t, r.key, r.name)}
            </Button>
          );
        })}
        {can('role', 'create') && (
          <Button variant={selected === NEW ? 'filled' : 'light'} onClick={() => setSelected(NEW)} data-testid="role-add">
            {t('add')}
          </Button>
        )}
      </Group>
      {current || selected === NEW ? (
        <RoleEditor key={current?.id ?? NEW} role={current} catalog={catalog.data} onSaved={saved} onDelete={setDeleting} />
      ) : (
        <Text c="dimmed">{t('select')}</Text>
      )}
      <ConfirmDialog
        opened={!!deleting}
        message={deleting ? t('deleteConfirm', { name: roleName(t, deleting.key, deleting.name) }) : ''}
        onConfirm={() => (deleting ? remove(deleting) : Promise.resolve(null))}
        onClose={() => setDeleting(null)}
      />
    </Stack>
  );
}
