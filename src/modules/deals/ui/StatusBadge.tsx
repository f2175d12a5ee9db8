import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { DealStatus } from '../deals.schema.js';

export const statusColors: Record<DealStatus, string> = { open: 'blue', won: 'green', lost: 'red' };

/** Open, won or lost. */
export function StatusBadge({ status }: { status: DealStatus }) {
  const { t } = useTranslation('deals');
  return (
    <Badge size="sm" variant="light" color={statusColors[status]} data-testid="deal-status">
      {t(`statuses.${status}`)}
    </Badge>
  );
}
