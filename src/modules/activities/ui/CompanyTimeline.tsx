import { useState } from 'react';
import { Anchor, Button, Chip, Group, Select, Stack, Text, Timeline } from '@mantine/core';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { get } from '../../../web/api.js';
import { AuditValue, type AuditFormat } from '../../../web/components/AuditValue.js';
import { Section } from '../../../web/components/CardParts.js';
import { useFormat } from '../../../web/components/format.js';
import { useMoney } from '../../deals/ui/dealsApi.js';
import { activityTypes, timelineKinds, type TimelineItem, type TimelineKind, type TimelinePage } from '../activities.schema.js';
import { activityName, activityPaths } from './activitiesApi.js';
import { ActivityBadges, TypeBadge } from './ActivityParts.js';

const kindColors: Record<TimelineKind, string> = { activity: 'blue', stage_change: 'grape', document: 'orange', field_change: 'gray' };

function DealLink({ id, title }: { id: string; title: string }) {
  return (
    <Anchor component={Link} to={`/deals/${id}`} size="sm" fw={500}>
      {title}
    </Anchor>
  );
}

/** What happened: an activity, a deal's stage move, a document, a changed company field. */
function ItemBody({ item, formats }: { item: TimelineItem; formats: Record<string, AuditFormat> }) {
  const { t } = useTranslation('activities');
  const money = useMoney();
  const { activity: a, stageChange: s, document: d, fieldChange: f } = item;
  if (a) {
    return (
      <Stack gap={2}>
        <Group gap={6} wrap="wrap">
          <TypeBadge activity={a} />
          <Anchor component={Link} to={`/activities/${a.id}`} size="sm" fw={500}>
            {activityName(t, a)}
          </Anchor>
          <ActivityBadges activity={a} />
        </Group>
        {(a.result || a.contacts.length > 0) && (
          <Text size="xs" c="dimmed" lineClamp={3}>
            {[a.contacts.map((c) => c.fullName).join(', '), a.result].filter(Boolean).join(' · ')}
          </Text>
        )}
      </Stack>
    );
  }
  if (s) {
    return (
      <Group gap={6} wrap="wrap">
        <DealLink id={s.dealId} title={s.dealTitle} />
        <Text size="sm">{s.fromStageName ? t('timeline.stageChange', { from: s.fromStageName, to: s.toStageName }) : t('timeline.stageStart', { to: s.toStageName })}</Text>
      </Group>
    );
  }
  if (d) {
    return (
      <Group gap={6} wrap="wrap">
        <Text size="sm" fw={500}>
          {t('timeline.documentNumber', { kind: t(`deals:documents.kinds.${d.kind}`, { defaultValue: d.kind }), number: d.number })}
        </Text>
        <Text size="sm">{`${t(`deals:documents.statuses.${d.status}`, { defaultValue: d.status })} · ${money(d.gross, d.currency)}`}</Text>
        <DealLink id={d.dealId} title={d.dealTitle} />
      </Group>
    );
  }
  if (f) {
    if (!f.field) return <Text size="sm">{t(`timeline.actions.${f.action}`, { defaultValue: t(`ui:history.actions.${f.action}`, { defaultValue: f.action }) })}</Text>;
    return (
      <Group gap={6} wrap="wrap">
        <Text size="sm" fw={500}>
          {t(`companies:fields.${f.field}`, { defaultValue: t(`ui:history.fields.${f.field}`, { defaultValue: f.field }) })}
        </Text>
        <AuditValue value={f.oldValue} format={formats[f.field]} strike />
        <Text size="xs">→</Text>
        <AuditValue value={f.newValue} format={formats[f.field]} />
      </Group>
    );
  }
  return null;
}

/**
 * The company's timeline, newest first: activities, deal stage changes, documents and field changes,
 * with chips choosing the kinds and a choice of activity type.
 */
export function CompanyTimeline({ companyId, formats = {} }: { companyId: string; formats?: Record<string, AuditFormat> }) {
  const { t } = useTranslation('activities');
  const fmt = useFormat();
  const [kinds, setKinds] = useState<string[]>([...timelineKinds]);
  const [type, setType] = useState<string | null>(null);
  const query = {
    ...(kinds.length < timelineKinds.length && { types: kinds.join(',') }),
    ...(type && kinds.includes('activity') && { activityTypes: type }),
  };
  const q = useInfiniteQuery({
    queryKey: ['activities', 'timeline', companyId, query],
    queryFn: ({ pageParam }) => get<TimelinePage>(activityPaths.timeline(companyId), { ...query, limit: 30, before: pageParam }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    enabled: kinds.length > 0,
  });
  const items = kinds.length ? (q.data?.pages.flatMap((p) => p.items) ?? []) : [];
  const filtered = kinds.length < timelineKinds.length || !!type;
  return (
    <Section title={t('timeline.title')} testId="company-timeline">
      <Group gap={6} wrap="wrap">
        <Chip.Group multiple value={kinds} onChange={setKinds}>
          {timelineKinds.map((k) => (
            <Chip key={k} value={k} size="xs" color={kindColors[k]} wrapperProps={{ 'data-testid': `timeline-chip-${k}` }}>
              {t(`timeline.kinds.${k}`)}
            </Chip>
          ))}
        </Chip.Group>
        {kinds.includes('activity') && (
          <Select
            size="xs"
            w={190}
            placeholder={t('timeline.allTypes')}
            aria-label={t('timeline.allTypes')}
            clearable
            value={type}
            data={activityTypes.map((x) => ({ value: x, label: t(`types.${x}`) }))}
            onChange={setType}
            data-testid="timeline-type"
          />
        )}
      </Group>
      {q.error ? (
        <Text size="sm" c="red">
          {t('common:state.error')}
        </Text>
      ) : q.isPending && kinds.length > 0 ? (
        <Text size="sm" c="dimmed">
          {t('common:state.loading')}
        </Text>
      ) : !items.length ? (
        <Text size="sm" c="dimmed" data-testid="timeline-empty">
          {filtered ? t('timeline.filtered') : t('timeline.empty')}
        </Text>
      ) : (
        <Timeline bulletSize={12} lineWidth={2} data-testid="timeline">
          {items.map((item) => (
            <Timeline.Item key={item.key} color={kindColors[item.kind]} data-testid="timeline-item" data-kind={item.kind}>
              <ItemBody item={item} formats={formats} />
              <Text size="xs" c="dimmed" mt={2}>
                {t('ui:history.byAt', { who: item.userName ?? t('ui:history.system'), at: fmt.dateTime(item.at) })}
              </Text>
            </Timeline.Item>
          ))}
        </Timeline>
      )}
      {q.hasNextPage && (
        <Button variant="subtle" size="xs" w="fit-content" loading={q.isFetchingNextPage} onClick={() => void q.fetchNextPage()}>
          {t('common:actions.loadMore')}
        </Button>
      )}
    </Section>
  );
}
