import { Anchor, Badge, Button, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorState } from '../../../web/components/ErrorState.js';
import { EmptyState, LoadMore, PageLoader } from '../../../web/components/ListControls.js';
import { useFormat } from '../../../web/components/format.js';
import { useCursorList } from '../../../web/components/useCursorList.js';
import type { ImportJob } from '../imports.schema.js';
import { StatusBadge } from './StatusBadge.js';

/** My imports, newest first. */
export function ImportListPage() {
  const { t } = useTranslation('imports');
  const fmt = useFormat();
  const rows = useCursorList<ImportJob>({ key: ['imports', 'list'], path: '/imports' });
  const newButton = (
    <Button component={Link} to="/imports/new" data-testid="import-new">
      {t('new')}
    </Button>
  );
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>{t('title')}</Title>
        {newButton}
      </Group>
      {rows.error ? (
        <ErrorState error={rows.error} ns="imports" />
      ) : rows.isPending ? (
        <PageLoader />
      ) : !rows.items.length ? (
        <EmptyState title={t('empty.title')} text={t('empty.text')} action={newButton} />
      ) : (
        <>
          <Table.ScrollContainer minWidth={640}>
            <Table striped highlightOnHover data-testid="imports-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('columns.file')}</Table.Th>
                  <Table.Th>{t('columns.entity')}</Table.Th>
                  <Table.Th>{t('columns.status')}</Table.Th>
                  <Table.Th ta="right">{t('columns.rows')}</Table.Th>
                  <Table.Th ta="right">{t('columns.errors')}</Table.Th>
                  <Table.Th>{t('columns.created')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.items.map((j) => (
                  <Table.Tr key={j.id}>
                    <Table.Td>
                      <Anchor component={Link} to={`/imports/${j.id}`}>
                        {j.fileName}
                      </Anchor>
                      {j.dryRun && (
                        <Badge ml="xs" variant="light" color="gray">
                          {t('columns.dryRun')}
                        </Badge>
                      )}
                    </Table.Td>
                    <Table.Td>{t(`entities.${j.entity}`)}</Table.Td>
                    <Table.Td>
                      <StatusBadge status={j.status} />
                    </Table.Td>
                    <Table.Td ta="right">{j.rowsDone.toLocaleString()}</Table.Td>
                    <Table.Td ta="right">
                      <Text c={j.rowsErrors ? 'red' : undefined} size="sm">
                        {j.rowsErrors.toLocaleString()}
                      </Text>
                    </Table.Td>
                    <Table.Td>{fmt.dateTime(j.createdAt)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          <LoadMore hasMore={rows.hasMore} loading={rows.loadingMore} onClick={rows.loadMore} label={t('common:actions.loadMore')} />
        </>
      )}
    </Stack>
  );
}
