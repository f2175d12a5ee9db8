import { useState } from 'react';
import { Button, Group, Modal, PasswordInput, Select, Stack, Switch, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { locales } from '../auth.schema.js';
import type { UpdateUserInput, UserDto } from '../users.schema.js';
import { patch, post } from '../../../web/api.js';
import { useAuth } from '../../../web/auth.js';
import { featureErrorMessage, featureFieldErrors } from '../../../web/components/apiErrors.js';
import { adminKeys, departmentOptions, roleLabel, useDepartments, useRoles } from './queries.js';

interface Props {
  /** The user to edit, or null to create one. */
  user: UserDto | null;
  onClose(): void;
}

type Field = 'email' | 'name' | 'password' | 'roleKey' | 'departmentId' | 'locale' | 'isActive';

/** Create or edit a user: name, role, department, language, active state. Enter submits. */
export function UserFormModal({ user, onClose }: Props) {
  const { t, i18n } = useTranslation('admin');
  const { me } = useAuth();
  const qc = useQueryClient();
  const roles = useRoles();
  const departments = useDepartments();
  const [email, setEmail] = useState('');
  const [name, setName] = useState(user?.name ?? '');
  const [password, setPassword] = useState('');
  const [roleKey, setRoleKey] = useState<string | null>(user?.role ?? null);
  const [departmentId, setDepartmentId] = useState<string | null>(user?.departmentId ?? null);
  const [locale, setLocale] = useState<string>(user?.locale ?? (locales as readonly string[]).find((l) => l === i18n.language) ?? 'en');
  const [isActive, setIsActive] = useState(user?.isActive ?? true);
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [busy, setBusy] = useState(false);

  const edit = <V,>(field: Field, set: (v: V) => void) => (v: V) => {
    set(v);
    setErrors(({ [field]: _, ...rest }) => rest);
  };

  const changes = (): UpdateUserInput => {
    if (!user) return {};
    const c: UpdateUserInput = {};
    if (name.trim() !== user.name) c.name = name;
    if (roleKey && roleKey !== user.role) c.roleKey = roleKey;
    if (departmentId !== user.departmentId) c.departmentId = departmentId;
    if (locale !== user.locale) c.locale = locale as UserDto['locale'];
    if (isActive !== user.isActive) c.isActive = isActive;
    return c;
  };

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    setBusy(true);
    try {
      if (user) await patch(`/users/${user.id}`, changes());
      else await post('/users', { email, name, password, roleKey: roleKey ?? '', departmentId, locale });
      await qc.invalidateQueries({ queryKey: adminKeys.users });
      await qc.invalidateQueries({ queryKey: adminKeys.departments });
      await qc.invalidateQueries({ queryKey: adminKeys.roles });
      notifications.show({ message: user ? t('common:state.saved') : t('users.created'), color: 'green' });
      onClose();
    } catch (err) {
      const fields = featureFieldErrors(t, err, 'admin');
      setErrors(fields);
      const shown: string[] = ['email', 'name', 'password', 'roleKey', 'departmentId', 'locale', 'isActive'];
      if (!Object.keys(fields).some((f) => shown.includes(f))) {
        notifications.show({ message: featureErrorMessage(t, err, 'admin'), color: 'red' });
      }
    } finally {
      setBusy(false);
    }
  };

  const self = user?.id === me?.id;
  const unchanged = !!user && Object.keys(changes()).length === 0;
  return (
    <Modal opened onClose={onClose} title={user ? t('users.editTitle', { name: user.name }) : t('users.newTitle')} size="lg">
      <form onSubmit={submit} data-testid="user-form">
        <Stack>
          {user ? (
            <TextInput label={t('users.email')} value={user.email} readOnly variant="filled" />
          ) : (
            <TextInput
              label={t('users.email')}
              type="email"
              required
              data-autofocus
              autoComplete="off"
              data-testid="user-email"
              value={email}
              error={errors.email}
              onChange={(e) => edit('email', setEmail)(e.currentTarget.value)}
            />
          )}
          <TextInput
            label={t('users.name')}
            required
            data-autofocus={user ? true : undefined}
            data-testid="user-name"
            value={name}
            error={errors.name}
            onChange={(e) => edit('name', setName)(e.currentTarget.value)}
          />
          {!user && (
            <PasswordInput
              label={t('users.password')}
              description={t('users.passwordHint')}
              required
              autoComplete="new-password"
              data-testid="user-password"
              value={password}
              error={errors.password}
              onChange={(e) => edit('password', setPassword)(e.currentTarget.value)}
            />
          )}
          <Group grow align="start">
            <Select
              label={t('users.role')}
              required
              data-testid="user-role"
              value={roleKey}
              error={errors.roleKey}
              allowDeselect={false}
              data={(roles.data ?? []).map((r) => ({ value: r.key, label: roleLabel(t, r.key, r.name) }))}
              onChange={edit('roleKey', setRoleKey)}
            />
            <Select
              label={t('users.department')}
              placeholder={t('users.noDepartment')}
              clearable
              searchable
              data-testid="user-department"
              value={departmentId}
              error={errors.departmentId}
              data={departmentOptions(departments.data)}
              onChange={edit('departmentId', setDepartmentId)}
            />
          </Group>
          <Select
            label={t('users.language')}
            allowDeselect={false}
            data-testid="user-locale"
            value={locale}
            error={errors.locale}
            data={locales.map((l) => ({ value: l, label: t(`common:languages.${l}`) }))}
            onChange={(v) => v && edit('locale', setLocale)(v)}
          />
          {user && (
            <Switch
              label={t('users.active')}
              description={t('users.activeHint')}
              data-testid="user-active"
              checked={isActive}
              disabled={self}
              error={errors.isActive}
              onChange={(e) => edit('isActive', setIsActive)(e.currentTarget.checked)}
            />
          )}
          <Group justify="flex-end" mt="sm">
            <Button variant="default" onClick={onClose}>
              {t('common:actions.cancel')}
            </Button>
            <Button type="submit" loading={busy} disabled={unchanged} data-testid="user-submit">
              {user ? t('common:actions.save') : t('common:actions.create')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
