import { useState } from 'react';
import { Button, ColorSwatch, Group, Paper, PasswordInput, Select, SegmentedControl, Stack, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { accentColors, themes, type Me } from '../modules/users/auth.schema.js';
import { patch, post } from './api.js';
import { useAuth } from './auth.js';
import { errorMessage, fieldErrors } from './errors.js';
import i18n, { setLocale, supportedLocales } from './i18n/index.js';
import { ApiTokens } from '../modules/users/ui/ApiTokens.js';

const timeZones = ['UTC', ...(typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : ['Europe/Moscow', 'Europe/Sofia'])].filter((z, i, all) => all.indexOf(z) === i);

export function SettingsPage() {
  const { t } = useTranslation('auth');
  const { me, refresh } = useAuth();
  const [name, setName] = useState(me?.name ?? '');
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [pwErrors, setPwErrors] = useState<Record<string, string>>({});

  const save = async (changes: Partial<Pick<Me, 'name' | 'locale' | 'theme' | 'accentColor' | 'timeZone'>>) => {
    try {
      await patch('/auth/me', changes);
      if (changes.locale) await setLocale(changes.locale);
      await refresh();
      notifications.show({ message: i18n.t('common:state.saved'), color: 'green' });
    } catch (err) {
      notifications.show({ message: errorMessage(t, err), color: 'red' });
    }
  };

  const changePassword = async (e: React.FormEvent) => {
    e.preventDefault();
    setPwErrors({});
    try {
      await post('/auth/password', { currentPassword: current, newPassword: next });
      setCurrent('');
      setNext('');
      notifications.show({ message: t('settings.passwordChanged'), color: 'green' });
    } catch (err) {
      setPwErrors(fieldErrors(t, err, 'auth'));
    }
  };

  if (!me) return null;
  return (
    <Stack maw={640}>
      <Title order={2}>{t('settings.title')}</Title>
      <Paper withBorder p="md">
        <Stack>
          <Title order={4}>{t('settings.profile')}</Title>
          <Group align="end">
            <TextInput label={t('settings.name')} value={name} onChange={(e) => setName(e.currentTarget.value)} style={{ flex: 1 }} />
            <Button onClick={() => save({ name })} disabled={!name.trim() || name === me.name}>
              {t('common:actions.save')}
            </Button>
          </Group>
          <Text size="sm" c="dimmed">
            {me.email}
          </Text>
          <Select
            label={t('common:language')}
            data-testid="language-select"
            value={me.locale}
            allowDeselect={false}
            data={supportedLocales.map((l) => ({ value: l, label: t(`common:languages.${l}`) }))}
            onChange={(v) => v && save({ locale: v as Me['locale'] })}
          />
          <Select
            label={t('settings.timeZone')}
            searchable
            value={me.timeZone}
            allowDeselect={false}
            data={timeZones}
            onChange={(v) => v && save({ timeZone: v })}
          />
        </Stack>
      </Paper>
      <Paper withBorder p="md">
        <Stack>
          <Title order={4}>{t('settings.appearance')}</Title>
          <Text size="sm">{t('settings.theme')}</Text>
          <SegmentedControl
            value={me.theme}
            onChange={(v) => save({ theme: v as Me['theme'] })}
            data={themes.map((th) => ({ value: th, label: t(`settings.themes.${th}`) }))}
          />
          <Text size="sm">{t('settings.accent')}</Text>
          <Group gap="xs">
            {accentColors.map((c) => (
              <ColorSwatch
                key={c}
                component="button"
                type="button"
                aria-label={c}
                color={`var(--mantine-color-${c}-6)`}
                onClick={() => save({ accentColor: c })}
                style={{ cursor: 'pointer', outline: me.accentColor === c ? '2px solid var(--mantine-color-text)' : undefined, outlineOffset: 2 }}
              />
            ))}
          </Group>
        </Stack>
      </Paper>
      <Paper withBorder p="md" component="form" onSubmit={changePassword}>
        <Stack>
          <Title order={4}>{t('settings.passwordTitle')}</Title>
          <PasswordInput label={t('settings.currentPassword')} autoComplete="current-password" value={current} error={pwErrors.currentPassword} onChange={(e) => setCurrent(e.currentTarget.value)} />
          <PasswordInput label={t('settings.newPassword')} autoComplete="new-password" value={next} error={pwErrors.newPassword} onChange={(e) => setNext(e.currentTarget.value)} />
          <Button type="submit" disabled={!current || next.length < 8} w="fit-content">
            {t('common:actions.save')}
          </Button>
        </Stack>
      </Paper>
      <ApiTokens />
    </Stack>
  );
}
