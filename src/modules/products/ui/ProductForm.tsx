import { useState } from 'react';
import { Alert, Button, Group, NumberInput, Paper, SegmentedControl, Select, SimpleGrid, Stack, Switch, Text, Textarea, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { ApiError, get, patch, post } from '../../../web/api.js';
import { featureErrorMessage, featureFieldErrors } from '../../../web/components/apiErrors.js';
import { CustomFieldInputs } from '../../../web/components/CustomFields.js';
import { VersionConflictAlert, type ConflictChange } from '../../../web/components/FormAlerts.js';
import { changedFields } from '../../../web/components/formRows.js';
import { treeOptions } from '../../../shared/tree.js';
import { commonVatRates, maintenancePeriods, productKinds, type Product, type ProductKind } from '../products.schema.js';
import { BundleEditor } from './BundleEditor.js';
import { localized, priceTypeName, productsKey, useGroups, usePriceTypes, useSeparators, useUnits } from './catalog.js';
import { CurrencySelect, MoneyInput } from './MoneyInput.js';
import { conflictFields, emptyProduct, NO_VAT, requestOf, valuesOf, type ProductValues } from './productForm.js';

interface Props {
  initial?: Product;
  baseCurrency: string;
  groupId: string | null;
}

/** Create or edit a product, service or bundle. */
export function ProductForm({ initial, baseCurrency, groupId }: Props) {
  const { t, i18n } = useTranslation('products');
  const navigate = useNavigate();
  const qc = useQueryClient();
  const types = usePriceTypes().data ?? [];
  const units = useUnits().data ?? [];
  const groups = useGroups().data ?? [];
  const [base, setBase] = useState(initial);
  const [v, setV] = useState<ProductValues>(initial ? valuesOf(initial, baseCurrency) : emptyProduct(baseCurrency, groupId));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [conflict, setConflict] = useState<{ changes: ConflictChange[]; latest: Product } | null>(null);
  const [busy, setBusy] = useState(false);
  const separators = useSeparators();

  const set = <K extends keyof ProductValues>(k: K, value: ProductValues[K]) => {
    setV((old) => ({ ...old, [k]: value }));
    setErrors((old) => Object.fromEntries(Object.entries(old).filter(([f]) => f !== k && !f.startsWith(`${k}.`))));
  };

  const submit = async () => {
    if (!v.name.trim()) {
      setErrors({ name: t('ui:errors.validation.required') });
      return;
    }
    const { body, mapErrors } = requestOf(v, types);
    setBusy(true);
    setFormError(null);
    setErrors({});
    try {
      const saved = base ? await patch<Product>(`/products/${base.id}`, { ...body, version: base.version }) : await post<Product>('/products', body);
      qc.setQueryData([...productsKey, saved.id], saved);
      await qc.invalidateQueries({ queryKey: productsKey, refetchType: 'none' });
      notifications.show({ color: 'green', message: base ? t('saved') : t('created') });
      navigate(`/catalog/${saved.id}`);
    } catch (err) {
      if (err instanceof ApiError && err.code === 'product.version_conflict' && base) {
        const latest = await get<Product>(`/products/${base.id}`);
        setConflict({ latest, changes: changedFields(base, latest, [...conflictFields]).map((c) => ({ ...c, label: t(`fields.${c.field}`) })) });
      } else {
        setErrors(mapErrors(featureFieldErrors(t, err, 'products')));
        setFormError(featureErrorMessage(t, err, 'products'));
      }
    } finally {
      setBusy(false);
    }
  };

  const resolveConflict = (reload: boolean) => {
    if (!conflict) return;
    if (reload) setV(valuesOf(conflict.latest, baseCurrency));
    setBase(conflict.latest);
    setConflict(null);
  };

  const vatOptions = [...new Set([...commonVatRates.map(String), ...(v.vat !== NO_VAT ? [v.vat] : [])])].map((r) => ({ value: r, label: `${r} %` }));
  const days = (field: 'leadDaysReady' | 'leadDaysDelivery') => (
    <NumberInput label={t(`fields.${field}`)} min={0} max={3650} allowDecimal={false} value={v[field]} error={errors[field]} onChange={(n) => set(field, typeof n === 'number' ? n : '')} data-testid={`product-${field}`} />
  );
  const computedPrice = v.kind === 'bundle' && v.bundlePriceMode === 'sum_coefficient';

  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <Stack maw={1000}>
        <Title order={2}>{base ? t('editTitle') : t('new')}</Title>
        {conflict && <VersionConflictAlert changes={conflict.changes} onReload={() => resolveConflict(true)} onOverwrite={() => resolveConflict(false)} />}
        {formError && !conflict && (
          <Alert color="red" data-testid="form-error">
            {formError}
          </Alert>
        )}
        <Paper withBorder p="md">
          <Stack>
            <SegmentedControl
              w="fit-content"
              value={v.kind}
              onChange={(k) => set('kind', k as ProductKind)}
              data={productKinds.map((k) => ({ value: k, label: t(`kinds.${k}`) }))}
              data-testid="product-kind"
            />
            {errors.kind && <Text c="red" size="sm">{errors.kind}</Text>}
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <TextInput label={t('fields.name')} required autoFocus value={v.name} error={errors.name} onChange={(e) => set('name', e.currentTarget.value)} data-testid="product-name" />
              <TextInput label={t('fields.sku')} value={v.sku} error={errors.sku} onChange={(e) => set('sku', e.currentTarget.value)} data-testid="product-sku" />
              <Select label={t('fields.group')} clearable searchable data={treeOptions(groups, (g) => g.name)} value={v.groupId} error={errors.groupId} onChange={(g) => set('groupId', g)} data-testid="product-group" />
              <Select
                label={t('fields.unit')}
                clearable
                searchable
                data={units.map((u) => ({ value: u.id, label: `${localized(u.names, i18n.language)} (${localized(u.shorts, i18n.language)})` }))}
                value={v.unitId}
                error={errors.unitId}
                onChange={(u) => set('unitId', u)}
                data-testid="product-unit"
              />
              <Select
                label={t('fields.vatRate')}
                allowDeselect={false}
                data={[...vatOptions, { value: NO_VAT, label: t('vat.none') }]}
                value={v.vat}
                error={errors.vatRate}
                onChange={(r) => r && set('vat', r)}
                data-testid="product-vat"
              />
              <Switch mt={{ sm: 'xl' }} label={t('fields.isActive')} checked={v.isActive} onChange={(e) => set('isActive', e.currentTarget.checked)} data-testid="product-active" />
            </SimpleGrid>
            <Textarea label={t('fields.description')} autosize minRows={2} value={v.description} error={errors.description} onChange={(e) => set('description', e.currentTarget.value)} />
          </Stack>
        </Paper>
        {v.kind === 'bundle' && (
          <Paper withBorder p="md">
            <Stack>
              <Title order={4}>{t('sections.bundle')}</Title>
              <BundleEditor v={v} set={set} errors={errors} selfId={base?.id ?? null} />
            </Stack>
          </Paper>
        )}
        {!computedPrice && (
          <Paper withBorder p="md" data-testid="product-prices-form">
            <Stack>
              <Title order={4}>{t('sections.prices')}</Title>
              {errors.prices && <Text c="red" size="sm">{errors.prices}</Text>}
              <SimpleGrid cols={{ base: 1, sm: 2 }}>
                {types.map((type) => {
                  const price = v.prices[type.id] ?? { amount: '', currency: type.currency };
                  return (
                    <MoneyInput
                      key={type.id}
                      label={priceTypeName(t, type)}
                      value={price.amount}
                      currency={price.currency}
                      error={errors[`prices.${type.id}`]}
                      onChange={(amount, currency) => set('prices', { ...v.prices, [type.id]: { amount, currency } })}
                      testId={`product-price-${type.key}`}
                    />
                  );
                })}
              </SimpleGrid>
            </Stack>
          </Paper>
        )}
        <Paper withBorder p="md">
          <Stack>
            <Title order={4}>{t('sections.costs')}</Title>
            <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }}>
              <NumberInput label={t('fields.purchaseCost')} min={0} decimalScale={2} {...separators} value={v.purchaseCost} error={errors.purchaseCost} onChange={(n) => set('purchaseCost', typeof n === 'number' ? n : '')} />
              <Group gap="xs" align="flex-start" wrap="nowrap">
                <NumberInput style={{ flex: 1 }} label={t('fields.maintenanceCost')} min={0} decimalScale={2} {...separators} value={v.maintenanceCost} error={errors.maintenanceCost} onChange={(n) => set('maintenanceCost', typeof n === 'number' ? n : '')} />
                <Select
                  w={120}
                  label={t('fields.maintenancePeriod')}
                  data={maintenancePeriods.map((p) => ({ value: p, label: t(`periods.${p}`) }))}
                  value={v.maintenancePeriod}
                  error={errors.maintenancePeriod}
                  onChange={(p) => set('maintenancePeriod', p)}
                />
              </Group>
              <CurrencySelect label={t('fields.costCurrency')} value={v.costCurrency} error={errors.costCurrency} onChange={(c) => set('costCurrency', c)} />
              {days('leadDaysReady')}
              {days('leadDaysDelivery')}
            </SimpleGrid>
          </Stack>
        </Paper>
        <Paper withBorder p="md">
          <Stack>
            <Title order={4}>{t('sections.attributes')}</Title>
            <CustomFieldInputs entity="product" values={v.custom} onChange={(custom) => set('custom', custom)} errors={errors} testPrefix="product" />
            <Text size="xs" c="dimmed">
              {t('attributesHint')}
            </Text>
          </Stack>
        </Paper>
        <Group>
          <Button type="submit" loading={busy} data-testid="product-save">
            {t('common:actions.save')}
          </Button>
          <Button component={Link} to={base ? `/catalog/${base.id}` : '/catalog'} variant="default">
            {t('common:actions.cancel')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
