import { SegmentedControl, Stack, Table } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { get } from '../../../web/api.js';
import { ErrorState } from '../../../web/components/ErrorState.js';
import { EmptyState, PageLoader } from '../../../web/components/ListControls.js';
import type { Pipeline } from '../../pipelines/pipelines.schema.js';
import { rejectionGroupings, type Rejections } from '../funnels.schema.js';
import { dealFilters, periodQuery, type Params } from './funnelsUi.js';

/** Lost deals of the period per lost reason, by manager, product or the stage they were lost at. */
export function RejectionsView({ params, pipeline, set }: { params: Params; pipeline: Pipeline; set(key: string, value: string | null): void }) {
  const { t } = useTranslation('funnels');
  const by = (rejectionGroupings as readonly string[]).includes(params.by!) ? params.by! : 'owner';
  const query = { pipelineId: pipeline.id, ...periodQuery(params), ...dealFilters(params), by };
  const res = useQuery({ queryKey: ['funnels', 'rejections', query], queryFn: () => get<Rejections>('/funnels/rejections', query), placeholderData: (prev) => prev });
  const noName = by === 'owner' ? t('noManager') : t('unknown');
  return (
    <Stack gap="sm">
      <SegmentedControl size="xs" w="fit-content" value={by} onChange={(v) => set('by', v)} data={rejectionGroupings.map((g) => ({ value: g, label: t(`rejectionsBy.${g}`) }))} />
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
              {res.data.rows.map((row) => (
                <Table.Tr key={row.id ?? ''}>
                  <Table.Td>{row.name ?? noName}</Table.Td>
                  {res.data.reasons.map((r) => (
                    <Table.Td key={r.id ?? ''} ta="right">
                      {row.counts.find((c) => c.reasonId === r.id)?.count ?? 0}
                    </Table.Td>
                  ))}
                  <Table.Td ta="right" fw={700}>
                    {row.total}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}
