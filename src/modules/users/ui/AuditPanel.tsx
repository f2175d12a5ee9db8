import { useState } from 'react';
import { Alert, Anchor, Badge, Button, Center, Code, Group, Loader, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { AuditEntry } from '../../audit/audit.schema.js';
import type { UserDto } from '../users.schema.js';
import { get } from '../../../web/api.js';
import { featureErrorMessage, featureFieldErrors } from '../../../web/components/apiErrors.js';
import { useFormat } from '../../../web/components/format.js';
import { useCursorList } from '../../../web/components/useCursorList.js';
import { adminKeys, roleLabel, useDepartments, useRoles } from './queries.js';

const entities = ['company', 'contact', 'user', 'department', 'role', 'custom_field', 'api_token', 'settings'] as const;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const actionColors: Record<string, string> = { create: 'green', update: 'blue', delete: 'red', merge: 'grape', revoke: 'orange' };

/** Rows written by one mutation (same request, record and action) shown together: one event, its field changes. */
function groupEvents(rows: AuditEntry[]): AuditEntry[][] {
  const same = (a: AuditEntry, b: AuditEntry) =>
    a.entity === b.entity && a.entityId === b.entityId && a.action === b.action && a.userId === b.userId && (a.requestId ? a.requestId === b.requestId : a.at === b.at);
  const out: AuditEntry[][] = [];
  for (const r of rows) {
    const last = out[out.length - 1];
    if (last && same(last[0]!, r)) last.push(r);
    else out.push([r]);
  }
  return out;
}

/** The change log: who changed what and when, newest first, filtered by object, record and user. */
export function AuditPanel() {
  const { t } = useTranslation('admin');
  const fmt = useFormat();
  const [entity, setEntity] = useState<string | null>(null);
  const [entityId, setEntityId] = useState('');
  const [userId, setUserId] = useState<string | null>(null);
  const [debouncedId] = useDebouncedValue(entityId.trim(), 300);
  const idValid = !debouncedId || UUID.test(debouncedId);
  const users = useQuery({
    queryKey: [...adminKeys.users, 'all'],
    queryFn: async () => (await get<{ items: UserDto[] }>('/users', { limit: 500 })).items,
  });
  const list = useCursorList<AuditEntry>({ key: adminKeys.audit, path: '/audit', query: { entity, entityId: idValid ? debouncedId : null, userId }, keepPrevious: true });
  const idError = idValid ? featureFieldErrors(t, list.error, 'admin').entityId : t('audit.entityIdInvalid');
  const filtered = !!(entity || (idValid && debouncedId) || userId);
  const entityLabel = (e: string) => t(`audit.entities.${e}`, { defaultValue: e });
  const departments = useDepartments();
  const roles = useRoles();
  /** Ids of departments and role keys read better as names. */
  const shown = (field: string | null, value: string | null) => {
    if (value === null) return null;
    if (field === 'departmentId' || field === 'parentId') return departments.data?.find((d) => d.id === value)?.name ?? value;
    if (field === 'role' || field === 'roleKey') {
      const role = roles.data?.find((r) => r.key === value);
      return role ? roleLabel(t, role.key, role.name) : value;
    }
    return value;
  };

  return (
    <Stack>
      <Group align="start" wrap="wrap">
        <Select
          label={t('audit.entity')}
          placeholder={t('audit.anyEntity')}
          clearable
          data-testid="audit-filter-entity"
          value={entity}
          onChange={setEntity}
          data={entities.map((e) => ({ value: e, label: entityLabel(e) }))}
          w={200}
        />
        <TextInput
          label={t('audit.entityId')}
          placeholder={t('audit.entityIdHint')}
          data-testid="audit-filter-entity-id"
          value={entityId}
          error={idError}
          onChange={(e) => setEntityId(e.currentTarget.value)}
          style={{ flex: '1 1 300px' }}
        />
        <Select
          label={t('audit.who')}
          placeholder={t('audit.anyUser')}
          clearable
          searchable
          data-testid="audit-filter-user"
          value={userId}
          onChange={setUserId}
          data={(users.data ?? []).map((u) => ({ value: u.id, label: u.name }))}
          w={220}
        />
      </Group>

      {list.error && !idError ? (
        <Alert color="red">{featureErrorMessage(t, list.error, 'admin')}</Alert>
      ) : list.isPending ? (
        <Center p="xl">
          <Loader />
        </Center>
      ) : list.items.length === 0 ? (
        <Text c="dimmed" ta="center" p="xl" data-testid="audit-empty">
          {filtered ? t('audit.noMatch') : t('audit.empty')}
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={900}>
          <Table striped data-testid="audit-table" verticalSpacing="xs">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('audit.when')}</Table.Th>
                <Table.Th>{t('audit.who')}</Table.Th>
                <Table.Th>{t('audit.entity')}</Table.Th>
                <Table.Th>{t('audit.action')}</Table.Th>
                <Table.Th>{t('audit.change')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {groupEvents(list.items).map((rows) => {
                const a = rows[0]!;
                const changes = rows.filter((r) => r.field);
                return (
                  <Table.Tr key={a.id}>
                    <Table.Td style={{ whiteSpace: 'nowrap', verticalAlign: 'top' }}>{fmt.dateTime(a.at)}</Table.Td>
                    <Table.Td style={{ verticalAlign: 'top' }}>
                      {a.userId ? (a.userName ?? a.userId) : <Text c="dimmed" size="sm">{t('audit.system')}</Text>}
                    </Table.Td>
                    <Table.Td style={{ verticalAlign: 'top' }}>
                      <Text size="sm">{entityLabel(a.entity)}</Text>
                      <Anchor component="button" type="button" size="xs" ff="monospace" c="dimmed" title={a.entityId} onClick={() => setEntityId(a.entityId)}>
                        {a.entityId.slice(-12)}
                      </Anchor>
                    </Table.Td>
                    <Table.Td style={{ verticalAlign: 'top' }}>
                      <Badge variant="light" color={actionColors[a.action] ?? 'gray'}>
                        {t(`audit.actions.${a.action}`, { defaultValue: a.action })}
                      </Badge>
                    </Table.Td>
                    <Table.Td style={{ wordBreak: 'break-word' }}>
                      <Stack gap={2}>
                        {changes.map((c) => (
                          <Text size="sm" key={c.id}>
                            <Code>{c.field}</Code>{' '}
                            {c.oldValue !== null && (
                              <Text span td="line-through" c="dimmed" size="sm">
                                {shown(c.field, c.oldValue)}
                              </Text>
                            )}
                            {c.oldValue !== null && c.newValue !== null && ' → '}
                            {shown(c.field, c.newValue)}
                          </Text>
                        ))}
                      </Stack>
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {list.hasMore && (
        <Button variant="default" onClick={list.loadMore} loading={list.loadingMore} w="fit-content" mx="auto" data-testid="audit-load-more">
          {t('common:actions.loadMore')}
        </Button>
      )}
    </Stack>
  );
}
