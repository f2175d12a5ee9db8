import { Anchor, Code } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { get } from '../api.js';
import { valueText } from './formRows.js';
import { useUsers } from './OwnerSelect.js';

/**
 * How the values of one audited field read in the history:
 * - `record`: the id of another record (a string, or an object with `idKey`), shown as a link with its name;
 * - `user`: a user id, shown as the user's name;
 * - `enum`: a stable code translated under `prefix` (e.g. 'companies:statuses');
 * - `label`: an id the page can name itself (a pipeline stage, a lost reason); an id it no longer knows reads as deleted.
 * A list of ids (`record`, `label`) shows each of them.
 */
export type AuditFormat =
  | { kind: 'record'; path: string; idKey?: string }
  | { kind: 'user' }
  | { kind: 'enum'; prefix: string }
  | { kind: 'label'; of(id: string): string | undefined };

/** Audit values are text or JSON; lists of phones/e-mails/addresses read as their main text. */
function parseAuditValue(value: string): unknown {
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

/** A link to a record by id, named once the record loads; a deleted or hidden record shows its recorded name or id. */
function RecordLink({ path, id, recordedName }: { path: string; id: string; recordedName?: string }) {
  const q = useQuery({
    queryKey: [path.slice(1), id],
    queryFn: () => get<{ name?: string; fullName?: string }>(`${path}/${id}`),
    retry: false,
    staleTime: 60_000,
  });
  const name = q.data?.fullName ?? q.data?.name;
  if (!name) return <Code>{recordedName ?? id}</Code>;
  return (
    <Anchor component={Link} to={`${path}/${id}`} size="xs">
      {name}
    </Anchor>
  );
}

function UserName({ id }: { id: string }) {
  const users = useUsers();
  return <Code>{users.data?.find((u) => u.id === id)?.name ?? id}</Code>;
}

/** One side (old or new) of an audited change, formatted by the field's `format`. */
export function AuditValue({ value, format, strike = false }: { value: string | null; format?: AuditFormat; strike?: boolean }) {
  const { t } = useTranslation('ui');
  const style = strike ? { textDecoration: 'line-through' } : undefined;
  if (value === null) return <Code c="dimmed">{t('history.empty_value')}</Code>;
  const parsed = parseAuditValue(value);
  if (format?.kind === 'enum' && typeof parsed === 'string') return <Code style={style}>{t(`${format.prefix}.${parsed}`, { defaultValue: parsed })}</Code>;
  if (format?.kind === 'user' && typeof parsed === 'string') return <UserName id={parsed} />;
  if (format?.kind === 'label' && typeof parsed === 'string') return <Code style={style}>{format.of(parsed) ?? t('history.deleted_value')}</Code>;
  if ((format?.kind === 'label' || format?.kind === 'record') && Array.isArray(parsed) && parsed.length && parsed.every((x) => typeof x === 'string')) {
    return (
      <span style={style}>
        {parsed.map((id, i) => (
          <span key={id}>
            {i > 0 && ', '}
            <AuditValue value={JSON.stringify(id)} format={format} />
          </span>
        ))}
      </span>
    );
  }
  if (format?.kind === 'record') {
    if (typeof parsed === 'string') return <RecordLink path={format.path} id={parsed} />;
    if (format.idKey && parsed && typeof parsed === 'object') {
      const { [format.idKey]: id, name, ...rest } = parsed as Record<string, unknown>;
      const extra = Object.entries(rest)
        .map(([k, v]) => (v === true ? t(`history.fields.${k}`, { defaultValue: k }) : typeof v === 'string' ? v : ''))
        .filter(Boolean);
      return (
        <span style={style}>
          {typeof id === 'string' && <RecordLink path={format.path} id={id} recordedName={typeof name === 'string' ? name : undefined} />}
          {extra.length > 0 && <Code ml={6}>{extra.join(' · ')}</Code>}
        </span>
      );
    }
  }
  return (
    <Code c={strike ? 'dimmed' : undefined} style={style}>
      {valueText(parsed)}
    </Code>
  );
}
