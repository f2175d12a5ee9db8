import { useState } from 'react';
import { Badge, Button, Checkbox, Group, List, Modal, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { post } from '../../../web/api.js';
import { featureErrorMessage, featureFieldErrors } from '../../../web/components/apiErrors.js';
import type { Pipeline, StageKind } from '../pipelines.schema.js';
import { kindColors, pipelineKeys } from './pipelinesApi.js';

/** The stages a new pipeline starts with (renamed, reordered or removed afterwards in the editor). */
const template: { key: string; probability: number; plannedDays: number | null; kind: StageKind }[] = [
  { key: 'qualification', probability: 20, plannedDays: 7, kind: 'open' },
  { key: 'proposal', probability: 50, plannedDays: 10, kind: 'open' },
  { key: 'negotiation', probability: 80, plannedDays: 14, kind: 'open' },
  { key: 'won', probability: 100, plannedDays: null, kind: 'won' },
  { key: 'lost', probability: 0, plannedDays: null, kind: 'lost' },
];

export function NewPipelineModal({ onClose, onCreated }: { onClose(): void; onCreated(p: Pipeline): void }) {
  const { t } = useTranslation('pipelines');
  const qc = useQueryClient();
  const [name, setName] = useState('');
  const [isDefault, setIsDefault] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const create = async () => {
    if (!name.trim()) {
      setError(t('ui:errors.validation.required'));
      return;
    }
    setBusy(true);
    try {
      const stages = template.map((s) => ({ name: t(`template.${s.key}`), probability: s.probability, plannedDays: s.plannedDays, kind: s.kind }));
      const created = await post<Pipeline>('/pipelines', { name: name.trim(), isDefault, stages });
      await qc.invalidateQueries({ queryKey: pipelineKeys.all });
      notifications.show({ color: 'green', message: t('created') });
      onCreated(created);
    } catch (err) {
      setError(featureFieldErrors(t, err, 'pipelines').name ?? featureErrorMessage(t, err, 'pipelines'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal opened onClose={onClose} title={t('new')} centered>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void create();
        }}
      >
        <Stack>
          <TextInput label={t('fields.name')} required data-autofocus value={name} error={error} onChange={(e) => setName(e.currentTarget.value)} data-testid="pipeline-name-new" />
          <Checkbox label={t('fields.makeDefault')} checked={isDefault} onChange={(e) => setIsDefault(e.currentTarget.checked)} />
          <Stack gap={4}>
            <Text size="sm" c="dimmed">
              {t('templateHint')}
            </Text>
            <List size="sm" spacing={2}>
              {template.map((s) => (
                <List.Item key={s.key}>
                  {t(`template.${s.key}`)}{' '}
                  <Badge size="xs" variant="light" color={kindColors[s.kind]}>
                    {t(`kinds.${s.kind}`)}
                  </Badge>
                </List.Item>
              ))}
            </List>
          </Stack>
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common:actions.cancel')}
            </Button>
            <Button type="submit" loading={busy} data-testid="pipeline-create">
              {t('common:actions.create')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
