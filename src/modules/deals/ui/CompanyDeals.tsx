import { Anchor, Button, Group, Stack, Table, Text } from '@mantine/core';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { get } from '../../../web/api.js';
import { useAuth } from '../../../web/auth.js';
import { Section } from '../../../web/components/CardParts.js';
import { useFormat } from '../../../web/components/format.js';
import type { companyDealsSchema, companyProductsSchema } from '../deals.schema.js';
import type { z } from 'zod';
import { dealPaths, stageOf, useMoney, usePipelines } from './dealsApi.js';
import { StatusBadge } from './StatusBadge.js';

type CompanyDealsPage = z.infer<typeof companyDealsSchema>;
type CompanyProducts = z.infer<typeof companyProductsSchema>;

/** The company card's deals: open and won totals, the deals (newest first) and "New deal" for this company. */
export function CompanyDeals({ companyId }: { companyId: string }) {
  const { t } = useTranslation('deals');
  const { can } = useAuth();
  const money = useMoney();
  const pipelines = usePipelines();
  const q = useInfiniteQuery({
    queryKey: ['companies', companyId, 'deals'],
    queryFn: ({ pageParam }) => get<CompanyDealsPage>(dealPaths.companyDeals(companyId), { limit: 10, cursor: pageParam }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const totals = q.data?.pages[0]?.totals;
  const items = q.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <Section
      title={t('company.title')}
      testId="company-deals"
      actions={
        can('deal', 'create') && (
          <Button size="compact-sm" variant="light" component={Link} to={`/deals/new?companyId=${companyId}`} data-testid="company-deal-new">
            {t('new')}
          </Button>
        )
      }
    >
      {q.error ? (
        <Text size="sm" c="dimmed">
          {t('common:state.error')}
        </Text>
      ) : !q.data ? (
        <Text size="sm" c="dimmed">
          {t('common:state.loading')}
        </Text>
      ) : (
        <Stack gap="xs">
          {totals && (
            <Group gap="lg" data-testid="company-deals-totals">
              <Text size="sm">
                {t('company.open', { count: totals.open.count })}
                {': '}
                <Text span fw={600}>
                  {money(totals.open.sum, totals.currency)}
                </Text>
                <Text span c="dimmed">{` (≈ ${money(totals.open.weightedSum, totals.currency)})`}</Text>
              </Text>
              <Text size="sm" data-testid="company-deals-won">
                {t('company.won', { count: totals.won.count })}
                {': '}
                <Text span fw={600} c="green">
                  {money(totals.won.sum, totals.currency)}
                </Text>
              </Text>
              {totals.lost.count > 0 && (
                <Text size="sm" c="dimmed">
                  {t('company.lost', { count: totals.lost.count })}
                </Text>
              )}
            </Group>
          )}
          {!items.length ? (
            <Text size="sm" c="dimmed">
              {t('company.none')}
            </Text>
          ) : (
            <Table verticalSpacing={4}>
              <Table.Tbody>
                {items.map((d) => (
                  <Table.Tr key={d.id} data-testid="company-deal-row">
                    <Table.Td>
                      <Anchor component={Link} to={`/deals/${d.id}`} size="sm" fw={500}>
                        {d.title}
                      </Anchor>
                    </Table.Td>
                    <Table.Td>
                      {d.status === 'open' ? <Text size="sm">{stageOf(pipelines.data, d.stageId)?.name}</Text> : <StatusBadge status={d.status} />}
                    </Table.Td>
                    <Table.Td ta="right">
                      <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
                        {money(d.amount, d.currency)}
                      </Text>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
          {q.hasNextPage && (
            <Button variant="subtle" size="xs" w="fit-content" loading={q.isFetchingNextPage} onClick={() => void q.fetchNextPage()}>
              {t('common:actions.loadMore')}
            </Button>
          )}
        </Stack>
      )}
    </Section>
  );
}

/** What the company bought in won deals (the product-client matrix row); hidden until it has something. */
export function CompanyProducts({ companyId }: { companyId: string }) {
  const { t } = useTranslation('deals');
  const money = useMoney();
  const fmt = useFormat();
  const q = useQuery({ queryKey: ['companies', companyId, 'products'], queryFn: () => get<CompanyProducts>(dealPaths.companyProducts(companyId)), retry: false });
  if (!q.data?.items.length) return null;
  return (
    <Section title={t('company.products')} testId="company-products">
      <Table.ScrollContainer minWidth={480}>
        <Table verticalSpacing={4}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('lines.product')}</Table.Th>
              <Table.Th ta="right">{t('lines.quantity')}</Table.Th>
              <Table.Th ta="right">{t('company.revenue')}</Table.Th>
              <Table.Th ta="right">{t('company.dealCount')}</Table.Th>
              <Table.Th>{t('company.lastWon')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {q.data.items.map((p) => (
              <Table.Tr key={`${p.productId}-${p.currency}`} data-testid="company-product-row">
                <Table.Td>{p.name}</Table.Td>
                <Table.Td ta="right">{p.quantity}</Table.Td>
                <Table.Td ta="right">{money(p.revenue, p.currency)}</Table.Td>
                <Table.Td ta="right">{p.deals}</Table.Td>
                <Table.Td>{fmt.date(p.lastWonAt)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Section>
  );
}
