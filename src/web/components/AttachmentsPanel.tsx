import { useRef, useState, type DragEvent } from 'react';
import { Anchor, Button, Group, Paper, Progress, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Attachment, AttachmentEntity } from '../../modules/attachments/attachments.schema.js';
import { del, downloadUrl } from '../api.js';
import { useAuth } from '../auth.js';
import { ConfirmButton } from './ConfirmButton.js';
import { featureErrorMessage } from './apiErrors.js';
import { useFormat } from './format.js';
import { uploadFile } from './upload.js';
import { useCursorList } from './useCursorList.js';


interface Uploading {
  name: string;
  progress: number;
}

/** Files attached to a record: drag-and-drop or pick to upload (with progress), download, delete. */
export function AttachmentsPanel({ entity, entityId, canEdit }: { entity: AttachmentEntity; entityId: string; canEdit: boolean }) {
  const { t } = useTranslation('ui');
  const { me } = useAuth();
  const fmt = useFormat();
  const qc = useQueryClient();
  const input = useRef<HTMLInputElement>(null);
  const [uploads, setUploads] = useState<Uploading[]>([]);
  const [dragging, setDragging] = useState(false);
  const key = ['attachments', entity, entityId];
  const list = useCursorList<Attachment>({ key, path: `/attachments/${entity}/${entityId}` });

  const upload = async (files: File[]) => {
    for (const file of files) {
      setUploads((u) => [...u, { name: file.name, progress: 0 }]);
      try {
        await uploadFile(`/attachments/${entity}/${entityId}`, file, me?.csrfToken ?? null, (progress) =>
          setUploads((u) => u.map((x) => (x.name === file.name ? { ...x, progress } : x))),
        );
      } catch (err) {
        notifications.show({ color: 'red', title: file.name, message: featureErrorMessage(t, err, 'ui') });
      } finally {
        setUploads((u) => u.filter((x) => x.name !== file.name));
      }
    }
    await qc.invalidateQueries({ queryKey: key });
  };

  const remove = async (id: string) => {
    try {
      await del(`/attachments/${id}`);
      await qc.invalidateQueries({ queryKey: key });
    } catch (err) {
      notifications.show({ color: 'red', message: featureErrorMessage(t, err, 'ui') });
    }
  };

  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setDragging(false);
    if (canEdit) void upload([...e.dataTransfer.files]);
  };

  const items = list.items;
  return (
    <Paper withBorder p="md">
      <Stack gap="sm">
        <Title order={4}>{t('attachments.title')}</Title>
        {canEdit && (
          <Paper
            p="md"
            data-testid="attachments-drop"
            onDragOver={(e) => {
              e.preventDefault();
              setDragging(true);
            }}
            onDragLeave={() => setDragging(false)}
            onDrop={onDrop}
            style={{
              border: `1px dashed var(--mantine-color-${dragging ? 'blue-6' : 'default-border'})`,
              background: dragging ? 'var(--mantine-color-blue-light)' : undefined,
              textAlign: 'center',
            }}
          >
            <Text size="sm" c="dimmed">
              {t('attachments.drop')}
            </Text>
            <Button variant="light" size="xs" mt="xs" onClick={() => input.current?.click()}>
              {t('attachments.browse')}
            </Button>
            <input
              ref={input}
              type="file"
              multiple
              hidden
              data-testid="attachments-input"
              onChange={(e) => {
                void upload([...(e.currentTarget.files ?? [])]);
                e.currentTarget.value = '';
              }}
            />
          </Paper>
        )}
        {uploads.map((u) => (
          <Stack key={u.name} gap={2}>
            <Text size="xs">{t('attachments.uploading', { name: u.name })}</Text>
            <Progress value={u.progress * 100} size="sm" animated />
          </Stack>
        ))}
        {list.isPending && <Text size="sm" c="dimmed">{t('common:state.loading')}</Text>}
        {!list.isPending && !items.length && <Text size="sm" c="dimmed">{t('attachments.empty')}</Text>}
        {items.map((a) => (
          <Group key={a.id} justify="space-between" wrap="nowrap" gap="xs">
            <Stack gap={0} style={{ minWidth: 0 }}>
              <Anchor href={downloadUrl(`/attachments/${a.id}/download`)} size="sm" truncate="end" data-testid="attachment-link">
                {a.fileName}
              </Anchor>
              <Text size="xs" c="dimmed">
                {[fmt.fileSize(a.size), fmt.dateTime(a.createdAt), a.createdByName].filter(Boolean).join(' · ')}
              </Text>
            </Stack>
            {canEdit && (
              <ConfirmButton size="compact-xs" variant="subtle" color="red" message={t('attachments.deleteConfirm', { name: a.fileName })} onConfirm={() => remove(a.id)}>
                {t('common:actions.delete')}
              </ConfirmButton>
            )}
          </Group>
        ))}
        {list.hasMore && (
          <Button variant="subtle" size="xs" w="fit-content" loading={list.loadingMore} onClick={list.loadMore}>
            {t('common:actions.loadMore')}
          </Button>
        )}
      </Stack>
    </Paper>
  );
}
