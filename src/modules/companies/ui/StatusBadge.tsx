import { Badge, Group, Text, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../../web/components/format.js';
import type { CompanyStatus } from '../companies.schema.js';

export const statusColors: Record<CompanyStatus, string> = { potential: 'blue', current: 'green', lost: 'gray' };

/** Company status; with `since`, the date it changed (in a tooltip, or as plain text beside it when `showSince`: badges are upper case). */
export function StatusBadge({ status, since, showSince = false }: { status: CompanyStatus; since?: string; showSince?: boolean }) {
  const { t } = useTranslation('companies');
  const fmt = useFormat();
  const sinceText = since ? t('statusSince', { date: fmt.date(since) }) : '';
  const badge = (
    <Badge color={statusColors[status]} variant="light" data-testid="company-status-badge">
      {t(`statuses.${status}`)}
    </Badge>
  );
  if (!sinceText) return badge;
  if (!showSince) return <Tooltip label={sinceText}>{badge}</Tooltip>;
  return (
    <Group gap={6} wrap="nowrap">
      {badge}
      <Text size="xs" c="dimmed" data-testid="company-status-since">
        {sinceText}
      </Text>
    </Group>
  );
}
