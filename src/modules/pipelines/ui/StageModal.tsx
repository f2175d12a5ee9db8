import { useState } from 'react';
import { Alert, Button, Group, Modal, NumberInput, Select, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { patch, post } from '../../../web/api.js';
import { featureErrorMessage, featureFieldErrors } from '../../../web/components/apiErrors.js';
import { stageKinds, type Pipeline, type Stage, type StageKind } from '../pipelines.schema.js';
import { pipelineKeys } from './pipelinesApi.js';

const END = 'end';

/** Adds a stage (at a chosen place) or edits one: name, kind, win probability, planned days. */
export function StageModal({ pipeline, stage, onClose }: { pipeline: Pipeline; stage: Stage | null; onClose(): void }) {
  const { t } = useTranslation('pipelines');
  const qc = useQueryClient();
  const firstClosed = pipeline.stages.findIndex((s) => s.kind !== 'open');
  const [name, setName] = useState(stage?.name ?? '');
  const [kind, setKind] = useState<StageKind>(stage?.kind ?? 'open');
  const [probability, setProbability] = useState<number | string>(stage?.probability ?? 50);
  const [plannedDays, setPlannedDays] = useState<number | string>(stage?.plannedDays ?? '');
  const [position, setPosition] = useState(firstClosed >= 0 ? String(firstClosed) : END);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const save = async () => {
    if (!name.trim()) {
      setErrors({ name: t('ui:errors.validation.required') });
      return;
    }
    const body = {
      name: name.trim(),
      kind,
      probability: typeof probability === 'number' ? probability : Number(probability || 0),
      plannedDays: plannedDays === '' ? null : Number(plannedDays),
    };
    setBusy(true);
    setErrors({});
    setFormError(null);
    try {
      if (stage) await patch<Pipeline>(`/pipelines/${pipeline.id}/stages/${stage.id}`, body);
      else await post<Pipeline>(`/pipelines/${pipeline.id}/stages`, { ...body, ...(position !== END && { position: Number(position) }) });
      await qc.invalidateQueries({ queryKey: pipelineKeys.all });
      notifications.show({ color: 'green', message: t('saved') });
      onClose();
    } catch (err) {
      const fields = featureFieldErrors(t, err, 'pipelines');
      setErrors(fields);
      if (!Object.keys(fields).some((f) => ['name', 'kind', 'probability', 'plannedDays'].includes(f))) setFormError(featureErrorMessage(t, err, 'pipelines'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal opened onClose={onClose} title={stage ? t('stages.editTitle', { name: stage.name }) : t('stages.add')} centered>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <Stack>
          {formError && (
            <Alert color="red" data-testid="stage-form-error">
              {formError}
            </Alert>
          )}
          <TextInput label={t('stages.name')} required data-autofocus value={name} error={errors.name} onChange={(e) => setName(e.currentTarget.value)} data-testid="stage-name-input" />
          <Select
            label={t('stages.kind')}
            allowDeselect={false}
            value={kind}
            error={errors.kind}
            data={stageKinds.map((k) => ({ value: k, label: t(`kinds.${k}`) }))}
            onChange={(v) => v && setKind(v as StageKind)}
            data-testid="stage-kind"
          />
          <SimpleGrid cols={2}>
            <NumberInput
              label={t('stages.probability')}
              min={0}
              max={100}
              allowDecimal={false}
              suffix=" %"
              value={probability}
              error={errors.probability}
              onChange={setProbability}
              data-testid="stage-probability"
            />
            <NumberInput
              label={t('stages.plannedDays')}
              description={t('stages.plannedDaysHint')}
              min={1}
              max={3650}
              allowDecimal={false}
              value={plannedDays}
              error={errors.plannedDays}
              onChange={setPlannedDays}
              data-testid="stage-planned-days"
            />
          </SimpleGrid>
          {!stage && (
            <Select
              label={t('stages.position')}
              allowDeselect={false}
              value={position}
              data={[...pipeline.stages.map((s, i) => ({ value: String(i), label: t('stages.before', { name: s.name }) })), { value: END, label: t('stages.atEnd') }]}
              onChange={(v) => v && setPosition(v)}
              data-testid="stage-position"
            />
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common:actions.cancel')}
            </Button>
            <Button type="submit" loading={busy} data-testid="stage-save">
              {t('common:actions.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
