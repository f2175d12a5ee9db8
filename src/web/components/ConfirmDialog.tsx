import { Alert, Button, Group, Modal, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

interface Props {
  opened: boolean;
  message: string;
  /** Button text; defaults to common "Delete". */
  confirmLabel?: string;
  /** Does the work; resolves to null on success (the dialog closes) or to an error text shown in the dialog. */
  onConfirm(): Promise<string | null>;
  onClose(): void;
}

/** A destructive-action confirmation: the confirm button is red and takes the focus. */
export function ConfirmDialog({ opened, message, confirmLabel, onConfirm, onClose }: Props) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const close = () => {
    setError(null);
    onClose();
  };
  const confirm = async () => {
    setBusy(true);
    const failure = await onConfirm();
    setBusy(false);
    if (failure) setError(failure);
    else close();
  };
  return (
    <Modal opened={opened} onClose={close} title={t('actions.confirm')} centered>
      <Text mb="md">{message}</Text>
      {error && (
        <Alert color="red" mb="md" data-testid="confirm-error">
          {error}
        </Alert>
      )}
      <Group justify="flex-end">
        <Button variant="default" onClick={close}>
          {t('actions.cancel')}
        </Button>
        <Button color="red" loading={busy} disabled={!!error} onClick={confirm} data-autofocus data-testid="confirm-button">
          {confirmLabel ?? t('actions.delete')}
        </Button>
      </Group>
    </Modal>
  );
}
