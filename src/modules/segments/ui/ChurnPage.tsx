import { Anchor, Button, Stack, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { get, post } from '../../../web/api.js';
import { useAuth } from '../../../web/auth.js';
import { featureErrorMessage } from '../../../web/components/apiErrors.js';
import { ErrorState } from '../../../web/components/ErrorState.js';
import { useFormat } from '../../../web/components/format.js';
import { EmptyState, LoadMore, PageLoader } from '../../../web/components/ListControls.js';
import { useNumberText } from '../../../web/components/format.js';
import { segmentKeys, type ChurnPage as Page } from './segmentsApi.js';

/** Clients whose purchase rhythm broke, most overdue first, each with a "create task" for its owner. */
export function ChurnPage() {
  const { t } = useTranslation('segments');
  const { can } = useAuth();
  const fmt = useFormat();
  const num = useNumberText();
  const qc = useQueryClient();
  const list = useInfiniteQuery({
    queryKey: segmentKeys.churn,
    queryFn: ({ pageParam }) => get<Page>('/segments/churn', { limit: 100, cursor: pageParam }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const task = useMutation({
    mutationFn: (companyId: string) => post<{ taskId: string | null; created: boolean }>(`/segments/churn/${companyId}/task`),
    onSuccess: () => {
      notifications.show({ color: 'green', message: t('churn.created') });
      void qc.invalidateQueries({ queryKey: segmentKeys.churn });
    },
    onError: (err) => notifications.show({ color: 'red', message: featureErrorMessage(t, err, 'segments') }),
  });
  if (list.isPending) return <PageLoader />;
  if (list.error) return <ErrorState error={list.error} ns="segments" />;
  const items = list.data.pages.flatMap((p) => p.items);
  const factor = list.data.pages[0]?.factor ?? 2;

  return (
    <Stack data-testid="churn-page">
      <Title order={4}>{t('churn.title')}</Title>
      <Text size="sm" c="dimmed">
        {t('churn.hint', { factor: num(factor) })}
      </Text>
      {!items.length ? (
        <EmptyState title={t('churn.empty')} />
      ) : (
        <Table.ScrollContainer minWidth={800}>
          <Table striped data-testid="churn-table">
            <Table.Thead>
              <Table.Tr>
                {(['name', 'owner', 'lastPurchase', 'purchases', 'interval', 'overdue'] as const).map((k) => (
                  <Table.Th key={k}>{t(`churn.${k}`)}</Table.Th>
                ))}
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((c) => (
                <Table.Tr key={c.companyId}>
                  <Table.Td>
                    <Anchor component={Link} to={`/companies/${c.companyId}`}>
                      {c.name}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>{c.ownerName}</Table.Td>
                  <Table.Td>{fmt.calendarDate(c.lastPurchase)}</Table.Td>
                  <Table.Td>{c.purchases}</Table.Td>
                  <Table.Td>{num(c.usualIntervalDays)}</Table.Td>
                  <Table.Td>{c.daysOverdue}</Table.Td>
                  <Table.Td>
                    {c.taskId ? (
                      <Anchor component={Link} to={`/tasks/${c.taskId}`} size="sm">
                        {t('churn.openTask')}
                      </Anchor>
                    ) : (
                      can('task', 'create') && (
                        <Button size="xs" variant="light" loading={task.isPending && task.variables === c.companyId} onClick={() => task.mutate(c.companyId)}>
                          {t('churn.createTask')}
                        </Button>
                      )
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <LoadMore hasMore={list.hasNextPage} loading={list.isFetchingNextPage} onClick={() => void list.fetchNextPage()} label={t('common:actions.loadMore')} />
    </Stack>
  );
}
