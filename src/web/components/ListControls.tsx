import { useState, type ReactNode } from 'react';
import { Button, Center, Loader, Stack, Text, TextInput, Title, type TextInputProps } from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { useSearchParams } from 'react-router';

/**
 * List filters and sort kept in the URL (shareable, survive reload and "back").
 * Returns the current values, a setter for one key and a replace-all for saved views.
 */
export function useListParams(defaults: Record<string, string>) {
  const [sp, setSp] = useSearchParams();
  const params: Record<string, string> = { ...defaults };
  sp.forEach((v, k) => {
    if (v) params[k] = v;
  });
  const write = (next: Record<string, string>) => {
    const clean = Object.entries(next).filter(([k, v]) => v && v !== defaults[k]);
    setSp(new URLSearchParams(clean), { replace: true });
  };
  return {
    params,
    /** filters differing from the defaults (the sort does not count) */
    filtered: Object.entries(params).some(([k, v]) => k !== 'sort' && v !== (defaults[k] ?? '')),
    set: (key: string, value: string | null) => write({ ...params, [key]: value ?? '' }),
    replace: (next: Record<string, string>) => write({ ...defaults, ...next }),
    reset: () => write({ sort: params.sort ?? defaults.sort ?? '' }),
  };
}

type DebouncedProps = Omit<TextInputProps, 'value' | 'onChange'> & { value: string; onCommit(value: string): void; wait?: number };

/** A text input that reports its value after the user pauses typing; follows outside changes of `value`. */
export function DebouncedInput({ value, onCommit, wait = 300, ...props }: DebouncedProps) {
  const [text, setText] = useState(value);
  const [seen, setSeen] = useState(value);
  if (value !== seen) {
    setSeen(value);
    setText(value);
  }
  const commit = useDebouncedCallback((v: string) => {
    setSeen(v.trim());
    onCommit(v.trim());
  }, wait);
  return (
    <TextInput
      {...props}
      value={text}
      onChange={(e) => {
        setText(e.currentTarget.value);
        commit(e.currentTarget.value);
      }}
      onKeyDown={(e) => {
        if (e.key === 'Enter') commit.flush();
      }}
    />
  );
}

export function PageLoader() {
  return (
    <Center py="xl">
      <Loader />
    </Center>
  );
}

/** Empty list: a title, a hint and usually a call to action. */
export function EmptyState({ title, text, action }: { title: string; text?: string; action?: ReactNode }) {
  return (
    <Center py={48} data-testid="empty-state">
      <Stack align="center" gap="xs" maw={420} ta="center">
        <Title order={4}>{title}</Title>
        {text && (
          <Text c="dimmed" size="sm">
            {text}
          </Text>
        )}
        {action}
      </Stack>
    </Center>
  );
}

export function LoadMore({ hasMore, loading, onClick, label }: { hasMore: boolean; loading: boolean; onClick(): void; label: string }) {
  if (!hasMore) return null;
  return (
    <Center>
      <Button variant="default" loading={loading} onClick={onClick} data-testid="load-more">
        {label}
      </Button>
    </Center>
  );
}
