import { Anchor, Button, Group, Select, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useAuth } from '../../../web/auth.js';
import { ErrorState } from '../../../web/components/ErrorState.js';
import { EmptyState, LoadMore, PageLoader, useListParams } from '../../../web/components/ListControls.js';
import { useCursorList } from '../../../web/components/useCursorList.js';
import { activitySorts, type Activity } from '../activities.schema.js';
import { activityName, activityPaths } from './activitiesApi.js';
import { ActivityFilters, defaultFilters, queryOf } from './ActivityFilters.js';
import { ActivityBadges, ActivityWhen, TypeBadge, useActivityDialogs } from './ActivityParts.js';

/** All activities the user may see: filters in the URL, keyset "load more", complete and edit in place. */
export function ActivitiesPage() {
  const { t } = useTranslation('activities');
  const { can } = useAuth();
  const list = useListParams(defaultFilters);
  const { params } = list;
  const rows = useCursorList<Activity>({ key: ['activities', 'list'], path: activityPaths.list, query: queryOf(params), keepPrevious: true });
  const dialogs = useActivityDialogs();
  const canUpdate = can('activity', 'update');

  return (
    <Stack gap="sm">
      <Group justify="space-between">
        <Title order={2}>{t('title')}</Title>
        <Group gap="xs">
          <Select
            size="xs"
            w={220}
            aria-label={t('list.sort')}
            allowDeselect={false}
            value={params.sort ?? defaultFilters.sort}
            data={activitySorts.map((s) => ({ value: s, label: t(`list.sorts.${s}`) }))}
            onChange={(v) => v && list.set('sort', v)}
            data-testid="activities-sort"
          />
          {can('activity', 'create') && (
            <Button onClick={() => dialogs.plan()} data-testid="activity-new">
              {t('record.plan')}
            </Button>
          )}
        </Group>
      </Group>
      <ActivityFilters params={params} set={list.set} reset={list.reset} filtered={list.filtered} />
      {rows.error ? (
        <ErrorState error={rows.error} ns="activities" />
      ) : rows.isPending ? (
        <PageLoader />
      ) : !rows.items.length ? (
        <EmptyState title={list.filtered ? t('noResults.title') : t('empty.title')} text={list.filtered ? t('noResults.text') : t('empty.text')} />
      ) : (
        <Table.ScrollContainer minWidth={760}>
          <Table highlightOnHover verticalSpacing="xs" style={{ opacity: rows.isStale ? 0.6 : 1 }} data-testid="activities-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('list.when')}</Table.Th>
                <Table.Th>{t('list.what')}</Table.Th>
                <Table.Th>{t('list.who')}</Table.Th>
                <Table.Th>{t('fields.ownerId')}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.items.map((a) => (
                <Table.Tr key={a.id} data-testid="activity-row">
                  <Table.Td>
                    <Stack gap={4}>
                      <ActivityWhen activity={a} />
                      <ActivityBadges activity={a} />
                    </Stack>
                  </Table.Td>
                  <Table.Td>
                    <Stack gap={4}>
                      <TypeBadge activity={a} />
                      <Anchor component={Link} to={`/activities/${a.id}`} size="sm" fw={500} lineClamp={2}>
                        {activityName(t, a)}
                      </Anchor>
                      {a.result && (
                        <Text size="xs" c="dimmed" lineClamp={2}>
                          {a.result}
                        </Text>
                      )}
                    </Stack>
                  </Table.Td>
                  <Table.Td>
                    <Stack gap={2}>
                      {a.companyId && (
                        <Anchor component={Link} to={`/companies/${a.companyId}`} size="sm">
                          {a.companyName}
                        </Anchor>
                      )}
                      {a.contacts.length > 0 && <Text size="xs">{a.contacts.map((c) => c.fullName).join(', ')}</Text>}
                      {a.dealId && (
                        <Anchor component={Link} to={`/deals/${a.dealId}`} size="xs" c="dimmed">
                          {a.dealTitle}
                        </Anchor>
                      )}
                    </Stack>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{a.ownerName}</Text>
                  </Table.Td>
                  <Table.Td ta="right">
                    {canUpdate && (
                      <Group gap={4} justify="flex-end" wrap="nowrap">
                        {a.status === 'open' && (
                          <Button size="compact-xs" variant="light" color="green" onClick={() => dialogs.complete(a)} data-testid="activity-complete">
                            {t('complete.action')}
                          </Button>
                        )}
                        <Button size="compact-xs" variant="subtle" onClick={() => dialogs.edit(a)}>
                          {t('common:actions.edit')}
                        </Button>
                      </Group>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <LoadMore hasMore={rows.hasMore} loading={rows.loadingMore} onClick={rows.loadMore} label={t('common:actions.loadMore')} />
      {dialogs.dialogs}
    </Stack>
  );
}
