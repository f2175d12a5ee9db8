import { ActionIcon, Autocomplete, Badge, Button, Checkbox, Group, NumberInput, Select, Stack, Table, Text, Tooltip } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { get } from '../../../web/api.js';
import { featureErrorMessage } from '../../../web/components/apiErrors.js';
import { minorDigits } from '../../../shared/money.js';
import { useMoney } from './dealsApi.js';
import { emptyLine, lineTotals, NO_VAT, totalsOf, vatRates, type LineRow } from './dealForm.js';

interface CatalogItem {
  id: string;
  name: string;
  sku: string | null;
  kind: 'product' | 'service' | 'bundle';
  vatRate: number | null;
}

interface CatalogPrice {
  name: string;
  kind: CatalogItem['kind'];
  unitPrice: number;
  vatRate: number | null;
}

const optionLabel = (p: CatalogItem) => (p.sku ? `${p.name} · ${p.sku}` : p.name);

/** The line's product: typed text searches the catalog; picking a product or bundle links it, free text stays a line without one. */
function ProductCell({ row, currency, error, onChange }: { row: LineRow; currency: string; error?: string; onChange(patch: Partial<LineRow>): void }) {
  const { t } = useTranslation('deals');
  const [q] = useDebouncedValue(row.name.trim(), 250);
  const found = useQuery({
    queryKey: ['products', 'picker', q],
    queryFn: () => get<{ items: CatalogItem[] }>('/products', { q: q || undefined, active: 'true', limit: 20 }),
    placeholderData: (prev) => prev,
    retry: false,
  });
  const items = found.data?.items ?? [];
  const byLabel = new Map(items.map((p) => [optionLabel(p), p]));

  const pick = async (p: CatalogItem) => {
    onChange({ productId: p.id, name: p.name, isBundle: p.kind === 'bundle', vatRate: p.vatRate === null ? NO_VAT : String(p.vatRate) });
    try {
      const price = await get<CatalogPrice>(`/products/${p.id}/price`, { currency });
      const digits = minorDigits(currency);
      onChange({ name: price.name, unitPrice: price.unitPrice / 10 ** digits, vatRate: price.vatRate === null ? NO_VAT : String(price.vatRate), isBundle: price.kind === 'bundle' });
    } catch (err) {
      notifications.show({ color: 'orange', title: t('lines.noPrice', { name: p.name }), message: featureErrorMessage(t, err, 'deals') });
    }
  };

  return (
    <Stack gap={2}>
      <Autocomplete
        size="xs"
        miw={200}
        placeholder={t('lines.productPlaceholder')}
        aria-label={t('lines.product')}
        value={row.name}
        error={error}
        data={[...byLabel.keys()]}
        filter={({ options }) => options}
        onChange={(name) => onChange({ name })}
        onOptionSubmit={(label) => {
          const p = byLabel.get(label);
          if (p) void pick(p);
        }}
        renderOption={({ option }) => {
          const p = byLabel.get(option.value);
          return (
            <Group gap={6} wrap="nowrap">
              <Text size="sm">{option.value}</Text>
              {p && p.kind !== 'product' && (
                <Badge size="xs" variant="light" color={p.kind === 'bundle' ? 'grape' : 'gray'}>
                  {t(`lines.kinds.${p.kind}`)}
                </Badge>
              )}
            </Group>
          );
        }}
        data-testid="line-product"
      />
      {row.productId && (
        <Group gap={4}>
          <Badge size="xs" variant="light" color={row.isBundle ? 'grape' : 'blue'} data-testid="line-linked">
            {row.isBundle ? t('lines.kinds.bundle') : t('lines.fromCatalog')}
          </Badge>
          <Tooltip label={t('lines.unlink')}>
            <ActionIcon size="xs" variant="subtle" color="gray" aria-label={t('lines.unlink')} onClick={() => onChange({ productId: null, isBundle: false })}>
              ×
            </ActionIcon>
          </Tooltip>
        </Group>
      )}
    </Stack>
  );
}

interface Props {
  lines: LineRow[];
  currency: string;
  defaultVat: string;
  errors: Record<string, string>;
  /** an updater of the current lines (a catalog price arrives after the user picked the product) */
  onChange(update: (lines: LineRow[]) => LineRow[]): void;
}

