import { Anchor, Breadcrumbs, Button, Grid, Group, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { del, get } from '../../../web/api.js';
import { useAuth } from '../../../web/auth.js';
import { featureErrorMessage } from '../../../web/components/apiErrors.js';
import type { AuditFormat } from '../../../web/components/AuditValue.js';
import { FieldRow, Section } from '../../../web/components/CardParts.js';
import { ConfirmButton } from '../../../web/components/ConfirmButton.js';
import { ErrorState } from '../../../web/components/ErrorState.js';
import { useFormat } from '../../../web/components/format.js';
import { HistoryTimeline } from '../../../web/components/HistoryTimeline.js';
import { PageLoader } from '../../../web/components/ListControls.js';
import type { Activity } from '../activities.schema.js';
import { activityName, activityPaths, refreshActivities } from './activitiesApi.js';
import { ActivityBadges, ActivityWhen, TypeBadge, useActivityDialogs } from './ActivityParts.js';

/** Audited fields that hold ids or codes. */
const historyFormats: Record<string, AuditFormat> = {
  companyId: { kind: 'record', path: '/companies' },
  dealId: { kind: 'record', path: '/deals' },
  contactIds: { kind: 'record', path: '/contacts' },
  previousId: { kind: 'record', path: '/activities' },
  ownerId: { kind: 'user' },
  type: { kind: 'enum', prefix: 'activities:types' },
  direction: { kind: 'enum', prefix: 'activities:directions' },
  status: { kind: 'enum', prefix: 'activities:statuses' },
  callResult: { kind: 'enum', prefix: 'activities:callResults' },
  claimStatus: { kind: 'enum', prefix: 'activities:claimStatuses' },
};

/** One activity: what, when, with whom, its outcome and next step, "Complete", edit, delete and its history. */
export function ActivityCardPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation('activities');
  const { can } = useAuth();
  const fmt = useFormat();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const dialogs = useActivityDialogs();
  const q = useQuery({ queryKey: ['activities', id], queryFn: () => get<Activity>(activityPaths.one(id)) });
  if (q.error) return <ErrorState error={q.error} ns="activities" backTo="/activities" />;
  if (!q.data) return <PageLoader />;
  const a = q.data;
  const canUpdate = can('activity', 'update');

  const remove = async () => {
    try {
      await del(activityPaths.one(a.id));
      qc.removeQueries({ queryKey: ['activities', a.id] });
      await refreshActivities(qc);
      notifications.show({ color: 'green', message: t('deleted') });
      navigate('/activities');
    } catch (err) {
      notifications.show({ color: 'red', message: featureErrorMessage(t, err, 'activities') });
    }
  };

  return (
    <Stack>
      <Breadcrumbs>
        <Anchor component={Link} to="/activities" size="sm">
          {t('title')}
        </Anchor>
        <Text size="sm">{activityName(t, a)}</Text>
      </Breadcrumbs>
      <Group justify="space-between" align="flex-start">
        <Stack gap={6}>
          <Group gap="xs">
            <TypeBadge activity={a} />
            <ActivityWhen activity={a} />
          </Group>
          <Title order={2} data-testid="activity-title">
            {activityName(t, a)}
          </Title>
          <ActivityBadges activity={a} />
        </Stack>
        {canUpdate && (
          <Group gap="xs">
            {a.status === 'open' && (
              <Button color="green" onClick={() => dialogs.complete(a)} data-testid="activity-complete">
                {t('complete.action')}
              </Button>
            )}
            <Button variant="default" onClick={() => dialogs.edit(a)} data-testid="activity-edit">
              {t('common:actions.edit')}
            </Button>
            {can('activity', 'delete') && (
              <ConfirmButton variant="default" color="red" message={t('deleteConfirm')} confirmLabel={t('common:actions.delete')} onConfirm={remove}>
                {t('common:actions.delete')}
              </ConfirmButton>
            )}
          </Group>
        )}
      </Group>
      <Grid>
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Stack>
            <Section title={t('card.details')}>
              <FieldRow label={t('fields.companyId')}>
                {a.companyId && (
                  <Anchor component={Link} to={`/companies/${a.companyId}`} size="sm">
                    {a.companyName}
                  </Anchor>
                )}
              </FieldRow>
              <FieldRow label={t('fields.contactIds')}>
                {a.contacts.length > 0 && (
                  <Group gap={8}>
                    {a.contacts.map((c) => (
                      <Anchor key={c.id} component={Link} to={`/contacts/${c.id}`} size="sm">
                        {c.fullName}
                      </Anchor>
                    ))}
                  </Group>
                )}
              </FieldRow>
              <FieldRow label={t('fields.dealId')}>
                {a.dealId && (
                  <Anchor component={Link} to={`/deals/${a.dealId}`} size="sm">
                    {a.dealTitle}
                  </Anchor>
                )}
              </FieldRow>
              <FieldRow label={t('fields.ownerId')}>{a.ownerName}</FieldRow>
              <FieldRow label={t('fields.planned')}>{a.plannedDate && <ActivityWhen activity={{ ...a, status: 'open' }} />}</FieldRow>
              <FieldRow label={t('fields.notes')}>{a.notes && <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>{a.notes}</Text>}</FieldRow>
              <FieldRow label={t('fields.previousId')}>
                {a.previousId && (
                  <Anchor component={Link} to={`/activities/${a.previousId}`} size="sm">
                    {t('card.openPrevious')}
                  </Anchor>
                )}
              </FieldRow>
              <FieldRow label={t('fields.createdAt')}>{fmt.dateTime(a.createdAt)}</FieldRow>
            </Section>
            {a.status === 'done' && (
              <Section title={t('card.outcome')} testId="activity-outcome">
                <FieldRow label={t('fields.doneAt')}>{fmt.dateTime(a.doneAt)}</FieldRow>
                <FieldRow label={t('fields.result')}>{a.result && <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>{a.result}</Text>}</FieldRow>
                <FieldRow label={t('fields.callResult')}>{a.callResult && t(`callResults.${a.callResult}`)}</FieldRow>
                <FieldRow label={t('fields.durationSec')}>{a.durationSec !== null && t('minutes', { count: Math.round(a.durationSec / 60) })}</FieldRow>
                <FieldRow label={t('fields.nextStepReason')}>{a.nextStepDeclined && (a.nextStepReason ?? t('card.noNextStep'))}</FieldRow>
              </Section>
            )}
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <HistoryTimeline path={activityPaths.history(a.id)} ns="activities" entityKey={['activities', a.id]} formats={historyFormats} />
        </Grid.Col>
      </Grid>
      {dialogs.dialogs}
    </Stack>
  );
}
