import { Alert, Button, Group, SegmentedControl, Select, Stack, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useAuth } from '../../../web/auth.js';
import { EmptyState, PageLoader, useListParams } from '../../../web/components/ListControls.js';
import { featureErrorMessage } from '../../../web/components/apiErrors.js';
import { DealFilters, filterKeys, filtersOf } from './DealFilters.js';
import { DealsTable } from './DealsTable.js';
import { KanbanBoard } from './KanbanBoard.js';
import { usePipelines } from './dealsApi.js';
import { ExportMenu } from '../../exports/ui/ExportMenu.js';

const defaults = { view: 'board', sort: '-createdAt' };

/** Deals of one pipeline as a kanban board or a table, with shared filters kept in the URL. */
export function DealsPage() {
  const { t } = useTranslation('deals');
  const { can } = useAuth();
  const list = useListParams(defaults);
  const { params } = list;
  const pipelines = usePipelines();
  const active = (pipelines.data ?? []).filter((p) => p.isActive || p.id === params.pipeline);
  const pipeline = active.find((p) => p.id === params.pipeline) ?? active.find((p) => p.isDefault) ?? active[0];
  const filters = filtersOf(params);
  const filtered = filterKeys.some((k) => params[k]);
  const setMany = (values: Record<string, string | null>) =>
    list.replace(Object.fromEntries(Object.entries({ ...params, ...values }).map(([k, v]) => [k, v ?? ''])));
  const reset = () => setMany(Object.fromEntries(filterKeys.map((k) => [k, null])));

  if (pipelines.error) return <Alert color="red">{featureErrorMessage(t, pipelines.error, 'deals')}</Alert>;
  if (pipelines.isPending) return <PageLoader />;
  return (
    <Stack gap="sm">
      <Group justify="space-between">
        <Group gap="sm">
          <Title order={2}>{t('title')}</Title>
          {pipeline && (
            <Select
              w={220}
              aria-label={t('pipeline')}
              allowDeselect={false}
              value={pipeline.id}
              data={active.map((p) => ({ value: p.id, label: p.name }))}
              onChange={(v) => v && list.set('pipeline', v)}
              data-testid="deals-pipeline"
            />
          )}
          <SegmentedControl
            size="xs"
            value={params.view === 'table' ? 'table' : 'board'}
            onChange={(v) => list.set('view', v)}
            data={[
              { value: 'board', label: t('views.board') },
              { value: 'table', label: t('views.table') },
            ]}
            data-testid="deals-view"
          />
        </Group>
        <Group gap="xs">
          {can('deal', 'export') && pipeline && (
            <ExportMenu path="/deals/export" params={{ ...filters, pipelineId: pipeline.id, ...(params.view === 'table' && { sort: params.sort ?? defaults.sort }) }} testId="deals-export" />
          )}
          {can('deal', 'create') && pipeline && (
            <Button component={Link} to={`/deals/new?pipelineId=${pipeline.id}`} data-testid="deal-new">
              {t('new')}
            </Button>
          )}
        </Group>
      </Group>
      <DealFilters params={params} set={list.set} setMany={setMany} reset={reset} filtered={filtered} />
      {!pipeline ? (
        <EmptyState
          title={t('noPipelines.title')}
          text={t('noPipelines.text')}
          action={
            can('pipeline', 'create') && (
              <Button component={Link} to="/admin/pipelines">
                {t('noPipelines.action')}
              </Button>
            )
          }
        />
      ) : params.view === 'table' ? (
        <DealsTable pipeline={pipeline} filters={filters} sort={params.sort ?? defaults.sort} onSort={(s) => list.set('sort', s)} filtered={filtered} />
      ) : (
        <KanbanBoard key={pipeline.id} pipeline={pipeline} filters={filters} />
      )}
    </Stack>
  );
}
