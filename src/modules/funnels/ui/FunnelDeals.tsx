import type { ReactNode } from 'react';
import { Anchor, Button, Group, Paper, Table, Text, Title, UnstyledButton } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorState } from '../../../web/components/ErrorState.js';
import { useFormat } from '../../../web/components/format.js';
import { EmptyState, LoadMore, PageLoader } from '../../../web/components/ListControls.js';
import { useCursorList } from '../../../web/components/useCursorList.js';
import type { FunnelDeal } from '../funnels.schema.js';
import { useNumbers } from './funnelsUi.js';

/** What a number counts (the parameters of /funnels/deals/list besides the filters). */
export interface Drill {
  measure: 'entered' | 'lost' | 'created' | 'won';
  /** entered: the stage; lost: the stage lost at */
  stageId?: string;
  /** lost: a reason ('none': without) */
  reason?: string;
  /** a manager's row ('none': deals without a manager) */
  ownerId?: string;
  /** a product's row of the rejections */
  lineProductId?: string;
}

/** A number that opens the list behind it (a button: reachable and pressed with the keyboard). */
export function Count({ n, onClick, testId, label }: { n: number; onClick(): void; testId?: string; label?: string }) {
  if (!n) return <Text size="sm" c="dimmed">0</Text>;
  return (
    <UnstyledButton onClick={onClick} fz="sm" c="blue" td="underline" data-testid={testId} aria-label={label ? `${label}: ${n}` : undefined}>
      {n}
    </UnstyledButton>
  );
}

/** The panel under a report that shows the list behind a number. */
export function DrillPanel({ title, onClose, children }: { title: string; onClose(): void; children: ReactNode }) {
  const { t } = useTranslation('funnels');
  return (
    <Paper withBorder p="sm" data-testid="funnel-drill">
      <Group justify="space-between" mb="xs">
        <Title order={4}>{title}</Title>
        <Button size="xs" variant="subtle" onClick={onClose}>
          {t('drill.close')}
        </Button>
      </Group>
      {children}
    </Paper>
  );
}

/** The deals behind a funnel number, with links to their cards. */
export function FunnelDeals({ drill, title, query, onClose }: { drill: Drill; title: string; query: Record<string, string>; onClose(): void }) {
  const { t } = useTranslation('funnels');
  const fmt = useFormat();
  const num = useNumbers();
  const full = {
    ...query,
    measure: drill.measure,
    ...(drill.stageId && { stageId: drill.stageId }),
    ...(drill.reason && { lostReasonId: drill.reason }),
    ...(drill.ownerId && { ownerId: drill.ownerId }),
    ...(drill.lineProductId && { lineProductId: drill.lineProductId }),
  };
  const rows = useCursorList<FunnelDeal>({ key: ['funnels', 'drill'], path: '/funnels/deals/list', query: full, keepPrevious: true });
  return (
    <DrillPanel title={title} onClose={onClose}>
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
                <Table.Th>{t(drill.measure === 'created' ? 'drill.createdAt' : 'drill.enteredAt')}</Table.Th>
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
    </DrillPanel>
  );
}
