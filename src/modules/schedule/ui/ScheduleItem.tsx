import { Anchor, Badge, Box, Button, Checkbox, Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useFormat } from '../../../web/components/format.js';
import { typeColors, typeLabel } from '../../activities/ui/activitiesApi.js';
import type { ActivityType, CallDirection } from '../../activities/activities.schema.js';
import { useMoney } from '../../deals/ui/dealsApi.js';
import type { ScheduleEntry } from '../schedule.schema.js';

const ruleColors: Record<ScheduleEntry['rule'], string> = {
  promise_upcoming_today: 'blue',
  promise_missed_today: 'red',
  promise_overdue: 'orange',
  funnel_hot: 'pink',
  funnel_customer: 'green',
  funnel_early: 'cyan',
  funnel_new_prospect: 'gray',
};

/** Why the item is where it is: the rule with its facts (the promised time, the stage...). */
export function useRuleText() {
  const { t } = useTranslation('schedule');
  const fmt = useFormat();
  return (e: ScheduleEntry) =>
    t(`rules.${e.rule}`, {
      time: e.plannedTime ?? '',
      date: fmt.calendarDate(e.dueDate),
      count: e.daysOverdue,
      stage: e.deal?.stageName ?? '',
      probability: e.deal?.probability ?? 0,
    });
}

interface Props {
  entry: ScheduleEntry;
  /** Completes the item (absent: the viewer may not). */
  onComplete?(entry: ScheduleEntry): void;
  /** Selection for a move (the team page). */
  selected?: boolean;
  onSelect?(entry: ScheduleEntry, selected: boolean): void;
}

/**
 * One item of a schedule: the rule that placed it, the company, contact and phone (a tel: link), the deal
 * with its stage and amount, the last contact, and Complete. Enter on the focused row completes it too.
 */
export function ScheduleItem({ entry: e, onComplete, selected, onSelect }: Props) {
  const { t } = useTranslation('schedule');
  const fmt = useFormat();
  const money = useMoney();
  const ruleText = useRuleText();
  const type = e.type as ActivityType;
  const late = e.block === 'funnel' && e.daysOverdue > 0;

  return (
    <Box
      component="li"
      tabIndex={onComplete ? 0 : undefined}
      py="xs"
      px="sm"
      style={{ listStyle: 'none', borderTop: '1px solid var(--mantine-color-default-border)' }}
      data-testid="schedule-item"
      data-rule={e.rule}
      onKeyDown={(ev) => {
        if (ev.key === 'Enter' && ev.target === ev.currentTarget && onComplete) onComplete(e);
      }}
    >
      <Group justify="space-between" align="flex-start" wrap="nowrap" gap="sm">
        {onSelect && <Checkbox mt={4} checked={!!selected} onChange={(ev) => onSelect(e, ev.currentTarget.checked)} aria-label={t('team.select', { name: e.subject ?? e.company?.name ?? typeLabel(t, type, e.direction as CallDirection | null) })} />}
        <Stack gap={4} style={{ flex: 1, minWidth: 0 }}>
          <Group gap={6} wrap="wrap">
            {e.plannedTime && (
              <Badge color={ruleColors[e.rule]} variant="filled" size="lg" radius="sm" data-testid="schedule-item-time">
                {e.plannedTime}
              </Badge>
            )}
            <Badge color={ruleColors[e.rule]} variant="light" tt="none" data-testid="schedule-item-rule">
              {ruleText(e)}
            </Badge>
            <Badge color={typeColors[type]} variant="outline" size="sm" tt="none">
              {typeLabel(t, type, e.direction as CallDirection | null)}
            </Badge>
            {late && (
              <Text size="xs" c="orange">
                {t('due.late', { count: e.daysOverdue, date: fmt.calendarDate(e.dueDate) })}
              </Text>
            )}
            {e.postponed && (
              <Text size="xs" c="dimmed">
                {t('due.postponed')}
              </Text>
            )}
          </Group>
          <Group gap="xs" wrap="wrap">
            {e.company && (
              <Anchor component={Link} to={`/companies/${e.company.id}`} fw={600} size="sm" data-testid="schedule-item-company">
                {e.company.name}
              </Anchor>
            )}
            {e.contact && (
              <Anchor component={Link} to={`/contacts/${e.contact.id}`} size="sm">
                {e.contact.fullName}
              </Anchor>
            )}
            {e.phone ? (
              <Anchor href={`tel:${e.phone.e164 ?? e.phone.raw}`} size="sm" aria-label={t('item.call', { phone: e.phone.raw })} data-testid="schedule-item-phone">
                {e.phone.raw}
                {e.phone.ext ? ` (${e.phone.ext})` : ''}
              </Anchor>
            ) : (
              <Text size="sm" c="dimmed">
                {t('item.noPhone')}
              </Text>
            )}
          </Group>
          {e.deal && (
            <Text size="sm" data-testid="schedule-item-deal">
              <Anchor component={Link} to={`/deals/${e.deal.id}`} size="sm">
                {e.deal.title}
              </Anchor>
              {` · ${e.deal.stageName} · ${money(e.deal.amount, e.deal.currency, true)}`}
            </Text>
          )}
          <Text size="xs" c="dimmed">
            {e.subject ? (
              <Anchor component={Link} to={`/activities/${e.activityId}`} size="xs" c="dimmed" aria-label={t('item.open')}>
                {e.subject}
              </Anchor>
            ) : null}
            {e.subject ? ' · ' : ''}
            {e.lastContactAt ? t('item.lastContact', { date: fmt.date(e.lastContactAt) }) : t('item.noContact')}
          </Text>
        </Stack>
        {onComplete && (
          <Button size="compact-sm" variant="light" color="green" onClick={() => onComplete(e)} data-testid="schedule-item-complete">
            {t('activities:complete.action')}
          </Button>
        )}
      </Group>
    </Box>
  );
}
