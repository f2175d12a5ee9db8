import { useState } from 'react';
import { ActionIcon, Badge, Button, Group, Paper, Stack, Switch, Table, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, del, patch } from '../../../web/api.js';
import { useAuth } from '../../../web/auth.js';
import { featureErrorMessage } from '../../../web/components/apiErrors.js';
import { ConfirmButton } from '../../../web/components/ConfirmButton.js';
import type { Pipeline, Stage } from '../pipelines.schema.js';
import { DeleteStageModal } from './DeleteStageModal.js';
import { kindColors, pipelineKeys } from './pipelinesApi.js';
import { StageModal } from './StageModal.js';

/** One pipeline: name, active and default flags, and its stages (add, edit, reorder, delete). */
export function PipelineEditor({ pipeline: p, onDeleted }: { pipeline: Pipeline; onDeleted(): void }) {
  const { t } = useTranslation('pipelines');
  const { can } = useAuth();
  const qc = useQueryClient();
  const mayUpdate = can('pipeline', 'update');
  const [name, setName] = useState(p.name);
  const [editing, setEditing] = useState<Stage | 'new' | null>(null);
  const [deleting, setDeleting] = useState<Stage | null>(null);
  const [busy, setBusy] = useState(false);

  const refresh = () => qc.invalidateQueries({ queryKey: pipelineKeys.all });
  const run = async (work: () => Promise<unknown>, done?: string) => {
    setBusy(true);
    try {
      await work();
      await refresh();
      if (done) notifications.show({ color: 'green', message: done });
    } catch (err) {
      notifications.show({ color: 'red', message: featureErrorMessage(t, err, 'pipelines') });
    } finally {
      setBusy(false);
    }
  };

  const move = (index: number, by: -1 | 1) => {
    const ids = p.stages.map((s) => s.id);
    const [id] = ids.splice(index, 1);
    ids.splice(index + by, 0, id!);
    void run(() => api('PUT', `/pipelines/${p.id}/stages/order`, { stageIds: ids }));
  };

  const remove = async () => {
    try {
      await del(`/pipelines/${p.id}`);
      await refresh();
      notifications.show({ color: 'green', message: t('deleted') });
      onDeleted();
    } catch (err) {
      notifications.show({ color: 'red', message: featureErrorMessage(t, err, 'pipelines') });
    }
  };

  return (
    <Paper withBorder p="md" data-testid="pipeline-editor">
      <Stack>
        <Group align="flex-end" gap="sm">
          <TextInput
            style={{ flex: '1 1 240px' }}
            label={t('fields.name')}
            value={name}
            disabled={!mayUpdate}
            onChange={(e) => setName(e.currentTarget.value)}
            data-testid="pipeline-name"
          />
          {mayUpdate && name.trim() !== p.name && (
            <Button loading={busy} onClick={() => void run(() => patch(`/pipelines/${p.id}`, { name: name.trim() }), t('saved'))} data-testid="pipeline-rename">
              {t('common:actions.save')}
            </Button>
          )}
          <Switch
            label={t('fields.active')}
            checked={p.isActive}
            disabled={!mayUpdate || p.isDefault || busy}
            onChange={(e) => void run(() => patch(`/pipelines/${p.id}`, { isActive: e.currentTarget.checked }))}
            mb={8}
          />
          {p.isDefault ? (
            <Badge variant="light" mb={8}>
              {t('defaultBadge')}
            </Badge>
          ) : (
            mayUpdate && (
              <Button variant="default" disabled={busy} onClick={() => void run(() => patch(`/pipelines/${p.id}`, { isDefault: true }), t('saved'))}>
                {t('makeDefault')}
              </Button>
            )
          )}
          {can('pipeline', 'delete') && !p.isDefault && (
            <ConfirmButton variant="default" color="red" message={t('deleteConfirm', { name: p.name })} confirmLabel={t('common:actions.delete')} onConfirm={remove}>
              {t('common:actions.delete')}
            </ConfirmButton>
          )}
        </Group>
        <Group justify="space-between">
          <Title order={4}>{t('stages.title')}</Title>
          {mayUpdate && (
            <Button size="xs" onClick={() => setEditing('new')} data-testid="stage-add">
              {t('stages.add')}
            </Button>
          )}
        </Group>
        <Table.ScrollContainer minWidth={560}>
          <Table verticalSpacing={6} data-testid="stages-table">
            <Table.Thead>
              <Table.Tr>
                {mayUpdate && <Table.Th w={70} />}
                <Table.Th>{t('stages.name')}</Table.Th>
                <Table.Th>{t('stages.kind')}</Table.Th>
                <Table.Th ta="right">{t('stages.probability')}</Table.Th>
                <Table.Th ta="right">{t('stages.plannedDays')}</Table.Th>
                {mayUpdate && <Table.Th />}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {p.stages.map((s, i) => (
                <Table.Tr key={s.id} data-testid="stage-row" data-stage={s.name}>
                  {mayUpdate && (
                    <Table.Td>
                      <Group gap={2} wrap="nowrap">
                        <ActionIcon variant="subtle" color="gray" aria-label={t('stages.moveUp')} disabled={i === 0 || busy} onClick={() => move(i, -1)} data-testid="stage-up">
                          ↑
                        </ActionIcon>
                        <ActionIcon variant="subtle" color="gray" aria-label={t('stages.moveDown')} disabled={i === p.stages.length - 1 || busy} onClick={() => move(i, 1)} data-testid="stage-down">
                          ↓
                        </ActionIcon>
                      </Group>
                    </Table.Td>
                  )}
                  <Table.Td>
                    <Text size="sm" fw={500} data-testid="stage-name">
                      {s.name}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Badge size="sm" variant="light" color={kindColors[s.kind]}>
                      {t(`kinds.${s.kind}`)}
                    </Badge>
                  </Table.Td>
                  <Table.Td ta="right">{`${s.probability} %`}</Table.Td>
                  <Table.Td ta="right">{s.plannedDays ?? <Text span c="dimmed" size="sm">{t('stages.noLimit')}</Text>}</Table.Td>
                  {mayUpdate && (
                    <Table.Td>
                      <Group gap={4} justify="flex-end" wrap="nowrap">
                        <Button size="compact-xs" variant="subtle" onClick={() => setEditing(s)} data-testid="stage-edit">
                          {t('common:actions.edit')}
                        </Button>
                        <Button size="compact-xs" variant="subtle" color="red" onClick={() => setDeleting(s)} data-testid="stage-delete">
                          {t('common:actions.delete')}
                        </Button>
                      </Group>
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Stack>
      {editing && <StageModal pipeline={p} stage={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
      {deleting && <DeleteStageModal pipeline={p} stage={deleting} onClose={() => setDeleting(null)} />}
    </Paper>
  );
}
