import { useState } from 'react';
import { Checkbox, CloseButton, Group, Stack, Text, TextInput, UnstyledButton } from '@mantine/core';
import { useTranslation } from 'react-i18next';

export interface EditableItem {
  /** the server's id; a new item of an unsaved form has a local key only */
  id?: string;
  key: string;
  text: string;
  done: boolean;
}

interface Props {
  items: EditableItem[];
  disabled?: boolean;
  onToggle(item: EditableItem, done: boolean): void;
  onRename(item: EditableItem, text: string): void;
  onRemove(item: EditableItem): void;
  onAdd(text: string): void;
}

/** One item: tick it, click its text to edit (Enter saves, Esc cancels), remove it. */
function ItemRow({ item, disabled, onToggle, onRename, onRemove }: Omit<Props, 'items' | 'onAdd'> & { item: EditableItem }) {
  const { t } = useTranslation('tasks');
  const [editing, setEditing] = useState<string | null>(null);
  const commit = () => {
    if (editing !== null && editing.trim() && editing.trim() !== item.text) onRename(item, editing.trim());
    setEditing(null);
  };
  return (
    <Group gap={6} wrap="nowrap" data-testid="checklist-item">
      <Checkbox checked={item.done} disabled={disabled} aria-label={item.text} onChange={(e) => onToggle(item, e.currentTarget.checked)} data-testid="checklist-toggle" />
      {editing !== null ? (
        <TextInput
          size="xs"
          style={{ flex: 1 }}
          autoFocus
          aria-label={t('checklist.edit')}
          value={editing}
          onChange={(e) => setEditing(e.currentTarget.value)}
          onBlur={commit}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              commit();
            }
            if (e.key === 'Escape') {
              e.stopPropagation();
              setEditing(null);
            }
          }}
        />
      ) : (
        <UnstyledButton style={{ flex: 1, minWidth: 0 }} disabled={disabled} onClick={() => setEditing(item.text)} aria-label={t('checklist.edit')}>
          <Text size="sm" td={item.done ? 'line-through' : undefined} c={item.done ? 'dimmed' : undefined} style={{ overflowWrap: 'anywhere' }} data-testid="checklist-text">
            {item.text}
          </Text>
        </UnstyledButton>
      )}
      {!disabled && <CloseButton size="sm" aria-label={t('checklist.remove')} onClick={() => onRemove(item)} />}
    </Group>
  );
}

/** A checklist edited in place: tick, rename, remove, and a field that adds an item on Enter. */
export function ChecklistEditor({ items, disabled = false, onAdd, ...handlers }: Props) {
  const { t } = useTranslation('tasks');
  const [text, setText] = useState('');
  const add = () => {
    if (!text.trim()) return;
    onAdd(text.trim());
    setText('');
  };
  return (
    <Stack gap={4} data-testid="checklist">
      {items.map((item) => (
        <ItemRow key={item.key} item={item} disabled={disabled} {...handlers} />
      ))}
      {!disabled && (
        <TextInput
          size="xs"
          placeholder={t('checklist.addPlaceholder')}
          aria-label={t('checklist.add')}
          value={text}
          onChange={(e) => setText(e.currentTarget.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              add();
            }
          }}
          onBlur={add}
          data-testid="checklist-add"
        />
      )}
    </Stack>
  );
}
