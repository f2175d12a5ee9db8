import { useState } from 'react';
import { Button, Checkbox, CloseButton, Group, Menu, Modal, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { SavedView, ViewEntity } from '../../modules/views/views.schema.js';
import { del, get, post } from '../api.js';
import { featureErrorMessage, featureFieldErrors } from './apiErrors.js';

interface Props {
  entity: ViewEntity;
  /** the list's current filters and sort */
  current: Record<string, string>;
  onApply(query: Record<string, string>): void;
}

const asStrings = (q: Record<string, unknown>): Record<string, string> =>
  Object.fromEntries(Object.entries(q).filter(([, v]) => typeof v === 'string' && v !== '')) as Record<string, string>;

/** Pick a saved view (own and shared ones) or save the current filters and sort as a new one. */
export function SavedViews({ entity, current, onApply }: Props) {
  const { t } = useTranslation('ui');
  const qc = useQueryClient();
  const key = ['views', entity];
  const views = useQuery({ queryKey: key, queryFn: () => get<{ items: SavedView[] }>('/views', { entity, limit: 500 }) });
  const [saving, setSaving] = useState(false);
  const [name, setName] = useState('');
  const [shared, setShared] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);

  const save = async (e: React.FormEvent) => {
    e.preventDefault();
    setBusy(true);
    try {
      await post('/views', { entity, name, query: current, isShared: shared });
      await qc.invalidateQueries({ queryKey: key });
      setSaving(false);
      setName('');
      notifications.show({ color: 'green', message: t('views.saved') });
    } catch (err) {
      setError(featureFieldErrors(t, err, 'ui').name ?? featureErrorMessage(t, err, 'ui'));
    } finally {
      setBusy(false);
    }
  };

  const remove = async (id: string) => {
    try {
      await del(`/views/${id}`);
      await qc.invalidateQueries({ queryKey: key });
    } catch (err) {
      notifications.show({ color: 'red', message: featureErrorMessage(t, err, 'ui') });
    }
  };

  const items = views.data?.items ?? [];
  return (
    <>
      <Menu position="bottom-end" withinPortal>
        <Menu.Target>
          <Button variant="default" data-testid="views-menu">
            {t('views.title')}
          </Button>
        </Menu.Target>
        <Menu.Dropdown miw={240}>
          {!items.length && <Menu.Label>{t('views.none')}</Menu.Label>}
          {items.map((v) => (
            <Menu.Item
              key={v.id}
              onClick={() => onApply(asStrings(v.query))}
              rightSection={
                v.isMine ? (
                  <CloseButton
                    size="sm"
                    aria-label={t('common:actions.delete')}
                    onClick={(e) => {
                      e.stopPropagation();
                      void remove(v.id);
                    }}
                  />
                ) : undefined
              }
            >
              <Text size="sm">{v.name}</Text>
              {!v.isMine && (
                <Text size="xs" c="dimmed">
                  {t('views.sharedBy', { name: v.userName ?? '' })}
                </Text>
              )}
            </Menu.Item>
          ))}
          <Menu.Divider />
          <Menu.Item onClick={() => setSaving(true)} data-testid="views-save">
            {t('common:actions.saveView')}
          </Menu.Item>
        </Menu.Dropdown>
      </Menu>
      <Modal opened={saving} onClose={() => setSaving(false)} title={t('common:actions.saveView')} centered>
        <Stack component="form" onSubmit={save}>
          <TextInput
            label={t('views.name')}
            data-autofocus
            required
            value={name}
            error={error}
            data-testid="view-name"
            onChange={(e) => {
              setName(e.currentTarget.value);
              setError(undefined);
            }}
          />
          <Checkbox label={t('views.shared')} checked={shared} onChange={(e) => setShared(e.currentTarget.checked)} />
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setSaving(false)}>
              {t('common:actions.cancel')}
            </Button>
            <Button type="submit" loading={busy} disabled={!name.trim()}>
              {t('common:actions.save')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
