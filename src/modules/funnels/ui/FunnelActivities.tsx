import { Anchor, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorState } from '../../../web/components/ErrorState.js';
import { useFormat } from '../../../web/components/format.js';
import { EmptyState, LoadMore, PageLoader } from '../../../web/components/ListControls.js';
import { useCursorList } from '../../../web/components/useCursorList.js';
import { TypeBadge } from '../../activities/ui/ActivityParts.js';
import type { activityDrillTypes, FunnelActivity } from '../funnels.schema.js';
import { DrillPanel } from './FunnelDeals.js';

type ActivityType = (typeof activityDrillTypes)[number];

/** The activity funnel's steps that are activities. */
export const stepTypes: Record<'calls' | 'meetings' | 'proposals', ActivityType> = { calls: 'call', meetings: 'meeting', proposals: 'proposal' };

/** The activities done behind a number of the activity funnel, with links to the activity and the client. */
export function FunnelActivities({ type, title, query, onClose }: { type: ActivityType; title: string; query: Record<string, string>; onClose(): void }) {
  const { t } = useTranslation('funnels');
  const fmt = useFormat();
  const rows = useCursorList<FunnelActivity>({ key: ['funnels', 'drill-activities'], path: '/funnels/activities/list', query: { ...query, type }, keepPrevious: true });
  return (
    <DrillPanel title={title} onClose={onClose}>
      {rows.error ? (
        <ErrorState error={rows.error} ns="funnels" />
      ) : rows.isPending ? (
        <PageLoader />
      ) : !rows.items.length ? (
        <EmptyState title={t('drill.noActivities')} />
      ) : (
        <Table.ScrollContainer minWidth={640}>
          <Table verticalSpacing={4} style={{ opacity: rows.isStale ? 0.6 : 1 }}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('drill.doneAt')}</Table.Th>
                <Table.Th>{t('drill.type')}</Table.Th>
                <Table.Th>{t('drill.activity')}</Table.Th>
                <Table.Th>{t('drill.company')}</Table.Th>
                <Table.Th>{t('drill.owner')}</Table.Th>
                <Table.Th>{t('drill.result')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.items.map((a) => (
                <Table.Tr key={a.id}>
                  <Table.Td>{fmt.dateTime(a.doneAt)}</Table.Td>
                  <Table.Td>
                    <TypeBadge activity={a} />
                  </Table.Td>
                  <Table.Td>
                    <Anchor component={Link} to={`/activities/${a.id}`} size="sm">
                      {a.subject || t('drill.openActivity')}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>{a.companyId ? <Anchor component={Link} to={`/companies/${a.companyId}`} size="sm">{a.companyName}</Anchor> : ''}</Table.Td>
                  <Table.Td>{a.ownerName ?? ''}</Table.Td>
                  <Table.Td>
                    <Text size="sm" lineClamp={2}>
                      {[a.callResult && t(`activities:callResults.${a.callResult}`), a.result].filter(Boolean).join(' — ')}
                    </Text>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <LoadMore hasMore={rows.hasMore} loading={rows.loadingMore} onClick={rows.loadMore} label={t('common:actions.loadMore')} />
    </DrillPanel>
  );
}
