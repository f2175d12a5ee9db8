import { Anchor, Badge, Button, Collapse, Grid, Group, Select, Stack, Table, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { useAuth } from '../../../web/auth.js';
import { ErrorState } from '../../../web/components/ErrorState.js';
import { DebouncedInput, EmptyState, LoadMore, PageLoader, useListParams } from '../../../web/components/ListControls.js';
import { useCursorList } from '../../../web/components/useCursorList.js';
import { productKinds, productSorts, type Product } from '../products.schema.js';
import { localized, priceTypeName, productsKey, useGroups, useMoney, usePriceTypes, useUnits, vatLabel } from './catalog.js';
import { GroupTree } from './GroupTree.js';
import { KindBadge } from './KindBadge.js';

const defaults = { sort: 'name', active: 'true' };

/** The catalog: group tree on the left (collapsible on narrow screens), products with search and filters. */
export function CatalogPage() {
  const { t, i18n } = useTranslation('products');
  const { can } = useAuth();
  const navigate = useNavigate();
  const money = useMoney();
  const list = useListParams(defaults);
  const { params } = list;
  const query = { ...params, active: params.active === 'all' ? undefined : params.active };
  const rows = useCursorList<Product>({ key: [...productsKey, 'list'], path: '/products', query, keepPrevious: true });
  const [treeOpen, tree] = useDisclosure(false);
  const groups = useGroups();
  const units = new Map((useUnits().data ?? []).map((u) => [u.id, u]));
  const defaultType = (usePriceTypes().data ?? []).find((p) => p.isDefault);
  const groupName = (id: string | null) => groups.data?.find((g) => g.id === id)?.name ?? '';
  const canCreate = can('product', 'create');
  const selectedGroup = params.groupId ?? null;

  const priceOf = (p: Product) => {
    if (p.kind === 'bundle' && p.bundlePriceMode === 'sum_coefficient') return t('list.computed');
    const price = p.prices.find((x) => x.priceTypeId === defaultType?.id);
    return price ? money.format(price.amount, price.currency) : '';
  };

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>{t('title')}</Title>
        <Group gap="xs">
          <Button variant="default" component={Link} to="/catalog/settings" data-testid="catalog-settings">
            {t('settings.title')}
          </Button>
          {canCreate && (
            <Button component={Link} to={`/catalog/new${selectedGroup ? `?groupId=${selectedGroup}` : ''}`} data-testid="product-new">
              {t('new')}
            </Button>
          )}
        </Group>
      </Group>
      <Grid>
        <Grid.Col span={{ base: 12, md: 3 }}>
          <Button variant="default" hiddenFrom="md" fullWidth onClick={tree.toggle} mb="xs" data-testid="groups-toggle">
            {selectedGroup ? groupName(selectedGroup) : t('groups.title')} {treeOpen ? '▴' : '▾'}
          </Button>
          <Collapse in={treeOpen} hiddenFrom="md">
            <GroupTree
              selected={selectedGroup}
              onSelect={(id) => {
                list.set('groupId', id);
                tree.close();
              }}
            />
          </Collapse>
          <Stack visibleFrom="md">
            <GroupTree selected={selectedGroup} onSelect={(id) => list.set('groupId', id)} />
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 9 }}>
          <Stack>
            <Group gap="xs" align="flex-end">
              <DebouncedInput
                style={{ flex: '1 1 240px' }}
                placeholder={t('searchPlaceholder')}
                aria-label={t('common:actions.search')}
                value={params.q ?? ''}
                onCommit={(q) => list.set('q', q)}
                data-testid="products-search"
              />
              <Select
                w={150}
                placeholder={t('fields.kind')}
                aria-label={t('fields.kind')}
                clearable
                value={params.kind ?? null}
                data={productKinds.map((k) => ({ value: k, label: t(`kinds.${k}`) }))}
                onChange={(v) => list.set('kind', v)}
                data-testid="products-kind-filter"
              />
              <Select
                w={150}
                aria-label={t('filters.active')}
                allowDeselect={false}
                value={params.active}
                data={['true', 'false', 'all'].map((v) => ({ value: v, label: t(`filters.activeValues.${v}`) }))}
                onChange={(v) => list.set('active', v)}
              />
              <Select
                w={180}
                aria-label={t('filters.sort')}
                allowDeselect={false}
                value={params.sort}
                data={productSorts.map((s) => ({ value: s, label: t(`sorts.${s}`) }))}
                onChange={(v) => list.set('sort', v)}
              />
              {list.filtered && (
                <Button variant="subtle" onClick={list.reset}>
                  {t('filters.reset')}
                </Button>
              )}
            </Group>
            {rows.error ? (
              <ErrorState error={rows.error} ns="products" />
            ) : rows.isPending ? (
              <PageLoader />
            ) : !rows.items.length ? (
              <EmptyState
                title={list.filtered ? t('noResults.title') : t('empty.title')}
                text={list.filtered ? t('noResults.text') : t('empty.text')}
                action={
                  list.filtered ? (
                    <Button variant="default" onClick={list.reset}>
                      {t('filters.reset')}
                    </Button>
                  ) : (
                    canCreate && (
                      <Button component={Link} to="/catalog/new">
                        {t('empty.action')}
                      </Button>
                    )
                  )
                }
              />
            ) : (
              <Table.ScrollContainer minWidth={320}>
                <Table highlightOnHover verticalSpacing="xs" style={{ opacity: rows.isStale ? 0.6 : 1 }} data-testid="products-table">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>{t('fields.name')}</Table.Th>
                      <Table.Th visibleFrom="sm">{t('fields.kind')}</Table.Th>
                      <Table.Th visibleFrom="lg">{t('fields.group')}</Table.Th>
                      <Table.Th ta="right">{defaultType ? priceTypeName(t, defaultType) : t('fields.price')}</Table.Th>
                      <Table.Th visibleFrom="md">{t('fields.vatRate')}</Table.Th>
                      <Table.Th visibleFrom="md">{t('fields.unit')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {rows.items.map((p) => (
                      <Table.Tr key={p.id} style={{ cursor: 'pointer' }} onClick={() => navigate(`/catalog/${p.id}`)} data-testid="product-row">
                        <Table.Td>
                          <Anchor component={Link} to={`/catalog/${p.id}`} fw={500} size="sm" onClick={(e) => e.stopPropagation()}>
                            {p.name}
                          </Anchor>
                          <Group gap={6}>
                            {p.sku && (
                              <Text size="xs" c="dimmed" ff="monospace">
                                {p.sku}
                              </Text>
                            )}
                            {!p.isActive && (
                              <Badge size="xs" color="gray" variant="outline">
                                {t('inactive')}
                              </Badge>
                            )}
                          </Group>
                        </Table.Td>
                        <Table.Td visibleFrom="sm" style={{ whiteSpace: 'nowrap' }}>
                          <KindBadge kind={p.kind} />
                        </Table.Td>
                        <Table.Td visibleFrom="lg">
                          <Text size="sm">{groupName(p.groupId)}</Text>
                        </Table.Td>
                        <Table.Td ta="right">
                          <Text size="sm" style={{ whiteSpace: 'nowrap' }} c={p.kind === 'bundle' && p.bundlePriceMode === 'sum_coefficient' ? 'dimmed' : undefined}>
                            {priceOf(p)}
                          </Text>
                        </Table.Td>
                        <Table.Td visibleFrom="md">
                          <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
                            {vatLabel(t, p.vatRate)}
                          </Text>
                        </Table.Td>
                        <Table.Td visibleFrom="md">
                          <Text size="sm">{p.unitId && units.get(p.unitId) ? localized(units.get(p.unitId)!.shorts, i18n.language) : ''}</Text>
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
            )}
            <LoadMore hasMore={rows.hasMore} loading={rows.loadingMore} onClick={rows.loadMore} label={t('common:actions.loadMore')} />
          </Stack>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
