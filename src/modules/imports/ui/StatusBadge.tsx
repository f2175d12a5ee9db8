import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ImportStatus } from '../imports.schema.js';

const colors: Record<ImportStatus, string> = {
  queued: 'gray',
  running: 'blue',
  done: 'green',
  failed: 'red',
  cancelled: 'orange',
  undoing: 'grape',
  undone: 'gray',
};

export function StatusBadge({ status }: { status: ImportStatus }) {
  const { t } = useTranslation('imports');
  return (
    <Badge color={colors[status]} variant="light" data-testid="import-status">
      {t(`statuses.${status}`)}
    </Badge>
  );
}
