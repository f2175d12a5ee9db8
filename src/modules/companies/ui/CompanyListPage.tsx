import { Anchor, Badge, Button, Group, Select, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { ExportMenu } from '../../exports/ui/ExportMenu.js';
import { useAuth } from '../../../web/auth.js';
import { FirstPhone } from '../../../web/components/ContactPointsView.js';
import { ErrorState } from '../../../web/components/ErrorState.js';
import { DebouncedInput, EmptyState, LoadMore, PageLoader, useListParams } from '../../../web/components/ListControls.js';
import { OwnerSelect } from '../../../web/components/OwnerSelect.js';
import { SavedViews } from '../../../web/components/SavedViews.js';
import { useCursorList } from '../../../web/components/useCursorList.js';
import { companySorts, companyStatuses, type Company } from '../companies.schema.js';
import { MoreFilters } from './MoreFilters.js';
import { StatusBadge } from './StatusBadge.js';

const defaults = { sort: 'name' };

export function CompanyListPage() {
  const { t } = useTranslation('companies');
  const { t: ts } = useTranslation('segments');
  const { can } = useAuth();
  const navigate = useNavigate();
  const list = useListParams(defaults);
  const { params } = list;
  const rows = useCursorList<Company>({ key: ['companies', 'list'], path: '/companies', query: params, keepPrevious: true });
  const canCreate = can('company', 'create');

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>{t('title')}</Title>
        <Group gap="xs">
          <SavedViews entity="companies" current={params} onApply={list.replace} />
          {can('company', 'export') && (
            <ExportMenu path="/companies/export" params={params} testId="companies-export" />
          )}
          {canCreate && (
            <Button component={Link} to="/companies/new" data-testid="company-new">
              {t('new')}
            </Button>
          )}
        </Group>
      </Group>
      <Group gap="xs" align="flex-end">
        <DebouncedInput
          style={{ flex: '1 1 260px' }}
          placeholder={t('searchPlaceholder')}
          aria-label={t('common:actions.search')}
          value={params.q ?? ''}
          onCommit={(q) => list.set('q', q)}
          data-testid="companies-search"
        />
        <Select
          w={160}
          placeholder={t('filters.status')}
          aria-label={t('filters.status')}
          clearable
          value={params.status ?? null}
          data={companyStatuses.map((s) => ({ value: s, label: t(`statuses.${s}`) }))}
          data-testid="companies-status-filter"
          onChange={(v) => list.set('status', v)}
        />
        <OwnerSelect label={null} placeholder={t('filters.owner')} aria-label={t('filters.owner')} clearable w={180} value={params.ownerId ?? null} onChange={(v) => list.set('ownerId', v)} />
        <DebouncedInput w={130} placeholder={t('filters.tag')} aria-label={t('filters.tag')} value={params.tag ?? ''} onCommit={(v) => list.set('tag', v)} />
        <DebouncedInput w={150} placeholder={t('filters.industry')} aria-label={t('filters.industry')} value={params.industry ?? ''} onCommit={(v) => list.set('industry', v)} />
        <DebouncedInput w={130} placeholder={t('filters.city')} aria-label={t('filters.city')} value={params.city ?? ''} onCommit={(v) => list.set('city', v)} />
        {(['abc', 'xyz'] as const).map((k) => (
          <Select
            key={k}
            w={110}
            placeholder={ts(`filter.${k}`)}
            aria-label={ts(`filter.${k}`)}
            clearable
            value={params[k] ?? null}
            data={(k === 'abc' ? ['A', 'B', 'C'] : ['X', 'Y', 'Z']).map((v) => ({ value: v, label: ts('filter.class', { cls: v }) }))}
            data-testid={`companies-${k}-filter`}
            onChange={(v) => list.set(k, v)}
          />
        ))}
        <MoreFilters params={params} set={list.set} />
        <Select
          w={190}
          aria-label={t('filters.sort')}
          allowDeselect={false}
          value={params.sort}
          data={companySorts.map((s) => ({ value: s, label: t(`sorts.${s}`) }))}
          onChange={(v) => list.set('sort', v)}
        />
        {list.filtered && (
          <Button variant="subtle" onClick={list.reset}>
            {t('filters.reset')}
          </Button>
        )}
      </Group>
      {rows.error ? (
        <ErrorState error={rows.error} ns="companies" />
      ) : rows.isPending ? (
        <PageLoader />
      ) : !rows.items.length ? (
        list.filtered ? (
          <EmptyState title={t('noResults.title')} text={t('noResults.text')} action={<Button variant="default" onClick={list.reset}>{t('filters.reset')}</Button>} />
        ) : (
          <EmptyState title={t('empty.title')} text={t('empty.text')} action={canCreate && <Button component={Link} to="/companies/new">{t('empty.action')}</Button>} />
        )
      ) : (
        <Table.ScrollContainer minWidth={320}>
          <Table highlightOnHover verticalSpacing="xs" style={{ opacity: rows.isStale ? 0.6 : 1 }} data-testid="companies-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('fields.name')}</Table.Th>
                <Table.Th visibleFrom="lg">{t('fields.legalForm')}</Table.Th>
                <Table.Th visibleFrom="sm">{t('fields.taxId')}</Table.Th>
                <Table.Th>{t('fields.status')}</Table.Th>
                <Table.Th visibleFrom="sm">{t('fields.city')}</Table.Th>
                <Table.Th visibleFrom="lg">{t('fields.owner')}</Table.Th>
                <Table.Th visibleFrom="md">{t('fields.phone')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.items.map((c) => (
                <Table.Tr key={c.id} style={{ cursor: 'pointer' }} onClick={() => navigate(`/companies/${c.id}`)} data-testid="company-row">
                  <Table.Td>
                    <Anchor component={Link} to={`/companies/${c.id}`} fw={500} size="sm" onClick={(e) => e.stopPropagation()} data-testid="company-row-name">
                      {c.name}
                    </Anchor>
                    {c.tags.length > 0 && (
                      <Group gap={4} mt={2} visibleFrom="sm">
                        {c.tags.slice(0, 3).map((tag) => (
                          <Badge key={tag} size="xs" variant="light" color="gray">
                            {tag}
                          </Badge>
                        ))}
                      </Group>
                    )}
                  </Table.Td>
                  <Table.Td visibleFrom="lg">
                    <Text size="sm">{c.legalForm}</Text>
                  </Table.Td>
                  <Table.Td visibleFrom="sm">
                    <Text size="sm" ff="monospace">
                      {c.inn ?? c.eik}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <StatusBadge status={c.status} since={c.statusChangedAt} />
                  </Table.Td>
                  <Table.Td visibleFrom="sm">
                    <Text size="sm">{c.city}</Text>
                  </Table.Td>
                  <Table.Td visibleFrom="lg">
                    <Text size="sm">{c.ownerName}</Text>
                  </Table.Td>
                  <Table.Td visibleFrom="md">
                    <FirstPhone phones={c.phones} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <LoadMore hasMore={rows.hasMore} loading={rows.loadingMore} onClick={rows.loadMore} label={t('common:actions.loadMore')} />
    </Stack>
  );
}
