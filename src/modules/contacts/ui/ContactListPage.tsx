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
import { contactSorts, type Contact } from '../contacts.schema.js';
import { CompanyFilter } from './CompanyFilter.js';

const defaults = { sort: 'fullName' };

export function ContactListPage() {
  const { t } = useTranslation('contacts');
  const { can } = useAuth();
  const navigate = useNavigate();
  const list = useListParams(defaults);
  const { params } = list;
  const query = { q: params.q, ownerId: params.ownerId, companyId: params.companyId, tag: params.tag, sort: params.sort };
  const rows = useCursorList<Contact>({ key: ['contacts', 'list'], path: '/contacts', query, keepPrevious: true });

  const newButton = can('contact', 'create') && (
    <Button component={Link} to="/contacts/new" data-testid="contact-new">
      {t('new')}
    </Button>
  );

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>{t('title')}</Title>
        <Group gap="xs">
          <SavedViews entity="contacts" current={params} onApply={list.replace} />
          <Button variant="default" component={Link} to="/duplicates?entity=contact&by=phone" data-testid="contacts-duplicates">
            {t('duplicates:find')}
          </Button>
          {can('contact', 'export') && (
            <ExportMenu path="/contacts/export" params={query} testId="contacts-export" />
          )}
          {newButton}
        </Group>
      </Group>
      <Group gap="xs" align="flex-end">
        <DebouncedInput
          style={{ flex: '1 1 260px' }}
          placeholder={t('searchPlaceholder')}
          aria-label={t('common:actions.search')}
          value={params.q ?? ''}
          onCommit={(q) => list.set('q', q)}
          data-testid="contacts-search"
        />
        <OwnerSelect label={null} placeholder={t('filters.owner')} aria-label={t('filters.owner')} clearable w={180} value={params.ownerId ?? null} onChange={(v) => list.set('ownerId', v)} />
        <CompanyFilter value={params.companyId ?? null} onChange={(v) => list.set('companyId', v)} />
        <DebouncedInput w={140} placeholder={t('filters.tag')} aria-label={t('filters.tag')} value={params.tag ?? ''} onCommit={(v) => list.set('tag', v)} />
        <Select
          w={190}
          aria-label={t('filters.sort')}
          allowDeselect={false}
          value={params.sort}
          data={contactSorts.map((s) => ({ value: s, label: t(`sorts.${s}`) }))}
          onChange={(v) => list.set('sort', v)}
        />
        {list.filtered && (
          <Button variant="subtle" onClick={list.reset}>
            {t('filters.reset')}
          </Button>
        )}
      </Group>
      {rows.error ? (
        <ErrorState error={rows.error} ns="contacts" />
      ) : rows.isPending ? (
        <PageLoader />
      ) : !rows.items.length ? (
        list.filtered ? (
          <EmptyState title={t('noResults.title')} text={t('noResults.text')} action={<Button variant="default" onClick={list.reset}>{t('filters.reset')}</Button>} />
        ) : (
          <EmptyState title={t('empty.title')} text={t('empty.text')} action={can('contact', 'create') && <Button component={Link} to="/contacts/new">{t('empty.action')}</Button>} />
        )
      ) : (
        <Table.ScrollContainer minWidth={320}>
          <Table highlightOnHover verticalSpacing="xs" style={{ opacity: rows.isStale ? 0.6 : 1 }} data-testid="contacts-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('fields.fullName')}</Table.Th>
                <Table.Th visibleFrom="md">{t('fields.position')}</Table.Th>
                <Table.Th>{t('fields.companies')}</Table.Th>
                <Table.Th visibleFrom="sm">{t('fields.phones')}</Table.Th>
                <Table.Th visibleFrom="lg">{t('fields.emails')}</Table.Th>
                <Table.Th visibleFrom="lg">{t('fields.owner')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.items.map((c) => (
                <Table.Tr key={c.id} style={{ cursor: 'pointer' }} onClick={() => navigate(`/contacts/${c.id}`)}>
                  <Table.Td>
                    <Anchor component={Link} to={`/contacts/${c.id}`} fw={500} size="sm" onClick={(e) => e.stopPropagation()}>
                      {c.fullName}
                    </Anchor>
                    {c.tags.length > 0 && (
                      <Group gap={4} mt={2} visibleFrom="sm">
                        {c.tags.slice(0, 3).map((tag) => (
                          <Badge key={tag} size="xs" variant="light">
                            {tag}
                          </Badge>
                        ))}
                      </Group>
                    )}
                  </Table.Td>
                  <Table.Td visibleFrom="md">
                    <Text size="sm">{c.position}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" lineClamp={2}>
                      {[...c.companies].sort((a, b) => Number(b.isPrimary) - Number(a.isPrimary)).map((co) => co.name).join(', ')}
                    </Text>
                  </Table.Td>
                  <Table.Td visibleFrom="sm">
                    <FirstPhone phones={c.phones} />
                  </Table.Td>
                  <Table.Td visibleFrom="lg">
                    <Text size="sm">{c.emails[0]?.email}</Text>
                  </Table.Td>
                  <Table.Td visibleFrom="lg">
                    <Text size="sm">{c.ownerName}</Text>
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
