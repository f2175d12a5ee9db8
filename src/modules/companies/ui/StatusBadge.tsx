import { Badge, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../../../web/components/format.js';
import type { CompanyStatus } from '../companies.schema.js';

export const statusColors: Record<CompanyStatus, string> = { potential: 'blue', current: 'green', lost: 'gray' };

/** Company status; with `since`, the date it changed (shown in a tooltip, or inline when `showSince`). */
export function StatusBadge({ status, since, showSince = false }: { status: CompanyStatus; since?: string; showSince?: boolean }) {
  const { t } = useTranslation('companies');
  const fmt = useFormat();
  const sinceText = since ? t('statusSince', { date: fmt.date(since) }) : '';
  const badge = (
    <Badge color={statusColors[status]} variant="light" data-testid="company-status-badge">
      {t(`statuses.${status}`)}
      {showSince && sinceText ? ` · ${sinceText}` : ''}
    </Badge>
  );
  return since && !showSince ? <Tooltip label={sinceText}>{badge}</Tooltip> : badge;
}
