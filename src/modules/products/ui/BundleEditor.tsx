import { useState } from 'react';
import { ActionIcon, Alert, Group, NumberInput, SegmentedControl, Select, Stack, Table, Text } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { get, post } from '../../../web/api.js';
import { featureErrorMessage } from '../../../web/components/apiErrors.js';
import { bundlePriceModes, type BundlePreview, type Product } from '../products.schema.js';
import { productsKey, useMoney, useSeparators } from './catalog.js';
import type { ComponentRow, ProductValues } from './productForm.js';

/** Searchable pick of a product or service (bundles cannot be components). */
function ComponentPicker({ exclude, onPick }: { exclude: string[]; onPick(p: Product): void }) {
  const { t } = useTranslation('products');
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 250);
  const found = useQuery({
    queryKey: [...productsKey, 'picker', q],
    queryFn: () => get<{ items: Product[] }>('/products', { q: q || undefined, active: 'true', limit: 30 }),
    placeholderData: (prev) => prev,
  });
  const items = (found.data?.items ?? []).filter((p) => p.kind !== 'bundle' && !exclude.includes(p.id));
  return (
    <Select
      placeholder={t('bundle.addComponent')}
      aria-label={t('bundle.addComponent')}
      searchable
      data={items.map((p) => ({ value: p.id, label: p.sku ? `${p.name} · ${p.sku}` : p.name }))}
      filter={({ options }) => options}
      value={null}
      searchValue={search}
      onSearchChange={setSearch}
      nothingFoundMessage={found.isFetching ? t('common:state.loading') : t('common:state.noResults')}
      onChange={(id) => {
        const p = items.find((x) => x.id === id);
        if (p) onPick(p);
        setSearch('');
      }}
      data-testid="bundle-picker"
    />
  );
}

interface Props {
  v: ProductValues;
  set<K extends keyof ProductValues>(k: K, value: ProductValues[K]): void;
  errors: Record<string, string>;
  selfId: string | null;
}

/** Components with quantities, the price mode (sum x coefficient or fixed) and the live computed price. */
export function BundleEditor({ v, set, errors, selfId }: Props) {
  const { t } = useTranslation('products');
  const money = useMoney();
  const { decimalSeparator } = useSeparators();
  const rows = v.components;
  const setRow = (i: number, row: ComponentRow | null) => set('components', row ? rows.map((r, j) => (j === i ? row : r)) : rows.filter((_, j) => j !== i));
  const computed = v.bundlePriceMode === 'sum_coefficient';
  const request = { components: rows.map((r) => ({ productId: r.productId, quantity: r.quantity })), bundleCoefficient: v.bundleCoefficient };
  const [debounced] = useDebouncedValue(request, 300);
  const ready = computed && debounced.components.length > 0 && debounced.components.every((c) => typeof c.quantity === 'number' && c.quantity > 0) && typeof debounced.bundleCoefficient === 'number' && debounced.bundleCoefficient > 0;
  const preview = useQuery({
    queryKey: [...productsKey, 'bundle-price', debounced],
    queryFn: () => post<BundlePreview>('/products/bundle-price', debounced),
    enabled: ready,
    retry: false,
    placeholderData: (prev) => prev,
  });
  const priceOf = (id: string) => preview.data?.components.find((c) => c.productId === id)?.unitPrice;

  return (
    <Stack data-testid="bundle-editor">
      <Group align="flex-end">
        <SegmentedControl
          value={v.bundlePriceMode}
          onChange={(m) => set('bundlePriceMode', m as ProductValues['bundlePriceMode'])}
          data={bundlePriceModes.map((m) => ({ value: m, label: t(`bundle.modes.${m}`) }))}
          data-testid="bundle-mode"
        />
        {computed && (
          <NumberInput
            w={140}
            label={t('fields.bundleCoefficient')}
            description={t('bundle.coefficientHint')}
            decimalScale={4}
            decimalSeparator={decimalSeparator}
            min={0}
            step={0.05}
            value={v.bundleCoefficient}
            error={errors.bundleCoefficient}
            onChange={(n) => set('bundleCoefficient', typeof n === 'number' ? n : '')}
            data-testid="bundle-coefficient"
          />
        )}
      </Group>
      {errors.components && <Text c="red" size="sm">{errors.components}</Text>}
      <Table>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('bundle.component')}</Table.Th>
            <Table.Th w={130}>{t('bundle.quantity')}</Table.Th>
            {computed && <Table.Th ta="right">{t('fields.price')}</Table.Th>}
            <Table.Th w={40} />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((r, i) => {
            const unit = priceOf(r.productId);
            return (
              <Table.Tr key={r.productId} data-testid="bundle-row">
                <Table.Td>
                  <Text size="sm">{r.name}</Text>
                  {errors[`components.${i}.productId`] && <Text size="xs" c="red">{errors[`components.${i}.productId`]}</Text>}
                </Table.Td>
                <Table.Td>
                  <NumberInput
                    size="xs"
                    min={0}
                    decimalScale={3}
                    decimalSeparator={decimalSeparator}
                    aria-label={t('bundle.quantity')}
                    value={r.quantity}
                    error={errors[`components.${i}.quantity`]}
                    onChange={(n) => setRow(i, { ...r, quantity: typeof n === 'number' ? n : '' })}
                    data-testid="bundle-quantity"
                  />
                </Table.Td>
                {computed && (
                  <Table.Td ta="right">
                    <Text size="sm" c={unit === null ? 'orange' : undefined}>
                      {unit === null ? t('noPrice') : unit !== undefined && preview.data ? money.format(unit, preview.data.currency) : ''}
                    </Text>
                  </Table.Td>
                )}
                <Table.Td>
                  <ActionIcon variant="subtle" color="red" aria-label={t('common:actions.remove')} onClick={() => setRow(i, null)}>
                    ×
                  </ActionIcon>
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
      <ComponentPicker exclude={[...rows.map((r) => r.productId), ...(selfId ? [selfId] : [])]} onPick={(p) => set('components', [...rows, { productId: p.id, name: p.name, quantity: 1 }])} />
      {computed && preview.data && ready && (
        <Alert color={preview.data.missingPrices.length ? 'orange' : 'blue'} data-testid="bundle-price">
          <Text fw={600}>{t('bundle.computedPriceValue', { price: money.format(preview.data.unitPrice, preview.data.currency) })}</Text>
          {preview.data.missingPrices.length > 0 && <Text size="sm">{t('bundle.missingPrices')}</Text>}
        </Alert>
      )}
      {computed && preview.error && <Alert color="red">{featureErrorMessage(t, preview.error, 'products')}</Alert>}
    </Stack>
  );
}
