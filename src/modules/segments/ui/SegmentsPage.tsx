import { Anchor, Card, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { EChart, type ChartOption } from '../../../web/components/EChart.js';
import { ErrorState } from '../../../web/components/ErrorState.js';
import { EmptyState, LoadMore, PageLoader } from '../../../web/components/ListControls.js';
import { useCursorList } from '../../../web/components/useCursorList.js';
import { abcClasses, xyzClasses, type CompanyClass, type SegmentMatrix } from '../segments.schema.js';
import { JobPanel } from './SegmentsAdmin.js';
import { useMoneyText, useNumberText } from '../../../web/components/format.js';
import { ClassCells } from './ClassCells.js';
import { useMatrix } from './segmentsApi.js';

const columns = [...xyzClasses, '-'] as const;

/** Clients: the ABC-XYZ matrix (heatmap and table, each cell opens the companies list filtered by it), RFM codes, the classes. */
export function SegmentsPage() {
  const { t } = useTranslation('segments');
  const matrix = useMatrix();
  if (matrix.isPending) return <PageLoader />;
  if (matrix.error) return <ErrorState error={matrix.error} ns="segments" />;
  const m = matrix.data;
  return (
    <Stack data-testid="segments-page">
      <JobPanel job={m.job} />
      {m.cells.length ? (
        <SimpleGrid cols={{ base: 1, md: 2 }}>
          <MatrixTable m={m} />
          <Heatmap m={m} />
        </SimpleGrid>
      ) : (
        <EmptyState title={t('matrix.empty')} />
      )}
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <RfmTable m={m} />
      </SimpleGrid>
      <ClientsTable currency={m.currency} />
    </Stack>
  );
}

const countOf = (m: SegmentMatrix, abc: string, xyz: string) => m.cells.find((c) => c.abc === abc && c.xyz === xyz)?.count ?? 0;
const drill = (abc: string, xyz: string) => `/companies?abc=${abc}${xyz === '-' ? '' : `&xyz=${xyz}`}`;

function MatrixTable({ m }: { m: SegmentMatrix }) {
  const { t } = useTranslation('segments');
  return (
    <Card withBorder>
      <Title order={4}>{t('matrix.title')}</Title>
      <Text size="sm" c="dimmed" mb="xs">
        {t('matrix.hint')}
      </Text>
      <Table withColumnBorders data-testid="abc-xyz-matrix">
        <Table.Thead>
          <Table.Tr>
            <Table.Th />
            {columns.map((x) => (
              <Table.Th key={x}>{x === '-' ? t('matrix.noXyz') : x}</Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {abcClasses.map((a) => (
            <Table.Tr key={a}>
              <Table.Th>{a}</Table.Th>
              {columns.map((x) => {
                const n = countOf(m, a, x);
                return (
                  <Table.Td key={x} data-testid={`cell-${a}${x}`}>
                    {n ? (
                      <Anchor component={Link} to={drill(a, x)}>
                        {n}
                      </Anchor>
                    ) : (
                      <Text c="dimmed">0</Text>
                    )}
                  </Table.Td>
                );
              })}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Card>
  );
}

function Heatmap({ m }: { m: SegmentMatrix }) {
  const { t } = useTranslation('segments');
  const navigate = useNavigate();
  const xs = columns.map((x) => (x === '-' ? t('matrix.noXyz') : x));
  const data = abcClasses.flatMap((a, yi) => columns.map((x, xi) => [xi, yi, countOf(m, a, x)]));
  const option: ChartOption = {
    tooltip: { position: 'top' },
    grid: { left: 40, right: 10, top: 10, bottom: 90 },
    xAxis: { type: 'category', data: xs },
    yAxis: { type: 'category', data: [...abcClasses], inverse: true },
    visualMap: { min: 0, max: Math.max(1, ...data.map((d) => d[2]!)), calculable: true, orient: 'horizontal', left: 'center', bottom: 0 },
    series: [{ type: 'heatmap', data, label: { show: true } }],
  };
  return (
    <Card withBorder>
      <EChart
        option={option}
        height={280}
        label={t('matrix.chart')}
        onItemClick={(e) => {
          const [xi, yi] = e.data as number[];
          navigate(drill(abcClasses[yi!]!, columns[xi!]!));
        }}
      />
    </Card>
  );
}

function RfmTable({ m }: { m: SegmentMatrix }) {
  const { t } = useTranslation('segments');
  return (
    <Card withBorder>
      <Title order={4} mb="xs">
        {t('rfm.title')}
      </Title>
      <Table.ScrollContainer minWidth={200} mah={260}>
        <Table data-testid="rfm-table">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('rfm.code')}</Table.Th>
              <Table.Th>{t('rfm.count')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {m.rfm.map((r) => (
              <Table.Tr key={r.code}>
                <Table.Td>{r.code}</Table.Td>
                <Table.Td>{r.count}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Card>
  );
}

function ClientsTable({ currency }: { currency: string }) {
  const { t } = useTranslation('segments');
  const money = useMoneyText();
  const num = useNumberText();
  const rows = useCursorList<CompanyClass>({ key: ['segments', 'companies'], path: '/segments/companies', limit: 100 });
  if (rows.error) return <ErrorState error={rows.error} ns="segments" />;
  return (
    <Stack gap="xs">
      <Title order={4}>{t('clients.title')}</Title>
      {!rows.isPending && !rows.items.length ? (
        <EmptyState title={t('clients.empty')} />
      ) : (
        <Table.ScrollContainer minWidth={800}>
          <Table striped data-testid="segment-clients">
            <Table.Thead>
              <Table.Tr>
                {(['name', 'owner', 'abc', 'xyz', 'metric', 'cv', 'rfm', 'recency', 'frequency', 'monetary'] as const).map((k) => (
                  <Table.Th key={k}>{t(`clients.${k}`)}</Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.items.map((c) => (
                <Table.Tr key={c.companyId}>
                  <Table.Td>
                    <Anchor component={Link} to={`/companies/${c.companyId}`}>
                      {c.name}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>{c.ownerName}</Table.Td>
                  <ClassCells abc={c.abc} xyz={c.xyz} isNew={c.isNew} />
                  <Table.Td>{money(c.metricValue, currency)}</Table.Td>
                  <Table.Td>{num(c.cv)}</Table.Td>
                  <Table.Td>{c.rfm}</Table.Td>
                  <Table.Td>{c.recencyDays}</Table.Td>
                  <Table.Td>{c.frequency}</Table.Td>
                  <Table.Td>{money(c.monetary, currency)}</Table.Td>
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
