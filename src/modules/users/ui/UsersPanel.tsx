import { useState } from 'react';
import { Alert, Badge, Button, Center, Group, Loader, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import type { UserDto } from '../users.schema.js';
import { useAuth } from '../../../web/auth.js';
import { featureErrorMessage } from '../../../web/components/apiErrors.js';
import { useFormat } from '../../../web/components/format.js';
import { useCursorList } from '../../../web/components/useCursorList.js';
import { adminKeys, departmentOptions, roleLabel, useDepartments, useRoles } from './queries.js';
import { ResetPasswordModal } from './ResetPasswordModal.js';
import { UserFormModal } from './UserFormModal.js';

/** Users of the organisation: search, filters, load more, create/edit, password reset. */
export function UsersPanel() {
  const { t } = useTranslation('admin');
  const { me, can } = useAuth();
  const fmt = useFormat();
  const [q, setQ] = useState('');
  const [debouncedQ] = useDebouncedValue(q.trim(), 250);
  const [roleKey, setRoleKey] = useState<string | null>(null);
  const [departmentId, setDepartmentId] = useState<string | null>(null);
  const [active, setActive] = useState('any');
  const [editing, setEditing] = useState<UserDto | 'new' | null>(null);
  const [resetting, setResetting] = useState<UserDto | null>(null);
  const roles = useRoles();
  const departments = useDepartments();
  const query = { q: debouncedQ, roleKey, departmentId, active: active === 'any' ? null : active };
  const list = useCursorList<UserDto>({ key: adminKeys.users, path: '/users', query, keepPrevious: true });
  const filtered = !!(debouncedQ || roleKey || departmentId || active !== 'any');
  const mayEdit = can('user', 'update');

  return (
    <Stack>
      <Group align="end" wrap="wrap">
        <TextInput
          label={t('common:actions.search')}
          placeholder={t('users.search')}
          data-testid="users-search"
          value={q}
          onChange={(e) => setQ(e.currentTarget.value)}
          style={{ flex: '1 1 220px' }}
        />
        <Select
          label={t('users.role')}
          placeholder={t('users.anyRole')}
          clearable
          data-testid="users-filter-role"
          value={roleKey}
          onChange={setRoleKey}
          data={(roles.data ?? []).map((r) => ({ value: r.key, label: roleLabel(t, r.key, r.name) }))}
          w={200}
        />
        <Select
          label={t('users.department')}
          placeholder={t('users.anyDepartment')}
          clearable
          searchable
          data-testid="users-filter-department"
          value={departmentId}
          onChange={setDepartmentId}
          data={departmentOptions(departments.data)}
          w={220}
        />
        <Select
          label={t('users.status')}
          allowDeselect={false}
          data-testid="users-filter-active"
          value={active}
          onChange={(v) => setActive(v ?? 'any')}
          data={(['any', 'true', 'false'] as const).map((v) => ({
            value: v,
            label: t(`users.statuses.${v === 'any' ? 'any' : v === 'true' ? 'active' : 'inactive'}`),
          }))}
          w={160}
        />
        {can('user', 'create') && (
          <Button onClick={() => setEditing('new')} data-testid="user-add">
            {t('users.add')}
          </Button>
        )}
      </Group>

      {list.error ? (
        <Alert color="red">{featureErrorMessage(t, list.error, 'admin')}</Alert>
      ) : list.isPending ? (
        <Center p="xl">
          <Loader />
        </Center>
      ) : list.items.length === 0 ? (
        <Text c="dimmed" ta="center" p="xl" data-testid="users-empty">
          {filtered ? t('users.noMatch') : t('users.empty')}
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={860}>
          <Table striped highlightOnHover data-testid="users-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('users.name')}</Table.Th>
                <Table.Th>{t('users.email')}</Table.Th>
                <Table.Th>{t('users.role')}</Table.Th>
                <Table.Th>{t('users.department')}</Table.Th>
                <Table.Th>{t('users.language')}</Table.Th>
                <Table.Th>{t('users.createdAt')}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.items.map((u) => (
                <Table.Tr key={u.id} data-testid={`user-row-${u.email}`} c={u.isActive ? undefined : 'dimmed'}>
                  <Table.Td>
                    <Group gap={6} wrap="nowrap">
                      <Text size="sm" fw={500}>
                        {u.name}
                      </Text>
                      {u.id === me?.id && (
                        <Badge size="xs" variant="light">
                          {t('users.you')}
                        </Badge>
                      )}
                      {!u.isActive && (
                        <Badge size="xs" color="gray">
                          {t('users.statuses.inactive')}
                        </Badge>
                      )}
                    </Group>
                  </Table.Td>
                  <Table.Td>{u.email}</Table.Td>
                  <Table.Td>{roleLabel(t, u.role, u.roleName)}</Table.Td>
                  <Table.Td>{u.departmentName ?? '—'}</Table.Td>
                  <Table.Td>{t(`common:languages.${u.locale}`)}</Table.Td>
                  <Table.Td>{fmt.date(u.createdAt)}</Table.Td>
                  <Table.Td>
                    {mayEdit && (
                      <Group gap={4} justify="flex-end" wrap="nowrap">
                        <Button size="compact-sm" variant="subtle" onClick={() => setEditing(u)} data-testid="user-edit">
                          {t('common:actions.edit')}
                        </Button>
                        <Button size="compact-sm" variant="subtle" onClick={() => setResetting(u)} data-testid="user-reset-password">
                          {t('users.resetPassword')}
                        </Button>
                      </Group>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {list.hasMore && (
        <Button variant="default" onClick={list.loadMore} loading={list.loadingMore} w="fit-content" mx="auto" data-testid="users-load-more">
          {t('common:actions.loadMore')}
        </Button>
      )}
      {editing && <UserFormModal user={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
      {resetting && <ResetPasswordModal user={resetting} onClose={() => setResetting(null)} />}
    </Stack>
  );
}
