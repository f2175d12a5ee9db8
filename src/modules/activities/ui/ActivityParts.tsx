import { useState, type ReactNode } from 'react';
import { Badge, Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../../web/auth.js';
import { useFormat } from '../../../web/components/format.js';
import type { Activity, ActivityCompleteResult } from '../activities.schema.js';
import { isOverdue, typeColors, typeLabel } from './activitiesApi.js';
import { ActivityFormModal } from './ActivityFormModal.js';
import type { ActivityPrefill } from './activityForm.js';
import { CompleteActivityDialog, type CompletableActivity } from './CompleteDialog.js';

export function TypeBadge({ activity: a }: { activity: Pick<Activity, 'type' | 'direction'> }) {
  const { t } = useTranslation('activities');
  return (
    <Badge color={typeColors[a.type]} variant="light" tt="none" style={{ flexShrink: 0 }} data-testid="activity-type-badge">
      {typeLabel(t, a.type, a.direction)}
    </Badge>
  );
}

/** Planned / done (unless the list says it already), overdue, a promise, an open or resolved claim. */
export function ActivityBadges({ activity: a, showStatus = true }: { activity: Activity; showStatus?: boolean }) {
  const { t } = useTranslation('activities');
  const { me } = useAuth();
  const overdue = isOverdue(a, me?.timeZone ?? 'UTC');
  return (
    <Group gap={4} wrap="wrap">
      {showStatus && (
        <Badge color={a.status === 'done' ? 'green' : 'blue'} variant={a.status === 'done' ? 'light' : 'outline'} tt="none" data-testid="activity-status">
          {t(`statuses.${a.status}`)}
        </Badge>
      )}
      {overdue && (
        <Badge color="red" tt="none" data-testid="activity-overdue">
          {t('overdue')}
        </Badge>
      )}
      {a.isPromise && a.status === 'open' && (
        <Badge color="orange" variant="filled" tt="none">
          {t('promise')}
        </Badge>
      )}
      {a.type === 'claim' && a.claimStatus && (
        <Badge color={a.claimStatus === 'open' ? 'red' : 'green'} variant="outline" tt="none">
          {t(`claimStatuses.${a.claimStatus}`)}
        </Badge>
      )}
    </Group>
  );
}

/** When: the planned day and the promised time, or when it was done. */
export function ActivityWhen({ activity: a }: { activity: Activity }) {
  const { t } = useTranslation('activities');
  const fmt = useFormat();
  if (a.status === 'done' && a.doneAt) return <Text size="sm">{fmt.dateTime(a.doneAt)}</Text>;
  return (
    <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
      {fmt.calendarDate(a.plannedDate)}
      {a.plannedTime ? (
        <Text span fw={700} c="orange.8">{` ${a.plannedTime}`}</Text>
      ) : (
        <Text span c="dimmed" size="xs">{` · ${t('anyTime')}`}</Text>
      )}
    </Text>
  );
}

type Dialog = { kind: 'form'; activity?: Activity; prefill?: ActivityPrefill } | { kind: 'complete'; activity: CompletableActivity } | null;

/**
 * The activity form and the complete dialog for a page: `plan(prefill)`, `edit(activity)`,
 * `complete(activity)`; render `dialogs` once.
 */
export function useActivityDialogs(options: { onCompleted?(r: ActivityCompleteResult): void; onSaved?(a: Activity): void } = {}) {
  const [dialog, setDialog] = useState<Dialog>(null);
  const close = () => setDialog(null);
  let dialogs: ReactNode = null;
  if (dialog?.kind === 'form') dialogs = <ActivityFormModal activity={dialog.activity} prefill={dialog.prefill} onClose={close} onSaved={options.onSaved} />;
  if (dialog?.kind === 'complete') dialogs = <CompleteActivityDialog activity={dialog.activity} onClose={close} onCompleted={options.onCompleted} />;
  return {
    plan: (prefill: ActivityPrefill = {}) => setDialog({ kind: 'form', prefill }),
    edit: (activity: Activity) => setDialog({ kind: 'form', activity }),
    complete: (activity: CompletableActivity) => setDialog({ kind: 'complete', activity }),
    dialogs,
  };
}
