import { useState } from 'react';
import { Button, Group, Select, Stack, Tabs, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../../web/auth.js';
import { ErrorState } from '../../../web/components/ErrorState.js';
import { EmptyState, LoadMore, PageLoader, useListParams } from '../../../web/components/ListControls.js';
import { OwnerSelect } from '../../../web/components/OwnerSelect.js';
import { useCursorList } from '../../../web/components/useCursorList.js';
import { DepartmentFilter } from '../../activities/ui/ActivityFilters.js';
import { taskPriorities, taskSorts, type Task } from '../tasks.schema.js';
import { TaskCard } from './TaskCard.js';
import { TaskFormModal } from './TaskFormModal.js';
import { taskPaths } from './tasksApi.js';

const defaults = { view: 'mine', status: 'open', sort: 'due' };

/** Tasks: mine, delegated by me, and the team's (as far as the role's scope reaches), with the task form. */
export function TasksPage() {
  const { t } = useTranslation('tasks');
  const { me, can } = useAuth();
  const list = useListParams(defaults);
  const { params } = list;
  const [editing, setEditing] = useState<Task | 'new' | null>(null);
  const scope = me?.permissions.task?.read;
  const teamTab = scope === 'all' ? 'all' : scope === 'department' ? 'department' : null;
  const view = params.view === 'all' && teamTab ? 'all' : params.view === 'delegated' ? 'delegated' : 'mine';
  const query = {
    view,
    sort: params.sort,
    ...(params.status !== 'all' && { status: params.status }),
    ...(params.priority && { priority: params.priority }),
    ...(view === 'all' && params.assigneeId && { assigneeId: params.assigneeId }),
    ...(view === 'all' && params.departmentId && { departmentId: params.departmentId }),
  };
  const rows = useCursorList<Task>({ key: ['tasks', 'list'], path: taskPaths.list, query, keepPrevious: true });
  const filtered = params.status !== defaults.status || !!params.priority || !!params.assigneeId || !!params.departmentId;

  return (
    <Stack gap="sm">
      <Group justify="space-between">
        <Title order={2}>{t('title')}</Title>
        {can('task', 'create') && (
          <Button onClick={() => setEditing('new')} data-testid="task-new">
            {t('new')}
          </Button>
        )}
      </Group>
      <Tabs value={view} onChange={(v) => v && list.set('view', v)}>
        <Tabs.List>
          <Tabs.Tab value="mine" data-testid="tasks-tab-mine">
            {t('tabs.mine')}
          </Tabs.Tab>
          <Tabs.Tab value="delegated" data-testid="tasks-tab-delegated">
            {t('tabs.delegated')}
          </Tabs.Tab>
          {teamTab && (
            <Tabs.Tab value="all" data-testid="tasks-tab-team">
              {t(`tabs.${teamTab}`)}
            </Tabs.Tab>
          )}
        </Tabs.List>
      </Tabs>
      <Group gap={6}>
        <Select
          size="xs"
          w={160}
          aria-label={t('filters.status')}
          allowDeselect={false}
          value={params.status}
          data={(['open', 'done', 'all'] as const).map((s) => ({ value: s, label: t(`statuses.${s}`) }))}
          onChange={(v) => list.set('status', v)}
          data-testid="tasks-filter-status"
        />
        <Select
          size="xs"
          w={150}
          placeholder={t('filters.priority')}
          aria-label={t('filters.priority')}
          clearable
          value={params.priority ?? null}
          data={taskPriorities.map((p) => ({ value: p, label: t(`priorities.${p}`) }))}
          onChange={(v) => list.set('priority', v)}
        />
        {view === 'all' && (
          <OwnerSelect size="xs" w={170} label={null} placeholder={t('filters.assignee')} aria-label={t('filters.assignee')} clearable value={params.assigneeId ?? null} onChange={(v) => list.set('assigneeId', v)} />
        )}
        {view === 'all' && <DepartmentFilter label={t('filters.department')} value={params.departmentId ?? null} onChange={(v) => list.set('departmentId', v)} />}
        <Select
          size="xs"
          w={200}
          aria-label={t('sort')}
          allowDeselect={false}
          value={params.sort}
          data={taskSorts.map((s) => ({ value: s, label: t(`sorts.${s}`) }))}
          onChange={(v) => list.set('sort', v)}
        />
        {filtered && (
          <Button size="xs" variant="subtle" onClick={() => list.replace({ view })}>
            {t('filters.reset')}
          </Button>
        )}
      </Group>
      {rows.error ? (
        <ErrorState error={rows.error} ns="tasks" />
      ) : rows.isPending ? (
        <PageLoader />
      ) : !rows.items.length ? (
        <EmptyState title={filtered ? t('noResults') : t(`empty.${view}`)} />
      ) : (
        <Stack gap="xs" style={{ opacity: rows.isStale ? 0.6 : 1 }} data-testid="tasks-list">
          {rows.items.map((task) => (
            <TaskCard key={task.id} task={task} onEdit={setEditing} />
          ))}
        </Stack>
      )}
      <LoadMore hasMore={rows.hasMore} loading={rows.loadingMore} onClick={rows.loadMore} label={t('common:actions.loadMore')} />
      {editing && <TaskFormModal task={editing === 'new' ? undefined : editing} onClose={() => setEditing(null)} />}
    </Stack>
  );
}
