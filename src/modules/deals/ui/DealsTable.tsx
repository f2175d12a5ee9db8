import { Anchor, Badge, Group, Select, Table, Text, UnstyledButton } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { ErrorState } from '../../../web/components/ErrorState.js';
import { useFormat } from '../../../web/components/format.js';
import { EmptyState, LoadMore, PageLoader } from '../../../web/components/ListControls.js';
import { useCursorList } from '../../../web/components/useCursorList.js';
import type { Pipeline } from '../../pipelines/pipelines.schema.js';
import { dealSorts, type Deal, type DealSort } from '../deals.schema.js';
import { dealPaths, useMoney } from './dealsApi.js';
import { StatusBadge } from './StatusBadge.js';

interface Props {
  pipeline: Pipeline;
  filters: Record<string, string>;
  sort: string;
  onSort(sort: string): void;
  filtered: boolean;
}

/** A sortable column header: the first click sorts ascending, the next descending. */
function SortHeader({ field, sort, onSort, children, ta }: { field: string; sort: string; onSort(s: string): void; children: string; ta?: 'right' }) {
  const active = sort.replace(/^-/, '') === field;
  const desc = sort.startsWith('-');
  return (
    <Table.Th ta={ta}>
      <UnstyledButton onClick={() => onSort(active && !desc ? `-${field}` : field)} fz="sm" fw={700}>
        {children}
        {active ? (desc ? ' ↓' : ' ↑') : ''}
      </UnstyledButton>
    </Table.Th>
  );
}

/** The deals of a pipeline as a table with sorting and keyset "load more". */
export function DealsTable({ pipeline, filters, sort, onSort, filtered }: Props) {
  const { t } = useTranslation('deals');
  const fmt = useFormat();
  const money = useMoney();
  const navigate = useNavigate();
  const current = (dealSorts as readonly string[]).includes(sort) ? (sort as DealSort) : '-createdAt';
  const rows = useCursorList<Deal>({ key: ['deals', 'list'], path: dealPaths.list, query: { ...filters, pipelineId: pipeline.id, sort: current }, keepPrevious: true });
  const stageName = (id: string) => pipeline.stages.find((s) => s.id === id)?.name ?? '';

  return (
    <>
      <Group justify="flex-end">
        <Select
          size="xs"
          w={220}
          aria-label={t('sortLabel')}
          allowDeselect={false}
          value={current}
          data={dealSorts.map((s) => ({ value: s, label: t(`sorts.${s}`) }))}
          onChange={(v) => v && onSort(v)}
          data-testid="deals-sort"
        />
      </Group>
      {rows.error ? (
        <ErrorState error={rows.error} ns="deals" />
      ) : rows.isPending ? (
        <PageLoader />
      ) : !rows.items.length ? (
        <EmptyState title={filtered ? t('noResults.title') : t('empty.title')} text={filtered ? t('noResults.text') : t('empty.text')} />
      ) : (
        <Table.ScrollContainer minWidth={760}>
          <Table highlightOnHover verticalSpacing="xs" style={{ opacity: rows.isStale ? 0.6 : 1 }} data-testid="deals-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('fields.title')}</Table.Th>
                <Table.Th>{t('fields.company')}</Table.Th>
                <Table.Th>{t('fields.stage')}</Table.Th>
                <SortHeader field="amount" sort={current} onSort={onSort} ta="right">
                  {t('fields.amount')}
                </SortHeader>
                <Table.Th ta="right">{t('fields.probability')}</Table.Th>
                <Table.Th>{t('fields.owner')}</Table.Th>
                <SortHeader field="expectedCloseDate" sort={current} onSort={onSort}>
                  {t('fields.expectedCloseDate')}
                </SortHeader>
                <SortHeader field="createdAt" sort={current} onSort={onSort}>
                  {t('fields.createdAt')}
                </SortHeader>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.items.map((d) => (
                <Table.Tr key={d.id} style={{ cursor: 'pointer' }} onClick={() => navigate(`/deals/${d.id}`)} data-testid="deal-row">
                  <Table.Td>
                    <Anchor component={Link} to={`/deals/${d.id}`} size="sm" fw={500} onClick={(e) => e.stopPropagation()}>
                      {d.title}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{d.companyName}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Group gap={4} wrap="nowrap">
                      <Text size="sm">{stageName(d.stageId)}</Text>
                      {d.status !== 'open' && <StatusBadge status={d.status} />}
                      {d.overdue && (
                        <Badge size="xs" color="red">
                          {t('overdue')}
                        </Badge>
                      )}
                    </Group>
                  </Table.Td>
                  <Table.Td ta="right">
                    <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
                      {money(d.amount, d.currency)}
                    </Text>
                  </Table.Td>
                  <Table.Td ta="right">{`${d.probability} %`}</Table.Td>
                  <Table.Td>
                    <Text size="sm">{d.ownerName}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{fmt.calendarDate(d.expectedCloseDate)}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{fmt.date(d.createdAt)}</Text>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <LoadMore hasMore={rows.hasMore} loading={rows.loadingMore} onClick={rows.loadMore} label={t('common:actions.loadMore')} />
    </>
  );
}
