import { useState } from 'react';
import { Alert, Anchor, Card, Group, Radio, SegmentedControl, Select, Stack, Table, Text, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { post } from '../../../web/api.js';
import { useAuth } from '../../../web/auth.js';
import { featureErrorMessage } from '../../../web/components/apiErrors.js';
import { ConfirmButton } from '../../../web/components/ConfirmButton.js';
import { ErrorState } from '../../../web/components/ErrorState.js';
import { useFormat } from '../../../web/components/format.js';
import { EmptyState, LoadMore, PageLoader, useListParams } from '../../../web/components/ListControls.js';
import { useCursorList } from '../../../web/components/useCursorList.js';
import { duplicateCriteria, duplicateEntities, type DuplicateEntity, type DuplicateGroup } from '../duplicates.schema.js';

const pathOf: Record<DuplicateEntity, string> = { company: '/companies', contact: '/contacts' };

/** One group: pick the record that stays (the oldest by default) and merge the others into it. */
function GroupCard({ entity, group, onMerged }: { entity: DuplicateEntity; group: DuplicateGroup; onMerged(): void }) {
  const { t } = useTranslation('duplicates');
  const { can } = useAuth();
  const { dateTime } = useFormat();
  const [keep, setKeep] = useState(group.records[0]!.id);
  const [error, setError] = useState<string | null>(null);
  const others = group.records.filter((r) => r.id !== keep);
  const merge = async () => {
    setError(null);
    try {
      for (const r of others) await post(`${pathOf[entity]}/${keep}/merge`, { sourceId: r.id });
      onMerged();
    } catch (err) {
      setError(featureErrorMessage(t, err, entity === 'company' ? 'companies' : 'contacts'));
      onMerged();
    }
  };
  return (
    <Card withBorder padding="sm" data-testid="duplicate-group">
      <Group justify="space-between" mb="xs">
        <Text fw={600}>{group.key}</Text>
        {can(entity, 'merge') && (
          <ConfirmButton size="xs" message={t('confirm', { count: others.length })} confirmLabel={t('merge')} onConfirm={merge} data-testid="duplicate-merge">
            {t('merge')}
          </ConfirmButton>
        )}
      </Group>
      {error && (
        <Alert color="red" mb="xs">
          {error}
        </Alert>
      )}
      <Radio.Group value={keep} onChange={setKeep} aria-label={t('keep')}>
        <Table>
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={70}>{t('keep')}</Table.Th>
              <Table.Th>{t('name')}</Table.Th>
              <Table.Th>{t(`detail.${entity}`)}</Table.Th>
              <Table.Th>{t('owner')}</Table.Th>
              <Table.Th>{t('created')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {group.records.map((r) => (
              <Table.Tr key={r.id}>
                <Table.Td>
                  <Radio value={r.id} aria-label={t('keepThis', { name: r.name })} />
                </Table.Td>
                <Table.Td>
                  <Anchor component={Link} to={`${pathOf[entity]}/${r.id}`}>
                    {r.name}
                  </Anchor>
                </Table.Td>
                <Table.Td>{r.detail ?? ''}</Table.Td>
                <Table.Td>{r.ownerName ?? t('noOwner')}</Table.Td>
                <Table.Td>{dateTime(r.createdAt)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Radio.Group>
    </Card>
  );
}

/** The duplicate finder: companies or contacts sharing an INN, EIK, phone, e-mail or name, with merges. */
export function DuplicatesPage() {
  const { t } = useTranslation('duplicates');
  const { can } = useAuth();
  const qc = useQueryClient();
  const list = useListParams({ entity: can('company', 'read') ? 'company' : 'contact', by: 'inn' });
  const entity = (duplicateEntities as readonly string[]).includes(list.params.entity ?? '') ? (list.params.entity as DuplicateEntity) : 'company';
  const criteria = duplicateCriteria[entity] as readonly string[];
  const by = criteria.includes(list.params.by ?? '') ? list.params.by! : criteria[0]!;
  const rows = useCursorList<DuplicateGroup>({ key: ['duplicates'], path: '/duplicates', query: { entity, by }, limit: 20 });
  const refresh = () => void qc.invalidateQueries({ queryKey: ['duplicates'] });

  return (
    <Stack>
      <Title order={2}>{t('title')}</Title>
      <Text c="dimmed" size="sm">
        {t('intro')}
      </Text>
      <Group gap="sm">
        <SegmentedControl
          value={entity}
          onChange={(v) => list.replace({ entity: v, by: duplicateCriteria[v as DuplicateEntity][0] })}
          data={duplicateEntities.filter((e) => can(e, 'read')).map((e) => ({ value: e, label: t(`entities.${e}`) }))}
          data-testid="duplicates-entity"
        />
        <Select
          w={220}
          aria-label={t('by')}
          value={by}
          allowDeselect={false}
          onChange={(v) => v && list.set('by', v)}
          data={criteria.map((c) => ({ value: c, label: t(`criteria.${c}`) }))}
          data-testid="duplicates-by"
        />
      </Group>
      {rows.error ? (
        <ErrorState error={rows.error} ns="duplicates" />
      ) : rows.isPending ? (
        <PageLoader />
      ) : rows.items.length === 0 ? (
        <EmptyState title={t('none')} text={t('noneHint')} />
      ) : (
        <>
          {rows.items.map((g) => (
            <GroupCard key={`${entity}:${by}:${g.key}`} entity={entity} group={g} onMerged={refresh} />
          ))}
          <LoadMore hasMore={rows.hasMore} loading={rows.loadingMore} onClick={rows.loadMore} label={t('more')} />
        </>
      )}
    </Stack>
  );
}
