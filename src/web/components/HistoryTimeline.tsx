import { Button, Code, Group, Paper, Stack, Text, Timeline, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useCursorList } from './useCursorList.js';
import { useFormat } from './format.js';
import { valueText } from './formRows.js';

export interface HistoryRow {
  id: string;
  at: string;
  userName: string | null;
  action: string;
  field: string | null;
  oldValue: string | null;
  newValue: string | null;
}

/** Audit values are text or JSON; lists of phones/e-mails/addresses read as their main text. */
export function displayAuditValue(value: string | null): string {
  if (value === null) return '';
  try {
    return valueText(JSON.parse(value));
  } catch {
    return value;
  }
}

/** A record's change history (audit rows), newest first, with "load more". `ns` translates field names. */
export function HistoryTimeline({ path, ns, entityKey }: { path: string; ns: string; entityKey: readonly unknown[] }) {
  const { t } = useTranslation('ui');
  const fmt = useFormat();
  const list = useCursorList<HistoryRow>({ key: [...entityKey, 'history'], path, limit: 30 });
  const fieldLabel = (f: string) => t(`${ns}:fields.${f}`, { defaultValue: t(`${ns}:fields.${f.split('.')[0]}`, { defaultValue: f }) });
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
                  <Code c="dimmed" style={{ textDecoration: row.oldValue ? 'line-through' : undefined }}>
                    {row.oldValue ? displayAuditValue(row.oldValue) : t('history.empty_value')}
                  </Code>
                  <Text size="xs">→</Text>
                  <Code>{row.newValue ? displayAuditValue(row.newValue) : t('history.empty_value')}</Code>
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
