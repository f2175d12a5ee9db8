import { useEffect, useRef } from 'react';
import { Alert, Anchor, Button, Group, List, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

/**
 * A ref that scrolls its element into view whenever `key` changes to a truthy value: alerts
 * appear at the top of long forms while the user is at the Save button at the bottom.
 */
function useRevealOn<T extends HTMLElement>(key: unknown) {
  const ref = useRef<T>(null);
  useEffect(() => {
    if (key) ref.current?.scrollIntoView({ block: 'nearest' });
  }, [key]);
  return ref;
}

/** The form-level error after a failed save, brought into view. */
export function FormError({ message }: { message: string | null }) {
  const ref = useRevealOn<HTMLDivElement>(message);
  if (!message) return null;
  return (
    <Alert ref={ref} color="red" data-testid="form-error">
      {message}
    </Alert>
  );
}

export interface DuplicateItem {
  id: string;
  name: string;
  /** translated reasons: "same INN", "same phone" */
  reasons: string[];
}

interface DuplicatesProps {
  items: DuplicateItem[];
  hrefOf(id: string): string;
  /** true after the server refused to create: offers "Create anyway" */
  blocking: boolean;
  onCreateAnyway(): void;
  busy?: boolean;
}

/** "Possible duplicates" with links to them; after a 409 also the "Create anyway" button. */
export function DuplicatesAlert({ items, hrefOf, blocking, onCreateAnyway, busy }: DuplicatesProps) {
  const { t } = useTranslation('ui');
  const ref = useRevealOn<HTMLDivElement>(blocking && items.length > 0);
  if (!items.length) return null;
  return (
    <Alert ref={ref} color={blocking ? 'orange' : 'yellow'} title={blocking ? t('duplicates.blockingTitle') : t('duplicates.title')} data-testid="duplicates">
      <Stack gap="xs">
        <List size="sm" spacing={2}>
          {items.map((d) => (
            <List.Item key={d.id}>
              <Anchor component={Link} to={hrefOf(d.id)} target="_blank" size="sm">
                {d.name}
              </Anchor>
              {d.reasons.length > 0 && (
                <Text span size="xs" c="dimmed">
                  {' · '}
                  {d.reasons.join(', ')}
                </Text>
              )}
            </List.Item>
          ))}
        </List>
        {blocking && (
          <Group>
            <Button color="orange" size="xs" loading={busy} onClick={onCreateAnyway} data-testid="create-anyway">
              {t('duplicates.createAnyway')}
            </Button>
          </Group>
        )}
      </Stack>
    </Alert>
  );
}

export interface ConflictChange {
  field: string;
  label: string;
  theirs: string;
}

interface ConflictProps {
  changes: ConflictChange[];
  /** discard my edits and load the saved record */
  onReload(): void;
  /** keep my edits on top of the saved record's version (saving then overwrites) */
  onOverwrite(): void;
}

/** 409 version conflict: what the other person changed, and the two ways out. */
export function VersionConflictAlert({ changes, onReload, onOverwrite }: ConflictProps) {
  const { t } = useTranslation('ui');
  const ref = useRevealOn<HTMLDivElement>(true);
  return (
    <Alert ref={ref} color="red" title={t('conflict.title')} data-testid="version-conflict">
      <Stack gap="xs">
        <Text size="sm">{t('conflict.text')}</Text>
        {changes.length > 0 && (
          <List size="sm" spacing={2}>
            {changes.map((c) => (
              <List.Item key={c.field}>
                <Text span fw={500} size="sm">
                  {c.label}
                </Text>
                {': '}
                {c.theirs || t('history.empty_value')}
              </List.Item>
            ))}
          </List>
        )}
        <Group>
          <Button size="xs" onClick={onReload} data-testid="conflict-reload">
            {t('conflict.reload')}
          </Button>
          <Button size="xs" variant="default" onClick={onOverwrite} data-testid="conflict-overwrite">
            {t('conflict.overwrite')}
          </Button>
        </Group>
      </Stack>
    </Alert>
  );
}
