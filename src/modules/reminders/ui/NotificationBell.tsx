import { useEffect, useRef, useState } from 'react';
import { ActionIcon, Badge, Box, Button, Group, Indicator, Popover, ScrollArea, Stack, Text, UnstyledButton } from '@mantine/core';
import { notifications as toasts } from '@mantine/notifications';
import { useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { get, post } from '../../../web/api.js';
import { useFormat } from '../../../web/components/format.js';
import type { Notification, NotificationPage } from '../reminders.schema.js';

const paths = { list: '/notifications', read: '/notifications/read', stream: '/api/v1/notifications/stream' };
const key = ['notifications', 'bell'];

/** A new notification at the top of the cached list; false when it was there already. */
function addToCache(qc: QueryClient, n: Notification): boolean {
  const page = qc.getQueryData<NotificationPage>(key);
  if (page?.items.some((x) => x.id === n.id)) return false;
  if (!page) void qc.invalidateQueries({ queryKey: key });
  else qc.setQueryData<NotificationPage>(key, { ...page, items: [n, ...page.items], unreadCount: page.unreadCount + (n.readAt ? 0 : 1) });
  return true;
}

function BellIcon() {
  return (
    <svg width="20" height="20" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round" aria-hidden="true">
      <path d="M6 8a6 6 0 0 1 12 0c0 7 3 9 3 9H3s3-2 3-9" />
      <path d="M10.3 21a1.94 1.94 0 0 0 3.4 0" />
    </svg>
  );
}

/**
 * The header's bell: the unread count, kept live by the server-sent event stream (a toast for each new
 * notification), and a dropdown to read them, open what they are about and mark them read.
 */
export function NotificationBell() {
  const { t } = useTranslation('notifications');
  const fmt = useFormat();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const [opened, setOpened] = useState(false);
  const q = useQuery({ queryKey: key, queryFn: () => get<NotificationPage>(paths.list, { limit: 30 }), retry: false });
  const openRef = useRef<(n: Notification) => void>(() => undefined);

  const markRead = async (body: { ids: string[] } | { all: true }) => {
    const ids = 'ids' in body ? new Set(body.ids) : null;
    const res = await post<{ unreadCount: number }>(paths.read, body);
    const now = new Date().toISOString();
    qc.setQueryData<NotificationPage>(key, (page) => page && { ...page, unreadCount: res.unreadCount, items: page.items.map((x) => (!ids || ids.has(x.id) ? { ...x, readAt: x.readAt ?? now } : x)) });
  };
  const open = (n: Notification) => {
    setOpened(false);
    if (!n.readAt) void markRead({ ids: [n.id] });
    if (n.link) navigate(n.link);
  };
  openRef.current = open;

  useEffect(() => {
    const stream = new EventSource(paths.stream);
    stream.addEventListener('notification', (e) => {
      const n = JSON.parse((e as MessageEvent<string>).data) as Notification;
      if (!addToCache(qc, n)) return;
      if (n.kind.startsWith('task.')) void qc.invalidateQueries({ queryKey: ['tasks'] });
      toasts.show({
        id: `notification-${n.id}`,
        title: n.title,
        message: n.body ?? '',
        autoClose: 10_000,
        style: { cursor: n.link ? 'pointer' : undefined },
        onClick: () => openRef.current(n),
      });
    });
    return () => stream.close();
  }, [qc]);

  const unread = q.data?.unreadCount ?? 0;
  const items = q.data?.items ?? [];
  return (
    <Popover opened={opened} onChange={setOpened} position="bottom-end" width={360} shadow="md" withinPortal>
      <Popover.Target>
        <Indicator label={unread > 99 ? '99+' : unread} size={18} disabled={!unread} color="red" offset={4} data-testid="bell-count">
          <ActionIcon
            variant="subtle"
            color="gray"
            size="lg"
            onClick={() => setOpened((o) => !o)}
            aria-label={unread ? t('bellUnread', { count: unread }) : t('bell')}
            data-testid="bell"
            data-unread={unread}
          >
            <BellIcon />
          </ActionIcon>
        </Indicator>
      </Popover.Target>
      <Popover.Dropdown p={0} data-testid="bell-dropdown">
        <Group justify="space-between" px="sm" py={8}>
          <Text fw={600}>{t('title')}</Text>
          {unread > 0 && (
            <Button size="compact-xs" variant="subtle" onClick={() => void markRead({ all: true })} data-testid="bell-read-all">
              {t('markAll')}
            </Button>
          )}
        </Group>
        <ScrollArea.Autosize mah={420}>
          {!items.length ? (
            <Text size="sm" c="dimmed" px="sm" pb="sm">
              {q.isPending ? t('common:state.loading') : t('empty')}
            </Text>
          ) : (
            <Stack gap={0}>
              {items.map((n) => (
                <Box key={n.id} px="sm" py={6} style={{ borderTop: '1px solid var(--mantine-color-default-border)', background: n.readAt ? undefined : 'var(--mantine-color-blue-light)' }}>
                  <Group justify="space-between" wrap="nowrap" align="flex-start" gap={6}>
                    <UnstyledButton onClick={() => open(n)} style={{ minWidth: 0, flex: 1 }} data-testid="bell-item" data-unread={n.readAt ? 'false' : 'true'}>
                      <Group gap={6} wrap="nowrap">
                        <Badge size="xs" variant="light" tt="none" style={{ flexShrink: 0 }}>
                          {t(`kinds.${n.kind}`, { defaultValue: t('title') })}
                        </Badge>
                        <Text size="xs" c="dimmed">
                          {fmt.dateTime(n.createdAt)}
                        </Text>
                      </Group>
                      <Text size="sm" fw={n.readAt ? 400 : 700} style={{ overflowWrap: 'anywhere' }}>
                        {n.title}
                      </Text>
                      {n.body && (
                        <Text size="xs" c="dimmed" lineClamp={2}>
                          {n.body}
                        </Text>
                      )}
                    </UnstyledButton>
                    {!n.readAt && (
                      <ActionIcon size="sm" variant="subtle" aria-label={t('markRead')} onClick={() => void markRead({ ids: [n.id] })} data-testid="bell-item-read">
                        ✓
                      </ActionIcon>
                    )}
                  </Group>
                </Box>
              ))}
            </Stack>
          )}
        </ScrollArea.Autosize>
      </Popover.Dropdown>
    </Popover>
  );
}
