import { useState } from 'react';
import { Anchor, Breadcrumbs, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { get } from '../../../web/api.js';
import { ErrorState } from '../../../web/components/ErrorState.js';
import { PageLoader } from '../../../web/components/ListControls.js';
import type { Task } from '../tasks.schema.js';
import { TaskCard } from './TaskCard.js';
import { TaskFormModal } from './TaskFormModal.js';
import { taskPaths } from './tasksApi.js';

/** One task (where notifications and the calendar lead): the task open with its checklist. */
export function TaskPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation('tasks');
  const navigate = useNavigate();
  const [editing, setEditing] = useState<Task | null>(null);
  const q = useQuery({ queryKey: ['tasks', id], queryFn: () => get<Task>(taskPaths.one(id)) });
  if (q.error) return <ErrorState error={q.error} ns="tasks" backTo="/tasks" />;
  if (!q.data) return <PageLoader />;
  return (
    <Stack maw={900}>
      <Breadcrumbs>
        <Anchor component={Link} to="/tasks" size="sm">
          {t('title')}
        </Anchor>
        <Text size="sm">{q.data.title}</Text>
      </Breadcrumbs>
      <TaskCard task={q.data} onEdit={setEditing} onDeleted={() => navigate('/tasks')} defaultOpen />
      {editing && <TaskFormModal task={editing} onClose={() => setEditing(null)} />}
    </Stack>
  );
}
