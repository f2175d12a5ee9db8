import { Anchor, Button, Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useAuth } from '../../../web/auth.js';
import { Section } from '../../../web/components/CardParts.js';
import { useCursorList } from '../../../web/components/useCursorList.js';
import type { Activity } from '../activities.schema.js';
import { activityName, activityPaths } from './activitiesApi.js';
import type { ActivityPrefill } from './activityForm.js';
import { ActivityBadges, ActivityWhen, TypeBadge, useActivityDialogs } from './ActivityParts.js';

/** One activity in a compact list: type, when, what, with whom, and "Complete" while it is open. */
export function ActivityLine({ activity: a, onComplete, showCompany = true }: { activity: Activity; onComplete?(a: Activity): void; showCompany?: boolean }) {
  const { t } = useTranslation('activities');
  const who = [showCompany ? a.companyName : null, ...a.contacts.map((c) => c.fullName)].filter(Boolean).join(', ');
  return (
    <Group justify="space-between" wrap="nowrap" gap="xs" align="flex-start" data-testid="activity-line" data-activity-id={a.id}>
      <Stack gap={2} style={{ minWidth: 0 }}>
        <Group gap={6} wrap="wrap">
          <TypeBadge activity={a} />
          <ActivityWhen activity={a} />
          <ActivityBadges activity={a} showStatus={false} />
        </Group>
        <Anchor component={Link} to={`/activities/${a.id}`} size="sm" fw={500} lineClamp={2}>
          {activityName(t, a)}
        </Anchor>
        {(who || a.result) && (
          <Text size="xs" c="dimmed" lineClamp={2}>
            {[who, a.result].filter(Boolean).join(' · ')}
          </Text>
        )}
      </Stack>
      {a.status === 'open' && onComplete && (
        <Button size="compact-xs" variant="light" color="green" onClick={() => onComplete(a)} data-testid="activity-complete">
          {t('complete.action')}
        </Button>
      )}
    </Group>
  );
}

interface Props {
  /** whose activities: one of the company, the deal, the contact */
  filter: { companyId?: string; dealId?: string; contactId?: string };
  /** what a new activity starts with (this record) */
  prefill: ActivityPrefill;
  /** also list the latest done ones (the company card has its timeline instead) */
  showDone?: boolean;
}

/** A record card's activities: the planned ones (with "Complete"), the latest done, "Plan activity" and "Log call". */
export function RecordActivities({ filter, prefill, showDone = true }: Props) {
  const { t } = useTranslation('activities');
  const { can } = useAuth();
  const dialogs = useActivityDialogs();
  const open = useCursorList<Activity>({ key: ['activities', 'record', filter, 'open'], path: activityPaths.list, query: { ...filter, status: 'open', sort: 'planned' }, limit: 10 });
  const done = useCursorList<Activity>({ key: ['activities', 'record', filter, 'done'], path: activityPaths.list, query: { ...filter, status: 'done', sort: '-doneAt' }, limit: 5 });
  const allLink = `/activities?${new URLSearchParams([...Object.entries(filter).filter((e): e is [string, string] => !!e[1]), ['status', 'all'], ['sort', '-planned']]).toString()}`;
  const showCompany = !filter.companyId;
  return (
    <Section
      title={t('record.title')}
      testId="record-activities"
      actions={
        can('activity', 'create') && (
          <Group gap={6} wrap="nowrap">
            <Button size="compact-sm" variant="light" onClick={() => dialogs.plan(prefill)} data-testid="activity-plan">
              {t('record.plan')}
            </Button>
            <Button size="compact-sm" variant="default" onClick={() => dialogs.plan({ ...prefill, type: 'call', direction: 'out', logDone: true })} data-testid="activity-log-call">
              {t('record.logCall')}
            </Button>
          </Group>
        )
      }
    >
      <Stack gap="xs">
        <Text size="xs" fw={700} c="dimmed" tt="uppercase">
          {t('record.planned')}
        </Text>
        {open.isPending ? (
          <Text size="sm" c="dimmed">
            {t('common:state.loading')}
          </Text>
        ) : !open.items.length ? (
          <Text size="sm" c="dimmed">
            {t('record.none')}
          </Text>
        ) : (
          open.items.map((a) => <ActivityLine key={a.id} activity={a} showCompany={showCompany} onComplete={can('activity', 'update') ? dialogs.complete : undefined} />)
        )}
        {open.hasMore && (
          <Button variant="subtle" size="xs" w="fit-content" loading={open.loadingMore} onClick={open.loadMore}>
            {t('common:actions.loadMore')}
          </Button>
        )}
        {showDone && (
          <>
            <Text size="xs" fw={700} c="dimmed" tt="uppercase" mt="xs">
              {t('record.done')}
            </Text>
            {!done.isPending && !done.items.length && (
              <Text size="sm" c="dimmed">
                {t('record.noneDone')}
              </Text>
            )}
            {done.items.map((a) => (
              <ActivityLine key={a.id} activity={a} showCompany={showCompany} />
            ))}
          </>
        )}
        <Anchor component={Link} to={allLink} size="sm" w="fit-content">
          {t('record.all')}
        </Anchor>
      </Stack>
      {dialogs.dialogs}
    </Section>
  );
}
