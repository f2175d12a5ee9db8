import { useState } from 'react';
import { Alert, Button, Group, Modal, Select, Stack, Textarea } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { featureErrorMessage } from '../../../web/components/apiErrors.js';
import { useLostReasons, type LostInput } from './dealsApi.js';

interface Props {
  dealTitle: string;
  stageName: string;
  onCancel(): void;
  /** Resolves when the move is done (or failed and was reported). */
  onConfirm(lost: LostInput): Promise<unknown>;
}

/** Asks why a deal is lost (a reason from the admin list, required) and an optional comment. */
export function LostDialog({ dealTitle, stageName, onCancel, onConfirm }: Props) {
  const { t } = useTranslation('deals');
  const reasons = useLostReasons();
  const [reason, setReason] = useState<string | null>(null);
  const [comment, setComment] = useState('');
  const [missing, setMissing] = useState(false);
  const [busy, setBusy] = useState(false);

  const confirm = async () => {
    if (!reason) {
      setMissing(true);
      return;
    }
    setBusy(true);
    try {
      await onConfirm({ lostReasonId: reason, lostComment: comment.trim() || null });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal opened onClose={onCancel} title={t('lost.title', { title: dealTitle })} centered>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void confirm();
        }}
      >
        <Stack>
          {reasons.error && <Alert color="red">{featureErrorMessage(t, reasons.error, 'deals')}</Alert>}
          <Select
            label={t('lost.reason')}
            description={t('lost.toStage', { stage: stageName })}
            placeholder={t('lost.reasonPlaceholder')}
            required
            data-autofocus
            value={reason}
            error={missing && !reason ? t('lost.reasonRequired') : undefined}
            data={(reasons.data ?? []).map((r) => ({ value: r.id, label: r.name }))}
            nothingFoundMessage={t('lost.noReasons')}
            onChange={setReason}
            data-testid="lost-reason"
          />
          <Textarea label={t('lost.comment')} autosize minRows={2} value={comment} onChange={(e) => setComment(e.currentTarget.value)} data-testid="lost-comment" />
          <Group justify="flex-end">
            <Button variant="default" onClick={onCancel}>
              {t('common:actions.cancel')}
            </Button>
            <Button type="submit" color="red" loading={busy} data-testid="lost-confirm">
              {t('lost.confirm')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
