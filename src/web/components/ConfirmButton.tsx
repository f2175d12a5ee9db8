import { useState, type ReactNode } from 'react';
import { Button, Group, Modal, Text, type ButtonProps } from '@mantine/core';
import { useTranslation } from 'react-i18next';

interface Props extends ButtonProps {
  message: string;
  /** label of the confirming button; defaults to "Confirm" */
  confirmLabel?: string;
  onConfirm(): Promise<unknown> | void;
  children: ReactNode;
  'data-testid'?: string;
}

/** A button that asks "are you sure?" in a modal before running a destructive action. */
export function ConfirmButton({ message, confirmLabel, onConfirm, children, ...button }: Props) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const confirm = async () => {
    setBusy(true);
    try {
      await onConfirm();
    } finally {
      setBusy(false);
      setOpen(false);
    }
  };
  return (
    <>
      <Button {...button} onClick={() => setOpen(true)}>
        {children}
      </Button>
      <Modal opened={open} onClose={() => setOpen(false)} title={t('actions.confirm')} centered>
        <Text size="sm">{message}</Text>
        <Group justify="flex-end" mt="md">
          <Button variant="default" onClick={() => setOpen(false)}>
            {t('actions.cancel')}
          </Button>
          <Button color={button.color ?? 'red'} loading={busy} onClick={confirm} data-testid="confirm-ok" data-autofocus>
            {confirmLabel ?? t('actions.confirm')}
          </Button>
        </Group>
      </Modal>
    </>
  );
}