/** Product lines with live amounts: quantity, unit price, discount %, VAT rate and whether the price includes it. */
export function LinesEditor({ lines, currency, defaultVat, errors, onChange }: Props) {
  const { t } = useTranslation('deals');
  const money = useMoney();
  const digits = minorDigits(currency);
  const totals = totalsOf(lines, currency);
  const update = (key: string, patch: Partial<LineRow>) => onChange((ls) => ls.map((l) => (l.key === key ? { ...l, ...patch } : l)));
  const err = (i: number, f: string) => errors[`lines.${i}.${f}`];
  const vatOptions = [...vatRates.map((r) => ({ value: String(r), label: `${r} %` })), { value: NO_VAT, label: t('lines.noVat') }];

  return (
    <Stack gap="xs" data-testid="lines-editor">
      <Table.ScrollContainer minWidth={900}>
        <Table verticalSpacing={4} horizontalSpacing={6}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('lines.product')}</Table.Th>
              <Table.Th w={90}>{t('lines.quantity')}</Table.Th>
              <Table.Th w={120}>{t('lines.unitPrice')}</Table.Th>
              <Table.Th w={80}>{t('lines.discount')}</Table.Th>
              <Table.Th w={105}>{t('lines.vatRate')}</Table.Th>
              <Table.Th w={60}>{t('lines.vatIncluded')}</Table.Th>
              <Table.Th ta="right">{t('lines.net')}</Table.Th>
              <Table.Th ta="right">{t('lines.vat')}</Table.Th>
              <Table.Th ta="right">{t('lines.gross')}</Table.Th>
              <Table.Th w={30} />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {lines.map((l, i) => {
              const a = lineTotals(l, currency);
              return (
                <Table.Tr key={l.key} data-testid="line-row">
                  <Table.Td>
                    <ProductCell row={l} currency={currency} error={err(i, 'name') ?? err(i, 'productId')} onChange={(p) => update(l.key, p)} />
                  </Table.Td>
                  <Table.Td>
                    <NumberInput size="xs" min={0} decimalScale={3} hideControls aria-label={t('lines.quantity')} value={l.quantity} error={err(i, 'quantity')} onChange={(v) => update(l.key, { quantity: v })} data-testid="line-quantity" />
                  </Table.Td>
                  <Table.Td>
                    <NumberInput
                      size="xs"
                      min={0}
                      decimalScale={digits}
                      thousandSeparator=" "
                      hideControls
                      aria-label={t('lines.unitPrice')}
                      value={l.unitPrice}
                      error={err(i, 'unitPrice')}
                      onChange={(v) => update(l.key, { unitPrice: v })}
                      data-testid="line-price"
                    />
                  </Table.Td>
                  <Table.Td>
                    <NumberInput size="xs" min={0} max={100} decimalScale={2} hideControls suffix="%" aria-label={t('lines.discount')} value={l.discountPercent} error={err(i, 'discountPercent')} onChange={(v) => update(l.key, { discountPercent: v })} data-testid="line-discount" />
                  </Table.Td>
                  <Table.Td>
                    <Select size="xs" allowDeselect={false} aria-label={t('lines.vatRate')} value={l.vatRate} error={err(i, 'vatRate')} data={vatOptions.some((o) => o.value === l.vatRate) ? vatOptions : [...vatOptions, { value: l.vatRate, label: `${l.vatRate} %` }]} onChange={(v) => v && update(l.key, { vatRate: v })} data-testid="line-vat" />
                  </Table.Td>
                  <Table.Td>
                    <Checkbox size="xs" aria-label={t('lines.vatIncluded')} checked={l.vatIncluded} onChange={(e) => update(l.key, { vatIncluded: e.currentTarget.checked })} data-testid="line-vat-included" />
                  </Table.Td>
                  <Table.Td ta="right">
                    <Text size="xs">{a ? money(a.net, currency) : '—'}</Text>
                  </Table.Td>
                  <Table.Td ta="right">
                    <Text size="xs">{a ? money(a.vat, currency) : '—'}</Text>
                  </Table.Td>
                  <Table.Td ta="right">
                    <Text size="xs" fw={600} data-testid="line-gross">
                      {a ? money(a.gross, currency) : '—'}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <ActionIcon variant="subtle" color="red" aria-label={t('lines.remove')} onClick={() => onChange((ls) => ls.filter((x) => x.key !== l.key))}>
                      ×
                    </ActionIcon>
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
          {lines.length > 0 && (
            <Table.Tfoot>
              <Table.Tr>
                <Table.Td colSpan={6} ta="right">
                  <Text size="sm" fw={600}>
                    {t('lines.total')}
                  </Text>
                </Table.Td>
                <Table.Td ta="right">
                  <Text size="sm" data-testid="lines-total-net">
                    {money(totals.net, currency)}
                  </Text>
                </Table.Td>
                <Table.Td ta="right">
                  <Text size="sm" data-testid="lines-total-vat">
                    {money(totals.vat, currency)}
                  </Text>
                </Table.Td>
                <Table.Td ta="right">
                  <Text size="sm" fw={700} data-testid="lines-total-gross">
                    {money(totals.gross, currency)}
                  </Text>
                </Table.Td>
                <Table.Td />
              </Table.Tr>
            </Table.Tfoot>
          )}
        </Table>
      </Table.ScrollContainer>
      <Group>
        <Button size="xs" variant="light" onClick={() => onChange((ls) => [...ls, emptyLine(defaultVat)])} data-testid="line-add">
          {t('lines.add')}
        </Button>
      </Group>
    </Stack>
  );
}
