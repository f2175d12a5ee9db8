import { useState } from 'react';
import { Alert, Badge, Button, Group, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import type { RoleDto } from '../roles.schema.js';
import { patch, post } from '../../../web/api.js';
import { useAuth } from '../../../web/auth.js';
import { featureErrorMessage, featureFieldErrors } from '../../../web/components/apiErrors.js';
import { roleName } from './roleName.js';
import { PermissionMatrix, fullMatrix, type Catalog, type Permissions } from './PermissionMatrix.js';

const ADMIN = 'admin';

interface Props {
  /** The role to edit, or null for a new one. */
  role: RoleDto | null;
  catalog: Catalog;
  onSaved(role: RoleDto): Promise<void>;
  onDelete(role: RoleDto): void;
}

/** Name and permission matrix of one role. The administrator role's permissions are locked. */
export function RoleEditor({ role, catalog, onSaved, onDelete }: Props) {
  const { t } = useTranslation('roles');
  const { can } = useAuth();
  const [key, setKey] = useState('');
  const originalName = role ? roleName(t, role.key, role.name) : '';
  const [name, setName] = useState(originalName);
  const original = fullMatrix(role?.permissions ?? {}, catalog);
  const [permissions, setPermissions] = useState<Permissions>(original);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const locked = role?.key === ADMIN;
  const mayWrite = role ? can('role', 'update') : can('role', 'create');
  const dirty = !role || name !== originalName || JSON.stringify(fullMatrix(permissions, catalog)) !== JSON.stringify(original);

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setErrors({});
    try {
      const saved = role
        ? await patch<RoleDto>(`/roles/${role.id}`, { ...(name !== originalName && { name }), ...(!locked && { permissions }) })
        : await post<RoleDto>('/roles', { key, name, permissions });
      notifications.show({ message: role ? t('common:state.saved') : t('created'), color: 'green' });
      await onSaved(saved);
    } catch (err) {
      const fields = featureFieldErrors(t, err, 'roles');
      setErrors(fields.key || fields.name || fields.permissions ? fields : { form: featureErrorMessage(t, err, 'roles') });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Paper withBorder p="md" component="form" onSubmit={submit} data-testid="role-editor">
      <Stack>
        <Group justify="space-between">
          <Group gap="xs">
            <Title order={4}>{role ? originalName : t('newTitle')}</Title>
            {role?.isSystem && (
              <Badge variant="light" color="gray">
                {t('system')}
              </Badge>
            )}
          </Group>
          {role && !role.isSystem && can('role', 'delete') && (
            <Button variant="subtle" color="red" onClick={() => onDelete(role)} data-testid="role-delete">
              {t('common:actions.delete')}
            </Button>
          )}
        </Group>
        {role?.isSystem && (
          <Text size="sm" c="dimmed">
            {t('systemHint')}
          </Text>
        )}
        <Group grow align="start">
          {role ? (
            <TextInput label={t('key')} value={role.key} readOnly variant="filled" styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }} />
          ) : (
            <TextInput
              label={t('key')}
              description={t('keyHint')}
              required
              autoFocus
              data-testid="role-key"
              value={key}
              error={errors.key}
              onChange={(e) => setKey(e.currentTarget.value.toLowerCase().replace(/\s/g, '_'))}
            />
          )}
          <TextInput
            label={t('name')}
            required
            data-testid="role-name"
            disabled={!mayWrite}
            value={name}
            error={errors.name}
            onChange={(e) => setName(e.currentTarget.value)}
          />
        </Group>
        <Title order={5}>{t('matrix')}</Title>
        {locked && <Alert color="blue">{t('adminLocked')}</Alert>}
        <PermissionMatrix catalog={catalog} value={permissions} onChange={setPermissions} disabled={locked || !mayWrite} />
        {(errors.permissions || errors.form) && (
          <Alert color="red" data-testid="role-error">
            {errors.permissions ?? errors.form}
          </Alert>
        )}
        {mayWrite && (
          <Group justify="flex-end">
            {role && dirty && (
              <Button
                variant="default"
                onClick={() => {
                  setName(originalName);
                  setPermissions(original);
                  setErrors({});
                }}
              >
                {t('common:actions.reset')}
              </Button>
            )}
            <Button type="submit" loading={busy} disabled={!dirty || !name.trim() || (!role && !key)} data-testid="role-save">
              {role ? t('common:actions.save') : t('common:actions.create')}
            </Button>
          </Group>
        )}
      </Stack>
    </Paper>
  );
}
