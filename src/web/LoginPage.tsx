import { useState } from 'react';
import { Alert, Button, Center, Group, Paper, PasswordInput, SegmentedControl, Stack, TextInput, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useAuth } from './auth.js';
import { errorMessage } from './errors.js';
import { setLocale, supportedLocales, type Locale } from './i18n/index.js';

export function LoginPage() {
  const { t, i18n } = useTranslation('auth');
  const { login } = useAuth();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await login(email.trim(), password);
    } catch (err) {
      setError(errorMessage(t, err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Center mih="100vh" p="md">
      <Paper withBorder shadow="sm" p="xl" w={380} component="form" onSubmit={submit}>
        <Stack>
          <Title order={2}>{t('title')}</Title>
          {error && (
            <Alert color="red" role="alert">
              {error}
            </Alert>
          )}
          <TextInput label={t('email')} type="email" autoComplete="username" required autoFocus value={email} onChange={(e) => setEmail(e.currentTarget.value)} />
          <PasswordInput label={t('password')} autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.currentTarget.value)} />
          <Button type="submit" loading={busy}>
            {t('submit')}
          </Button>
          <Group justify="center">
            <SegmentedControl
              size="xs"
              value={i18n.language}
              onChange={(v) => void setLocale(v as Locale)}
              data={supportedLocales.map((l) => ({ value: l, label: l.toUpperCase() }))}
            />
          </Group>
        </Stack>
      </Paper>
    </Center>
  );
}
