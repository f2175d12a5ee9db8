import { Button, Group, Paper, Stack, Text, Timeline, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { AuditValue, type AuditFormat } from './AuditValue.js';
import { useCursorList } from './useCursorList.js';
import { useFormat } from './format.js';

export interface HistoryRow {
  id: string;
  at: string;
  userName: string | null;
  action: string;
  field: string | null;
  oldValue: string | null;
  newValue: string | null;
}

interface Props {
  path: string;
  /** translates field names (`<ns>:fields.<field>`) */
  ns: string;
  entityKey: readonly unknown[];
  /** fields whose values are ids or codes: how to show them (a link with the name, a user, a translated code) */
  formats?: Record<string, AuditFormat>;
}

/** A record's change history (audit rows), newest first, with "load more". */
export function HistoryTimeline({ path, ns, entityKey, formats = {} }: Props) {
  const { t } = useTranslation('ui');
  const fmt = useFormat();
  const list = useCursorList<HistoryRow>({ key: [...entityKey, 'history'], path, limit: 30 });
  const fieldLabel = (f: string) =>
    t(`${ns}:fields.${f}`, { defaultValue: t(`history.fields.${f}`, { defaultValue: t(`${ns}:fields.${f.split('.')[0]}`, { defaultValue: f }) }) });
  return (
    <Paper withBorder p="md">
      <Stack gap="sm">
        <Title order={4}>{t('history.title')}</Title>
        {list.isPending && <Text size="sm" c="dimmed">{t('common:state.loading')}</Text>}
        {!list.isPending && !list.items.length && <Text size="sm" c="dimmed">{t('history.empty')}</Text>}
        <Timeline bulletSize={12} lineWidth={2} data-testid="history">
          {list.items.map((row) => (
            <Timeline.Item
              key={row.id}
              title={
                <Text size="sm" fw={500}>
                  {row.field ? fieldLabel(row.field) : t(`history.actions.${row.action}`, { defaultValue: row.action })}
                </Text>
              }
            >
              {row.field && (
                <Group gap={6} wrap="wrap">
                  <AuditValue value={row.oldValue} format={formats[row.field]} strike />
                  <Text size="xs">→</Text>
                  <AuditValue value={row.newValue} format={formats[row.field]} />
                </Group>
              )}
              <Text size="xs" c="dimmed" mt={2}>
                {t('history.byAt', { who: row.userName ?? t('history.system'), at: fmt.dateTime(row.at) })}
                {row.field && row.action !== 'update' ? ` · ${t(`history.actions.${row.action}`, { defaultValue: row.action })}` : ''}
              </Text>
            </Timeline.Item>
          ))}
        </Timeline>
        {list.hasMore && (
          <Button variant="subtle" size="xs" w="fit-content" loading={list.loadingMore} onClick={list.loadMore}>
            {t('common:actions.loadMore')}
          </Button>
        )}
      </Stack>
    </Paper>
  );
}
