import { Anchor, Badge, Breadcrumbs, Button, Grid, Group, Stack, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { del, get } from '../../../web/api.js';
import { useAuth } from '../../../web/auth.js';
import { featureErrorMessage } from '../../../web/components/apiErrors.js';
import { FieldRow, Section } from '../../../web/components/CardParts.js';
import { ConfirmButton } from '../../../web/components/ConfirmButton.js';
import { CustomFieldValues } from '../../../web/components/CustomFields.js';
import { ErrorState } from '../../../web/components/ErrorState.js';
import { HistoryTimeline } from '../../../web/components/HistoryTimeline.js';
import { PageLoader } from '../../../web/components/ListControls.js';
import type { PriceResult, Product } from '../products.schema.js';
import { localized, priceTypeName, productsKey, useDecimal, useGroups, useMoney, usePriceTypes, useUnits, vatLabel } from './catalog.js';
import { KindBadge } from './KindBadge.js';

/** A product, service or bundle: prices per price type, bundle composition, costs, lead times, attributes, history. */
export function ProductCardPage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation('products');
  const { can } = useAuth();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const money = useMoney();
  const decimal = useDecimal();
  const q = useQuery({ queryKey: [...productsKey, id], queryFn: () => get<Product>(`/products/${id}`) });
  const computed = useQuery({
    queryKey: [...productsKey, id, 'price'],
    queryFn: () => get<PriceResult>(`/products/${id}/price`),
    enabled: q.data?.kind === 'bundle' && q.data.bundlePriceMode === 'sum_coefficient' && q.data.isActive,
    retry: false,
  });
  const types = usePriceTypes().data ?? [];
  const groups = useGroups().data ?? [];
  const units = useUnits().data ?? [];
  if (q.error) return <ErrorState error={q.error} ns="products" backTo="/catalog" />;
  if (!q.data) return <PageLoader />;
  const p = q.data;
  const unit = units.find((u) => u.id === p.unitId);
  const group = groups.find((g) => g.id === p.groupId);

  const remove = async () => {
    try {
      await del(`/products/${p.id}`);
      qc.removeQueries({ queryKey: [...productsKey, p.id] });
      await qc.invalidateQueries({ queryKey: productsKey });
      notifications.show({ color: 'green', message: t('deleted') });
      navigate('/catalog');
    } catch (err) {
      notifications.show({ color: 'red', message: featureErrorMessage(t, err, 'products') });
    }
  };

  return (
    <Stack>
      <Breadcrumbs>
        <Anchor component={Link} to="/catalog" size="sm">
          {t('title')}
        </Anchor>
        {group && (
          <Anchor component={Link} to={`/catalog?groupId=${group.id}`} size="sm">
            {group.name}
          </Anchor>
        )}
        <Text size="sm">{p.name}</Text>
      </Breadcrumbs>
      <Group justify="space-between" align="flex-start">
        <Stack gap={6}>
          <Title order={2} data-testid="product-title">
            {p.name}
          </Title>
          <Group gap="xs">
            <KindBadge kind={p.kind} />
            {p.sku && <Badge variant="outline" color="gray">{p.sku}</Badge>}
            {!p.isActive && <Badge color="gray">{t('inactive')}</Badge>}
          </Group>
        </Stack>
        <Group gap="xs">
          {can('product', 'update') && (
            <Button component={Link} to={`/catalog/${p.id}/edit`} data-testid="product-edit">
              {t('common:actions.edit')}
            </Button>
          )}
          {can('product', 'delete') && (
            <ConfirmButton variant="default" color="red" message={t('deleteConfirm', { name: p.name })} confirmLabel={t('common:actions.delete')} onConfirm={remove} data-testid="product-delete">
              {t('common:actions.delete')}
            </ConfirmButton>
          )}
        </Group>
      </Group>
      <Grid>
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Stack>
            <Section title={t('sections.prices')} testId="product-prices">
              {p.kind === 'bundle' && p.bundlePriceMode === 'sum_coefficient' ? (
                <FieldRow label={t('bundle.computedPrice')} always>
                  {computed.data ? money.format(computed.data.unitPrice, computed.data.currency) : computed.error ? featureErrorMessage(t, computed.error, 'products') : '…'}
                  <Text size="xs" c="dimmed">
                    {t('bundle.sumTimes', { coefficient: decimal(p.bundleCoefficient ?? 1, 4) })}
                  </Text>
                </FieldRow>
              ) : (
                types.map((type) => {
                  const price = p.prices.find((x) => x.priceTypeId === type.id);
                  return (
                    <FieldRow key={type.id} label={priceTypeName(t, type)} always>
                      {price ? money.format(price.amount, price.currency) : <Text size="sm" c="dimmed">{t('noPrice')}</Text>}
                    </FieldRow>
                  );
                })
              )}
              <FieldRow label={t('fields.vatRate')} always>
                {vatLabel(t, p.vatRate)}
              </FieldRow>
              <FieldRow label={t('fields.unit')}>{unit && `${localized(unit.names, i18n.language)}${unit.okei ? ` (${t('units.okei')} ${unit.okei})` : ''}`}</FieldRow>
            </Section>
            {p.kind === 'bundle' && (
              <Section title={t('sections.bundle')} testId="product-components">
                <Table>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>{t('bundle.component')}</Table.Th>
                      <Table.Th ta="right">{t('bundle.quantity')}</Table.Th>
                      {computed.data?.components && <Table.Th ta="right">{t('fields.price')}</Table.Th>}
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {p.components.map((c) => {
                      const priced = computed.data?.components?.find((x) => x.productId === c.productId);
                      return (
                        <Table.Tr key={c.productId}>
                          <Table.Td>
                            <Anchor component={Link} to={`/catalog/${c.productId}`} size="sm">
                              {c.name}
                            </Anchor>
                            {!c.isActive && <Badge ml="xs" size="xs" color="gray">{t('inactive')}</Badge>}
                          </Table.Td>
                          <Table.Td ta="right">{decimal(c.quantity, 3)}</Table.Td>
                          {computed.data?.components && <Table.Td ta="right">{priced?.unitPrice != null ? money.format(priced.unitPrice, computed.data.currency) : '—'}</Table.Td>}
                        </Table.Tr>
                      );
                    })}
                  </Table.Tbody>
                </Table>
              </Section>
            )}
            {[p.purchaseCost, p.maintenanceCost, p.leadDaysReady, p.leadDaysDelivery].some((x) => x !== null) && (
              <Section title={t('sections.costs')}>
                <FieldRow label={t('fields.purchaseCost')}>{p.costCurrency && money.format(p.purchaseCost, p.costCurrency)}</FieldRow>
                <FieldRow label={t('fields.maintenanceCost')}>
                  {p.costCurrency && p.maintenanceCost !== null && `${money.format(p.maintenanceCost, p.costCurrency)} / ${t(`periods.${p.maintenancePeriod ?? 'month'}`)}`}
                </FieldRow>
                <FieldRow label={t('fields.leadDaysReady')}>{p.leadDaysReady !== null && t('days', { count: p.leadDaysReady })}</FieldRow>
                <FieldRow label={t('fields.leadDaysDelivery')}>{p.leadDaysDelivery !== null && t('days', { count: p.leadDaysDelivery })}</FieldRow>
              </Section>
            )}
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Stack>
            <Section title={t('sections.attributes')}>
              <CustomFieldValues entity="product" values={p.custom} />
            </Section>
            {p.description && (
              <Section title={t('fields.description')}>
                <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                  {p.description}
                </Text>
              </Section>
            )}
            <HistoryTimeline path={`/products/${p.id}/history`} ns="products" entityKey={[...productsKey, p.id]} />
          </Stack>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
