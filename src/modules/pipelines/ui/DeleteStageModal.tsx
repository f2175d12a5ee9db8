import { useState } from 'react';
import { Alert, Button, Group, Modal, Select, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ApiError, del, post } from '../../../web/api.js';
import { featureErrorMessage } from '../../../web/components/apiErrors.js';
import type { Pipeline, Stage } from '../pipelines.schema.js';
import { moveDealsPath, pipelineKeys } from './pipelinesApi.js';

/**
 * Deletes a stage. A stage with deals cannot be deleted: the server's refusal names the count, and the
 * dialog offers to move those deals to another stage of the pipeline first.
 */
export function DeleteStageModal({ pipeline, stage, onClose }: { pipeline: Pipeline; stage: Stage; onClose(): void }) {
  const { t } = useTranslation('pipelines');
  const qc = useQueryClient();
  const [dealCount, setDealCount] = useState<number | null>(null);
  const [target, setTarget] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  /** A lost stage needs a reason per deal, which a bulk move does not give. */
  const others = pipeline.stages.filter((s) => s.id !== stage.id && s.kind !== 'lost');

  const finish = async () => {
    await qc.invalidateQueries({ queryKey: pipelineKeys.all });
    notifications.show({ color: 'green', message: t('stages.deleted', { name: stage.name }) });
    onClose();
  };

  const remove = async () => {
    setBusy(true);
    setError(null);
    try {
      await del(`/pipelines/${pipeline.id}/stages/${stage.id}`);
      await finish();
    } catch (err) {
      if (err instanceof ApiError && err.code === 'stage.has_deals') setDealCount(Number(err.details.count ?? 0));
      else setError(featureErrorMessage(t, err, 'pipelines'));
    } finally {
      setBusy(false);
    }
  };

  const moveAndRemove = async () => {
    if (!target) return;
    setBusy(true);
    setError(null);
    try {
      await post(moveDealsPath(pipeline.id, stage.id), { toStageId: target });
      await qc.invalidateQueries({ queryKey: ['deals'] });
      await del(`/pipelines/${pipeline.id}/stages/${stage.id}`);
      await finish();
    } catch (err) {
      setError(featureErrorMessage(t, err, 'pipelines'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal opened onClose={onClose} title={t('stages.deleteTitle', { name: stage.name })} centered>
      <Stack>
        {error && (
          <Alert color="red" data-testid="stage-delete-error">
            {error}
          </Alert>
        )}
        {dealCount === null ? (
          <Text size="sm">{t('stages.deleteConfirm', { name: stage.name })}</Text>
        ) : (
          <>
            <Alert color="orange" data-testid="stage-has-deals">
              {t('stages.hasDeals', { count: dealCount, name: stage.name })}
            </Alert>
            <Select
              label={t('stages.moveTo')}
              placeholder={t('stages.moveToPlaceholder')}
              value={target}
              data={others.map((s) => ({ value: s.id, label: `${s.name} · ${t(`kinds.${s.kind}`)}` }))}
              onChange={setTarget}
              data-testid="stage-move-target"
            />
          </>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common:actions.cancel')}
          </Button>
          {dealCount === null ? (
            <Button color="red" loading={busy} onClick={remove} data-autofocus data-testid="stage-delete-confirm">
              {t('common:actions.delete')}
            </Button>
          ) : (
            <Button color="red" loading={busy} disabled={!target} onClick={moveAndRemove} data-testid="stage-move-delete">
              {t('stages.moveAndDelete', { count: dealCount })}
            </Button>
          )}
        </Group>
      </Stack>
    </Modal>
  );
}
