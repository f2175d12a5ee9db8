import { Anchor, Card, Group, Select, Stack, Table, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { get } from '../../../web/api.js';
import { EChart, type ChartOption } from '../../../web/components/EChart.js';
import { ErrorState } from '../../../web/components/ErrorState.js';
import { EmptyState, LoadMore, PageLoader } from '../../../web/components/ListControls.js';
import { useCursorList } from '../../../web/components/useCursorList.js';
import { abcClasses, bcgQuadrants, xyzClasses, type ProductClass } from '../segments.schema.js';
import { useMoneyText, useNumberText } from '../../../web/components/format.js';
import { ClassCells } from './ClassCells.js';

/** Products: ABC / XYZ classes and the BCG matrix (relative share against growth, bubble = revenue). */
export function ProductClassesPage() {
  const { t } = useTranslation('segments');
  const money = useMoneyText();
  const num = useNumberText();
  const [filters, setFilters] = useState<Record<string, string | undefined>>({});
  const rows = useCursorList<ProductClass>({ key: ['segments', 'products'], path: '/segments/products', query: filters, limit: 100, keepPrevious: true });
  const base = useQuery({ queryKey: ['segments', 'base-currency'], queryFn: () => get<{ baseCurrency: string }>('/catalog/settings') });
  if (rows.error) return <ErrorState error={rows.error} ns="segments" />;
  if (rows.isPending) return <PageLoader />;
  const cur = base.data?.baseCurrency ?? 'RUB';
  const select = (k: 'abc' | 'xyz' | 'bcg', data: { value: string; label: string }[]) => (
    <Select w={170} clearable placeholder={t(`filter.${k}`)} aria-label={t(`filter.${k}`)} value={filters[k] ?? null} data={data} onChange={(v) => setFilters({ ...filters, [k]: v ?? undefined })} />
  );

  return (
    <Stack data-testid="product-classes">
      <Group>
        {select('abc', abcClasses.map((v) => ({ value: v, label: t('filter.class', { cls: v }) })))}
        {select('xyz', xyzClasses.map((v) => ({ value: v, label: t('filter.class', { cls: v }) })))}
        {select('bcg', bcgQuadrants.map((v) => ({ value: v, label: t(`products.quadrants.${v}`) })))}
      </Group>
      {rows.items.length ? <BcgChart items={rows.items} /> : <EmptyState title={t('products.empty')} />}
      {rows.items.length > 0 && (
        <Table.ScrollContainer minWidth={900}>
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                {(['name', 'group', 'abc', 'xyz', 'metric', 'cv', 'bcg', 'revenue', 'revenuePrev', 'growth', 'share'] as const).map((k) => (
                  <Table.Th key={k}>{t(`products.${k}`)}</Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.items.map((p) => (
                <Table.Tr key={p.productId}>
                  <Table.Td>
                    <Anchor component={Link} to={`/products/${p.productId}`}>
                      {p.name}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>{p.groupName}</Table.Td>
                  <ClassCells abc={p.abc} xyz={p.xyz} isNew={p.isNew} />
                  <Table.Td>{p.metricValue === null ? t('products.hidden') : money(p.metricValue, cur)}</Table.Td>
                  <Table.Td>{num(p.cv)}</Table.Td>
                  <Table.Td>{p.bcg && t(`products.quadrants.${p.bcg}`)}</Table.Td>
                  <Table.Td>{p.revenue === null ? t('products.hidden') : money(p.revenue, cur)}</Table.Td>
                  <Table.Td>{p.revenuePrev === null ? t('products.hidden') : money(p.revenuePrev, cur)}</Table.Td>
                  <Table.Td>{num(p.growth)}</Table.Td>
                  <Table.Td>{num(p.relativeShare, 2)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <LoadMore hasMore={rows.hasMore} loading={rows.loadingMore} onClick={rows.loadMore} label={t('common:actions.loadMore')} />
    </Stack>
  );
}

/** Products without a rival in their group (share null) are drawn at the right edge; new ones (growth null) at the top. */
function BcgChart({ items }: { items: ProductClass[] }) {
  const { t } = useTranslation('segments');
  const placed = items.filter((p) => p.bcg);
  const maxShare = Math.max(2, ...placed.map((p) => p.relativeShare ?? 0));
  const maxGrowth = Math.max(20, ...placed.map((p) => p.growth ?? 0));
  const maxRevenue = Math.max(1, ...placed.map((p) => p.revenue ?? 0));
  const option: ChartOption = {
    tooltip: { formatter: (p: { data: [number, number, number, string] }) => `${p.data[3]}` },
    grid: { left: 50, right: 20, top: 20, bottom: 40 },
    xAxis: { type: 'log', name: t('products.share'), nameLocation: 'middle', nameGap: 25, min: 0.01 },
    yAxis: { type: 'value', name: t('products.growth') },
    series: bcgQuadrants.map((q) => ({
      type: 'scatter',
      name: t(`products.quadrants.${q}`),
      data: placed
        .filter((p) => p.bcg === q)
        .map((p) => [Math.max(0.01, p.relativeShare ?? maxShare), p.growth ?? maxGrowth, p.revenue ?? 1, p.name]),
      symbolSize: (d: number[]) => 10 + 30 * Math.sqrt(d[2]! / maxRevenue),
    })),
    legend: { bottom: 0 },
  };
  return (
    <Card withBorder>
      <Title order={4}>{t('products.chart')}</Title>
      <EChart option={option} height={340} label={t('products.chart')} />
    </Card>
  );
}
