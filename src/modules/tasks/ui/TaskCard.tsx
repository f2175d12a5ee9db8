import { useState } from 'react';
import { Anchor, Badge, Button, Checkbox, Group, Paper, Stack, Text, UnstyledButton } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { del } from '../../../web/api.js';
import { useAuth } from '../../../web/auth.js';
import { featureErrorMessage } from '../../../web/components/apiErrors.js';
import { ConfirmButton } from '../../../web/components/ConfirmButton.js';
import { useFormat } from '../../../web/components/format.js';
import { nowIn } from '../../activities/ui/dates.js';
import type { ChecklistItem, Task } from '../tasks.schema.js';
import { ChecklistEditor } from './ChecklistEditor.js';
import { priorityColors, refreshTasks, saveChecklist, setStatus, taskPaths, toggleItem } from './tasksApi.js';

/** A task in the list: tick to complete or reopen, expand for the description and the checklist edited in place. */
interface Props {
  task: Task;
  onEdit(task: Task): void;
  /** after the task was deleted (a page of this task leaves it) */
  onDeleted?(): void;
  defaultOpen?: boolean;
}

export function TaskCard({ task, onEdit, onDeleted, defaultOpen = false }: Props) {
  const { t } = useTranslation('tasks');
  const { me, can } = useAuth();
  const fmt = useFormat();
  const qc = useQueryClient();
  const [open, setOpen] = useState(defaultOpen);
  const [busy, setBusy] = useState(false);
  const canEdit = can('task', 'update');
  const today = nowIn(me?.timeZone ?? 'UTC').date;
  const overdue = task.status === 'open' && !!task.dueDate && (task.dueAt ? Date.parse(task.dueAt) < Date.now() : task.dueDate < today);
  const doneCount = task.checklist.filter((i) => i.done).length;

  /** Runs a change; the list is re-read after it, and a failure (a conflict, a removed task) is told. */
  const run = async (change: () => Promise<unknown>, message?: string, done?: () => void) => {
    setBusy(true);
    try {
      await change();
      if (message) notifications.show({ color: 'green', message });
      done?.();
    } catch (err) {
      notifications.show({ color: 'red', message: featureErrorMessage(t, err, 'tasks') });
    } finally {
      setBusy(false);
      await refreshTasks(qc);
    }
  };
  const checklist = (update: (items: ChecklistItem[]) => ChecklistItem[]) => run(() => saveChecklist(task, update(task.checklist)));
  const when = task.dueDate ? `${fmt.calendarDate(task.dueDate)}${task.dueTime ? ` ${task.dueTime}` : ''}` : null;
  const mine = task.assigneeId === me?.id;

  return (
    <Paper withBorder p="sm" data-testid="task-card" data-task-title={task.title} style={{ borderLeft: overdue ? '3px solid var(--mantine-color-red-6)' : undefined }}>
      <Stack gap={6}>
        <Group wrap="nowrap" align="flex-start" gap="sm">
          <Checkbox
            mt={2}
            checked={task.status === 'done'}
            disabled={!canEdit || busy}
            aria-label={task.status === 'done' ? t('reopen', { title: task.title }) : t('markDone', { title: task.title })}
            onChange={(e) => void run(() => setStatus(task, e.currentTarget.checked ? 'done' : 'open'), e.currentTarget.checked ? t('completed') : t('reopened'))}
            data-testid="task-done"
          />
          <Stack gap={4} style={{ flex: 1, minWidth: 0 }}>
            <UnstyledButton onClick={() => setOpen((o) => !o)} aria-expanded={open} data-testid="task-toggle">
              <Text fw={600} size="sm" td={task.status === 'done' ? 'line-through' : undefined} c={task.status === 'done' ? 'dimmed' : undefined} style={{ overflowWrap: 'anywhere' }}>
                {task.title}
              </Text>
            </UnstyledButton>
            <Group gap={6} wrap="wrap">
              {task.priority !== 'normal' && (
                <Badge size="sm" color={priorityColors[task.priority]} variant="light" tt="none">
                  {t(`priorities.${task.priority}`)}
                </Badge>
              )}
              <Text size="xs" c={overdue ? 'red' : 'dimmed'} fw={overdue ? 700 : undefined} data-testid="task-due">
                {when ? t('due', { when }) : t('noDue')}
                {overdue && ` · ${t('overdue')}`}
              </Text>
              {task.checklist.length > 0 && (
                <Badge size="sm" variant="outline" color={doneCount === task.checklist.length ? 'green' : 'gray'} tt="none" data-testid="task-progress">
                  {t('checklist.progress', { done: doneCount, total: task.checklist.length })}
                </Badge>
              )}
              {!mine && task.assigneeName && (
                <Text size="xs" data-testid="task-assignee">
                  {t('to', { name: task.assigneeName })}
                </Text>
              )}
              {mine && task.delegated && task.createdByName && (
                <Text size="xs" c="dimmed">
                  {t('from', { name: task.createdByName })}
                </Text>
              )}
              {task.companyId && (
                <Anchor component={Link} to={`/companies/${task.companyId}`} size="xs">
                  {task.companyName}
                </Anchor>
              )}
              {task.contactId && (
                <Anchor component={Link} to={`/contacts/${task.contactId}`} size="xs">
                  {task.contactName}
                </Anchor>
              )}
              {task.dealId && (
                <Anchor component={Link} to={`/deals/${task.dealId}`} size="xs">
                  {task.dealTitle}
                </Anchor>
              )}
            </Group>
          </Stack>
        </Group>
        {open && (
          <Stack gap="xs" pl={34}>
            {task.description && (
              <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                {task.description}
              </Text>
            )}
            <ChecklistEditor
              items={task.checklist.map((i) => ({ ...i, key: i.id }))}
              disabled={!canEdit || busy}
              onToggle={(item, done) => void run(() => toggleItem(task, item.id!, done))}
              onRename={(item, text) => void checklist((xs) => xs.map((x) => (x.id === item.id ? { ...x, text } : x)))}
              onRemove={(item) => void checklist((xs) => xs.filter((x) => x.id !== item.id))}
              onAdd={(text) => void checklist((xs) => [...xs, { id: '', text, done: false }])}
            />
            {canEdit && (
              <Group gap="xs">
                <Button size="compact-xs" variant="light" onClick={() => onEdit(task)} data-testid="task-edit">
                  {t('common:actions.edit')}
                </Button>
                {can('task', 'delete') && (
                  <ConfirmButton
                    size="compact-xs"
                    variant="subtle"
                    color="red"
                    message={t('deleteConfirm', { title: task.title })}
                    confirmLabel={t('common:actions.delete')}
                    onConfirm={() => run(() => del(taskPaths.one(task.id)), t('deleted'), onDeleted)}
                  >
                    {t('common:actions.delete')}
                  </ConfirmButton>
                )}
              </Group>
            )}
          </Stack>
        )}
      </Stack>
    </Paper>
  );
}
