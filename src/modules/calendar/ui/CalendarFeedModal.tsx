import { useState } from 'react';
import { Alert, Button, CopyButton, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { del, get, post } from '../../../web/api.js';
import { featureErrorMessage } from '../../../web/components/apiErrors.js';
import { ConfirmButton } from '../../../web/components/ConfirmButton.js';
import { useFormat } from '../../../web/components/format.js';
import type { CalendarFeed, CalendarFeedCreated } from '../calendar.schema.js';

export const feedPath = '/calendar/feed';

/** The private iCal feed: make the link (shown once, to copy), make a new one (the old stops working), turn it off. */
export function CalendarFeedModal({ onClose }: { onClose(): void }) {
  const { t } = useTranslation('calendar');
  const fmt = useFormat();
  const qc = useQueryClient();
  const feed = useQuery({ queryKey: ['calendar', 'feed'], queryFn: () => get<CalendarFeed>(feedPath) });
  const [created, setCreated] = useState<CalendarFeedCreated | null>(null);
  const [busy, setBusy] = useState(false);

  const run = async (action: () => Promise<unknown>) => {
    setBusy(true);
    try {
      await action();
      await qc.invalidateQueries({ queryKey: ['calendar', 'feed'] });
    } catch (err) {
      notifications.show({ color: 'red', message: featureErrorMessage(t, err, 'calendar') });
    } finally {
      setBusy(false);
    }
  };
  const make = () => run(async () => setCreated(await post<CalendarFeedCreated>(feedPath)));
  const revoke = () =>
    run(async () => {
      await del(feedPath);
      setCreated(null);
      notifications.show({ color: 'green', message: t('feed.revoked') });
    });

  return (
    <Modal opened onClose={onClose} title={t('feed.title')} size="lg">
      <Stack gap="sm" data-testid="calendar-feed">
        <Text size="sm">{t('feed.text')}</Text>
        {feed.error && <Alert color="red">{featureErrorMessage(t, feed.error, 'calendar')}</Alert>}
        {created ? (
          <Stack gap={6}>
            <Group align="flex-end" gap="xs" wrap="nowrap">
              <TextInput label={t('feed.newUrl')} readOnly value={created.url} style={{ flex: 1 }} onFocus={(e) => e.currentTarget.select()} data-testid="calendar-feed-url" />
              <CopyButton value={created.url}>
                {({ copied, copy }) => (
                  <Button color={copied ? 'teal' : undefined} onClick={copy} data-testid="calendar-feed-copy">
                    {copied ? t('feed.copied') : t('feed.copy')}
                  </Button>
                )}
              </CopyButton>
            </Group>
            <Text size="xs" c="orange.8">
              {t('feed.warning')}
            </Text>
          </Stack>
        ) : (
          feed.data && (
            <Text size="sm" c="dimmed" data-testid="calendar-feed-state">
              {feed.data.enabled ? t('feed.since', { date: fmt.dateTime(feed.data.createdAt) }) : t('feed.off')}
            </Text>
          )
        )}
        <Group justify="flex-end" gap="xs">
          {feed.data?.enabled && (
            <ConfirmButton variant="default" color="red" message={t('feed.revokeConfirm')} confirmLabel={t('feed.revoke')} onConfirm={revoke} disabled={busy} data-testid="calendar-feed-revoke">
              {t('feed.revoke')}
            </ConfirmButton>
          )}
          {feed.data?.enabled ? (
            <ConfirmButton variant="default" color="orange" message={t('feed.rotateConfirm')} confirmLabel={t('feed.rotate')} onConfirm={make} disabled={busy} data-testid="calendar-feed-rotate">
              {t('feed.rotate')}
            </ConfirmButton>
          ) : (
            <Button loading={busy} onClick={() => void make()} disabled={!feed.data} data-testid="calendar-feed-create">
              {t('feed.create')}
            </Button>
          )}
        </Group>
      </Stack>
    </Modal>
  );
}
