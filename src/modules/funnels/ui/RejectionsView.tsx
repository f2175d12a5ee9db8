import { SegmentedControl, Stack, Table } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { get } from '../../../web/api.js';
import { ErrorState } from '../../../web/components/ErrorState.js';
import { EmptyState, PageLoader } from '../../../web/components/ListControls.js';
import type { Pipeline } from '../../pipelines/pipelines.schema.js';
import { rejectionGroupings, type Rejections } from '../funnels.schema.js';
import { Count, FunnelDeals, type Drill } from './FunnelDeals.js';
import { clearDrill, dealFilters, periodQuery, type Params } from './funnelsUi.js';

type By = (typeof rejectionGroupings)[number];

/** The drill-down parameter and URL key of a row of each grouping. */
const rowKeys: Record<By, { param: keyof Drill; url: string }> = {
  owner: { param: 'ownerId', url: 'drillOwner' },
  product: { param: 'lineProductId', url: 'drillProduct' },
  stage: { param: 'stageId', url: 'drillStage' },
};

interface Props {
  params: Params;
  pipeline: Pipeline;
  setMany(values: Record<string, string | null>): void;
}

/** Lost deals of the period per lost reason, by manager, product or the stage they were lost at; every count opens its deals. */
export function RejectionsView({ params, pipeline, setMany }: Props) {
  const { t } = useTranslation('funnels');
  const by = (rejectionGroupings as readonly string[]).includes(params.by!) ? (params.by as By) : 'owner';
  const filters = { pipelineId: pipeline.id, ...periodQuery(params), ...dealFilters(params) };
  const query = { ...filters, by };
  const res = useQuery({ queryKey: ['funnels', 'rejections', query], queryFn: () => get<Rejections>('/funnels/rejections', query), placeholderData: (prev) => prev });
  const noName = by === 'owner' ? t('noManager') : t('unknown');
  const key = rowKeys[by];
  // A row without a manager drills with 'none'; a row of an unknown stage or product has nothing to name.
  const rowParam = (id: string | null) => id ?? (by === 'owner' ? 'none' : null);
  const drill = (row: string | null | undefined, reason?: string | null) => setMany({ ...clearDrill, drill: 'lost', ...(row && { [key.url]: row }), reason: reason === undefined ? null : (reason ?? 'none') });

  const rowOfDrill = params[key.url];
  const current: Drill | null = params.drill === 'lost' ? { measure: 'lost', reason: params.reason, ...(rowOfDrill && { [key.param]: rowOfDrill }) } : null;
  const title = () => {
    const row = rowOfDrill && res.data?.rows.find((r) => rowParam(r.id) === rowOfDrill);
    const rowName = row ? (row.name ?? noName) : t('unknown');
    const reasonName = params.reason === 'none' ? t('noReason') : (res.data?.reasons.find((r) => r.id === params.reason)?.name ?? t('unknown'));
    const what = !rowOfDrill ? t('drill.rejectedAll') : params.reason ? t('drill.rejected', { row: rowName, reason: reasonName }) : t('drill.rejectedRow', { row: rowName });
    return t('drill.title', { what });
  };

  return (
    <Stack gap="sm">
      <SegmentedControl size="xs" w="fit-content" value={by} onChange={(v) => setMany({ ...clearDrill, by: v })} data={rejectionGroupings.map((g) => ({ value: g, label: t(`rejectionsBy.${g}`) }))} />
      {res.error ? (
        <ErrorState error={res.error} ns="funnels" />
      ) : !res.data ? (
        <PageLoader />
      ) : !res.data.total ? (
        <EmptyState title={t('emptyRejections.title')} />
      ) : (
        <Table.ScrollContainer minWidth={560}>
          <Table striped verticalSpacing={4} data-testid="rejections">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t(`columns.${by === 'owner' ? 'manager' : by}`)}</Table.Th>
                {res.data.reasons.map((r) => (
                  <Table.Th key={r.id ?? ''} ta="right">
                    {r.name ?? t('noReason')}
                  </Table.Th>
                ))}
                <Table.Th ta="right">{t('columns.total')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {res.data.rows.map((row) => {
                const id = rowParam(row.id);
                const name = row.name ?? noName;
                return (
                  <Table.Tr key={row.id ?? ''}>
                    <Table.Td>{name}</Table.Td>
                    {res.data.reasons.map((r) => {
                      const n = row.counts.find((c) => c.reasonId === r.id)?.count ?? 0;
                      return (
                        <Table.Td key={r.id ?? ''} ta="right">
                          {id ? <Count n={n} onClick={() => drill(id, r.id)} label={`${name}, ${r.name ?? t('noReason')}`} /> : n}
                        </Table.Td>
                      );
                    })}
                    <Table.Td ta="right" fw={700}>
                      {id ? <Count n={row.total} onClick={() => drill(id)} label={`${name}, ${t('columns.total')}`} testId={`rejections-total-${name}`} /> : row.total}
                    </Table.Td>
                  </Table.Tr>
                );
              })}
              <Table.Tr>
                <Table.Td fw={700}>{t('columns.total')}</Table.Td>
                <Table.Td colSpan={res.data.reasons.length} />
                <Table.Td ta="right" fw={700}>
                  <Count n={res.data.total} onClick={() => drill(null)} label={t('columns.total')} testId="rejections-total" />
                </Table.Td>
              </Table.Tr>
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {current && <FunnelDeals drill={current} title={title()} query={filters} onClose={() => setMany(clearDrill)} />}
    </Stack>
  );
}
