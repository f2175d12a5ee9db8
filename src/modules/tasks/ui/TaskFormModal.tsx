import { useState } from 'react';
import { Button, Group, Input, Modal, SegmentedControl, SimpleGrid, Stack, Textarea, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ApiError, get, patch, post } from '../../../web/api.js';
import { useAuth } from '../../../web/auth.js';
import { featureErrorMessage, featureFieldErrors } from '../../../web/components/apiErrors.js';
import { FormError } from '../../../web/components/FormAlerts.js';
import { OwnerSelect } from '../../../web/components/OwnerSelect.js';
import { RecordPicker } from '../../../web/components/RecordPicker.js';
import { taskPriorities, type Task, type TaskPriority } from '../tasks.schema.js';
import { ChecklistEditor, type EditableItem } from './ChecklistEditor.js';
import { refreshTasks, taskPaths } from './tasksApi.js';

interface Ref {
  id: string;
  name: string;
}

interface Values {
  title: string;
  description: string;
  assigneeId: string | null;
  dueDate: string;
  dueTime: string;
  priority: TaskPriority;
  checklist: EditableItem[];
  company: Ref | null;
  contact: Ref | null;
  deal: Ref | null;
}

let seq = 0;
const localKey = () => `item-${++seq}`;

function valuesOf(task: Task | undefined, me: string | null): Values {
  return {
    title: task?.title ?? '',
    description: task?.description ?? '',
    assigneeId: task?.assigneeId ?? me,
    dueDate: task?.dueDate ?? '',
    dueTime: task?.dueTime ?? '',
    priority: task?.priority ?? 'normal',
    checklist: (task?.checklist ?? []).map((i) => ({ ...i, key: i.id })),
    company: task?.companyId ? { id: task.companyId, name: task.companyName ?? '' } : null,
    contact: task?.contactId ? { id: task.contactId, name: task.contactName ?? '' } : null,
    deal: task?.dealId ? { id: task.dealId, name: task.dealTitle ?? '' } : null,
  };
}

/** Creates or edits a task: title, assignee (someone else: delegated), due date and time, priority, checklist, linked records. */
export function TaskFormModal({ task, onClose }: { task?: Task; onClose(): void }) {
  const { t } = useTranslation('tasks');
  const { me } = useAuth();
  const qc = useQueryClient();
  const [base, setBase] = useState(task);
  const [v, setV] = useState<Values>(() => valuesOf(task, me?.id ?? null));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const set = <K extends keyof Values>(k: K, value: Values[K]) => {
    setV((old) => ({ ...old, [k]: value }));
    setErrors((old) => Object.fromEntries(Object.entries(old).filter(([f]) => f !== k && !f.startsWith(`${k}.`))));
  };
  const setItems = (update: (items: EditableItem[]) => EditableItem[]) => setV((old) => ({ ...old, checklist: update(old.checklist) }));

  const submit = async () => {
    if (!v.title.trim()) {
      setErrors({ title: t('ui:errors.validation.required') });
      return;
    }
    const body = {
      title: v.title.trim(),
      description: v.description.trim() || null,
      ...(v.assigneeId && { assigneeId: v.assigneeId }),
      dueDate: v.dueDate || null,
      dueTime: v.dueDate && v.dueTime ? v.dueTime : null,
      priority: v.priority,
      checklist: v.checklist.map(({ id, text, done }) => ({ ...(id && { id }), text, done })),
      companyId: v.company?.id ?? null,
      contactId: v.contact?.id ?? null,
      dealId: v.deal?.id ?? null,
    };
    setBusy(true);
    setErrors({});
    setFormError(null);
    try {
      await (base ? patch<Task>(taskPaths.one(base.id), { ...body, version: base.version }) : post<Task>(taskPaths.list, body));
      await refreshTasks(qc);
      notifications.show({ color: 'green', message: base ? t('saved') : t('created') });
      onClose();
    } catch (err) {
      if (err instanceof ApiError && err.code === 'task.version_conflict' && base) {
        setBase((err.details.current as Task | undefined) ?? (await get<Task>(taskPaths.one(base.id))));
      }
      setErrors(featureFieldErrors(t, err, 'tasks'));
      setFormError(featureErrorMessage(t, err, 'tasks'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal opened onClose={onClose} title={base ? t('editTitle') : t('new')} size="lg" closeOnClickOutside={false}>
      <form
        noValidate
        data-testid="task-form"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <Stack gap="sm">
          <FormError message={formError} />
          <TextInput label={t('fields.title')} required data-autofocus value={v.title} error={errors.title} onChange={(e) => set('title', e.currentTarget.value)} data-testid="task-title" />
          <Textarea label={t('fields.description')} autosize minRows={2} maxRows={8} value={v.description} error={errors.description} onChange={(e) => set('description', e.currentTarget.value)} />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <OwnerSelect
              label={t('fields.assigneeId')}
              value={v.assigneeId}
              valueLabel={base?.assigneeName ?? (v.assigneeId === me?.id ? me?.name : undefined)}
              error={errors.assigneeId}
              onChange={(id) => set('assigneeId', id)}
              data-testid="task-assignee"
            />
            <Input.Wrapper label={t('fields.priority')}>
              <SegmentedControl
                fullWidth
                value={v.priority}
                data={taskPriorities.map((p) => ({ value: p, label: t(`priorities.${p}`) }))}
                onChange={(p) => set('priority', p as TaskPriority)}
                data-testid="task-priority"
              />
            </Input.Wrapper>
            <TextInput label={t('fields.dueDate')} type="date" value={v.dueDate} error={errors.dueDate} onChange={(e) => set('dueDate', e.currentTarget.value)} data-testid="task-due-date" />
            <TextInput label={t('fields.dueTime')} type="time" disabled={!v.dueDate} value={v.dueTime} error={errors.dueTime} onChange={(e) => set('dueTime', e.currentTarget.value)} data-testid="task-due-time" />
            <RecordPicker<Ref> label={t('fields.companyId')} path="/companies" initial={v.company} describe={(c) => c.name} error={errors.companyId} onPick={(c) => set('company', c && { id: c.id, name: c.name })} />
            <RecordPicker<{ id: string; fullName: string }>
              label={t('fields.contactId')}
              path="/contacts"
              query={{ companyId: v.company?.id }}
              initial={v.contact && { id: v.contact.id, fullName: v.contact.name }}
              describe={(c) => c.fullName}
              error={errors.contactId}
              onPick={(c) => set('contact', c && { id: c.id, name: c.fullName })}
            />
            <RecordPicker<{ id: string; title: string }>
              label={t('fields.dealId')}
              path="/deals"
              query={{ companyId: v.company?.id }}
              initial={v.deal && { id: v.deal.id, title: v.deal.name }}
              describe={(d) => d.title}
              error={errors.dealId}
              onPick={(d) => set('deal', d && { id: d.id, name: d.title })}
            />
          </SimpleGrid>
          <Input.Wrapper label={t('fields.checklist')} error={errors.checklist}>
            <ChecklistEditor
              items={v.checklist}
              onToggle={(item, done) => setItems((xs) => xs.map((x) => (x.key === item.key ? { ...x, done } : x)))}
              onRename={(item, text) => setItems((xs) => xs.map((x) => (x.key === item.key ? { ...x, text } : x)))}
              onRemove={(item) => setItems((xs) => xs.filter((x) => x.key !== item.key))}
              onAdd={(text) => setItems((xs) => [...xs, { key: localKey(), text, done: false }])}
            />
          </Input.Wrapper>
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common:actions.cancel')}
            </Button>
            <Button type="submit" loading={busy} data-testid="task-save">
              {t('common:actions.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
