import { useState } from 'react';
import { Button, Group, Modal, PasswordInput, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import type { UserDto } from '../users.schema.js';
import { post } from '../../../web/api.js';
import { featureErrorMessage, featureFieldErrors } from '../../../web/components/apiErrors.js';

/** An administrator sets a new password for a user (their sessions end). */
export function ResetPasswordModal({ user, onClose }: { user: UserDto; onClose(): void }) {
  const { t } = useTranslation('admin');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    setBusy(true);
    try {
      await post(`/users/${user.id}/password`, { password });
      notifications.show({ message: t('users.passwordSet'), color: 'green' });
      onClose();
    } catch (err) {
      setError(featureFieldErrors(t, err, 'admin').password ?? featureErrorMessage(t, err, 'admin'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal opened onClose={onClose} title={t('users.resetTitle', { name: user.name })}>
      <form onSubmit={submit}>
        <Stack>
          <Text size="sm" c="dimmed">
            {t('users.resetHint')}
          </Text>
          <PasswordInput
            label={t('users.password')}
            description={t('users.passwordHint')}
            autoComplete="new-password"
            data-autofocus
            data-testid="reset-password-input"
            value={password}
            error={error}
            onChange={(e) => {
              setPassword(e.currentTarget.value);
              setError(undefined);
            }}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common:actions.cancel')}
            </Button>
            <Button type="submit" loading={busy} disabled={password.length < 8} data-testid="reset-password-submit">
              {t('common:actions.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
