import { useState, type ReactNode } from 'react';
import { Alert, Button, Group, Modal, SimpleGrid, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { post } from '../api.js';
import { featureErrorMessage } from './apiErrors.js';
import { RecordPicker } from './RecordPicker.js';

interface Props<T extends { id: string }> {
  opened: boolean;
  onClose(): void;
  /** '/companies' or '/contacts' */
  path: string;
  /** the record that stays */
  target: T;
  describe(item: T): string;
  /** a short summary of one record for the side-by-side preview */
  preview(item: T): ReactNode;
  /** translation namespace with merge.* strings */
  ns: string;
  onMerged(): void;
}

/** Merge another record into this one: pick it by search, compare both, confirm. */
export function MergeModal<T extends { id: string }>({ opened, onClose, path, target, describe, preview, ns, onMerged }: Props<T>) {
  const { t } = useTranslation(ns);
  const [source, setSource] = useState<T | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const merge = async () => {
    if (!source) return;
    setBusy(true);
    setError(null);
    try {
      await post(`${path}/${target.id}/merge`, { sourceId: source.id });
      setSource(null);
      onMerged();
    } catch (err) {
      setError(featureErrorMessage(t, err, ns));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal opened={opened} onClose={onClose} title={t('merge.title')} size="xl" centered>
      <Stack>
        <Text size="sm">{t('merge.intro', { name: describe(target) })}</Text>
        <RecordPicker<T> path={path} label={t('merge.pick')} describe={describe} exclude={[target.id]} onPick={setSource} data-testid="merge-pick" data-autofocus />
        {source && (
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <Stack gap={4}>
              <Text fw={600} size="sm" c="red">
                {t('merge.removed')}
              </Text>
              {preview(source)}
            </Stack>
            <Stack gap={4}>
              <Text fw={600} size="sm" c="green">
                {t('merge.kept')}
              </Text>
              {preview(target)}
            </Stack>
          </SimpleGrid>
        )}
        {source && <Alert color="orange">{t('merge.warning')}</Alert>}
        {error && <Alert color="red">{error}</Alert>}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common:actions.cancel')}
          </Button>
          <Button color="orange" disabled={!source} loading={busy} onClick={merge} data-testid="merge-confirm">
            {t('common:actions.merge')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
