import { Anchor, Button, Group, Paper, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorState } from '../../../web/components/ErrorState.js';
import { useFormat } from '../../../web/components/format.js';
import { EmptyState, LoadMore, PageLoader } from '../../../web/components/ListControls.js';
import { useCursorList } from '../../../web/components/useCursorList.js';
import type { FunnelDeal } from '../funnels.schema.js';
import { useNumbers } from './funnelsUi.js';

export interface Drill {
  stageId: string;
  measure: 'entered' | 'lost';
  reason?: string;
  /** a manager's row */
  ownerId?: string;
}

/** The deals behind a funnel number, with links to their cards. */
export function FunnelDeals({ drill, title, query, onClose }: { drill: Drill; title: string; query: Record<string, string>; onClose(): void }) {
  const { t } = useTranslation('funnels');
  const fmt = useFormat();
  const num = useNumbers();
  const full = { ...query, stageId: drill.stageId, measure: drill.measure, lostReasonId: drill.reason, ...(drill.ownerId && { ownerId: drill.ownerId }) };
  const rows = useCursorList<FunnelDeal>({ key: ['funnels', 'drill'], path: '/funnels/deals/list', query: full, keepPrevious: true });
  return (
    <Paper withBorder p="sm" data-testid="funnel-drill">
      <Group justify="space-between" mb="xs">
        <Title order={4}>{title}</Title>
        <Button size="xs" variant="subtle" onClick={onClose}>
          {t('drill.close')}
        </Button>
      </Group>
      {rows.error ? (
        <ErrorState error={rows.error} ns="funnels" />
      ) : rows.isPending ? (
        <PageLoader />
      ) : !rows.items.length ? (
        <EmptyState title={t('drill.empty')} />
      ) : (
        <Table.ScrollContainer minWidth={640}>
          <Table verticalSpacing={4} style={{ opacity: rows.isStale ? 0.6 : 1 }}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('drill.deal')}</Table.Th>
                <Table.Th>{t('drill.company')}</Table.Th>
                <Table.Th>{t('drill.owner')}</Table.Th>
                <Table.Th ta="right">{t('drill.amount')}</Table.Th>
                <Table.Th>{t('drill.stage')}</Table.Th>
                <Table.Th>{t('drill.enteredAt')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.items.map((d) => (
                <Table.Tr key={d.id}>
                  <Table.Td>
                    <Anchor component={Link} to={`/deals/${d.id}`} size="sm">
                      {d.title}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>{d.companyId ? <Anchor component={Link} to={`/companies/${d.companyId}`} size="sm">{d.companyName}</Anchor> : ''}</Table.Td>
                  <Table.Td>{d.ownerName ?? ''}</Table.Td>
                  <Table.Td ta="right">{num.money(d.amount, d.currency)}</Table.Td>
                  <Table.Td>
                    <Text size="sm" c={d.status === 'won' ? 'green' : d.status === 'lost' ? 'red' : undefined}>
                      {d.stageName}
                    </Text>
                  </Table.Td>
                  <Table.Td>{fmt.dateTime(d.enteredAt)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <LoadMore hasMore={rows.hasMore} loading={rows.loadingMore} onClick={rows.loadMore} label={t('common:actions.loadMore')} />
    </Paper>
  );
}
