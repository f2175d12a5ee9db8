import { useState } from 'react';
import { ActionIcon, Button, Group, Paper, Stack, Switch, Table, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { del, patch, post } from '../../../web/api.js';
import { useAuth } from '../../../web/auth.js';
import { featureErrorMessage, featureFieldErrors } from '../../../web/components/apiErrors.js';
import { ConfirmDialog } from '../../../web/components/ConfirmDialog.js';
import type { LostReason } from '../pipelines.schema.js';
import { pipelineKeys, useAllLostReasons } from './pipelinesApi.js';

const STEP = 10;

/** A lost reason's name, edited in place and saved on Enter or when the field is left. */
function ReasonName({ reason, disabled, onSave }: { reason: LostReason; disabled: boolean; onSave(name: string): Promise<void> }) {
  const [name, setName] = useState(reason.name);
  const [seen, setSeen] = useState(reason.name);
  if (reason.name !== seen) {
    setSeen(reason.name);
    setName(reason.name);
  }
  const commit = () => {
    if (name.trim() && name.trim() !== reason.name) void onSave(name.trim());
    else setName(reason.name);
  };
  return (
    <TextInput
      size="xs"
      variant="unstyled"
      aria-label={reason.name}
      value={name}
      disabled={disabled}
      onChange={(e) => setName(e.currentTarget.value)}
      onBlur={commit}
      onKeyDown={(e) => {
        if (e.key === 'Enter') e.currentTarget.blur();
      }}
      data-testid="lost-reason-name"
    />
  );
}

/** The admin list of reasons a deal is lost: add, rename, reorder, (de)activate, delete unused ones. */
export function LostReasonsEditor() {
  const { t } = useTranslation('pipelines');
  const { can } = useAuth();
  const qc = useQueryClient();
  const reasons = useAllLostReasons();
  const list = reasons.data ?? [];
  const mayUpdate = can('pipeline', 'update');
  const [name, setName] = useState('');
  const [addError, setAddError] = useState<string | null>(null);
  const [deleting, setDeleting] = useState<LostReason | null>(null);
  const [busy, setBusy] = useState(false);
  const refresh = () => qc.invalidateQueries({ queryKey: pipelineKeys.lostReasons });

  const run = async (work: () => Promise<unknown>) => {
    setBusy(true);
    try {
      await work();
    } catch (err) {
      notifications.show({ color: 'red', message: featureErrorMessage(t, err, 'pipelines') });
    } finally {
      await refresh();
      setBusy(false);
    }
  };

  const add = async () => {
    if (!name.trim()) return;
    setBusy(true);
    try {
      await post('/lost-reasons', { name: name.trim(), sort: (list.length + 1) * STEP });
      setName('');
      setAddError(null);
      await refresh();
    } catch (err) {
      setAddError(featureFieldErrors(t, err, 'pipelines').name ?? featureErrorMessage(t, err, 'pipelines'));
    } finally {
      setBusy(false);
    }
  };

  /** Swaps a reason with its neighbour; sort values are renumbered in steps. */
  const move = (index: number, by: -1 | 1) => {
    const order = [...list];
    const [r] = order.splice(index, 1);
    order.splice(index + by, 0, r!);
    void run(async () => {
      for (const [i, x] of order.entries()) if (x.sort !== (i + 1) * STEP) await patch(`/lost-reasons/${x.id}`, { sort: (i + 1) * STEP });
    });
  };

  return (
    <Paper withBorder p="md" data-testid="lost-reasons">
      <Stack gap="sm">
        <Title order={4}>{t('lostReasons.title')}</Title>
        <Text size="sm" c="dimmed">
          {t('lostReasons.hint')}
        </Text>
        {list.length === 0 && !reasons.isPending && (
          <Text size="sm" c="dimmed">
            {t('lostReasons.empty')}
          </Text>
        )}
        {list.length > 0 && (
          <Table verticalSpacing={4}>
            <Table.Tbody>
              {list.map((r, i) => (
                <Table.Tr key={r.id} data-testid="lost-reason-row">
                  {mayUpdate && (
                    <Table.Td w={70}>
                      <Group gap={2} wrap="nowrap">
                        <ActionIcon variant="subtle" color="gray" aria-label={t('stages.moveUp')} disabled={i === 0 || busy} onClick={() => move(i, -1)}>
                          ↑
                        </ActionIcon>
                        <ActionIcon variant="subtle" color="gray" aria-label={t('stages.moveDown')} disabled={i === list.length - 1 || busy} onClick={() => move(i, 1)}>
                          ↓
                        </ActionIcon>
                      </Group>
                    </Table.Td>
                  )}
                  <Table.Td>
                    <ReasonName reason={r} disabled={!mayUpdate} onSave={(n) => run(() => patch(`/lost-reasons/${r.id}`, { name: n }))} />
                  </Table.Td>
                  <Table.Td w={140}>
                    <Switch
                      size="xs"
                      label={t('fields.active')}
                      checked={r.isActive}
                      disabled={!mayUpdate || busy}
                      onChange={(e) => {
                        const isActive = e.currentTarget.checked;
                        void run(() => patch(`/lost-reasons/${r.id}`, { isActive }));
                      }}
                    />
                  </Table.Td>
                  {can('pipeline', 'delete') && (
                    <Table.Td w={90} ta="right">
                      <Button size="compact-xs" variant="subtle" color="red" onClick={() => setDeleting(r)}>
                        {t('common:actions.delete')}
                      </Button>
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
        {can('pipeline', 'create') && (
          <form
            noValidate
            onSubmit={(e) => {
              e.preventDefault();
              void add();
            }}
          >
            <Group align="flex-start" gap="xs">
              <TextInput
                style={{ flex: '1 1 240px' }}
                placeholder={t('lostReasons.placeholder')}
                aria-label={t('lostReasons.placeholder')}
                value={name}
                error={addError}
                onChange={(e) => setName(e.currentTarget.value)}
                data-testid="lost-reason-new"
              />
              <Button type="submit" variant="light" loading={busy} disabled={!name.trim()} data-testid="lost-reason-add">
                {t('common:actions.add')}
              </Button>
            </Group>
          </form>
        )}
      </Stack>
      <ConfirmDialog
        opened={!!deleting}
        message={t('lostReasons.deleteConfirm', { name: deleting?.name ?? '' })}
        onClose={() => setDeleting(null)}
        onConfirm={async () => {
          if (!deleting) return null;
          try {
            await del(`/lost-reasons/${deleting.id}`);
            await refresh();
            return null;
          } catch (err) {
            return featureErrorMessage(t, err, 'pipelines');
          }
        }}
      />
    </Paper>
  );
}
