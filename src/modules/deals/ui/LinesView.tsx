import { Badge, Group, Stack, Table, Text, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { DealLine, Totals } from '../deals.schema.js';
import { useMoney } from './dealsApi.js';

/** Product lines of a deal or a document, read only, with their totals. */
export function LinesView({ lines, totals, currency, testId }: { lines: DealLine[]; totals: Totals; currency: string; testId?: string }) {
  const { t } = useTranslation('deals');
  const money = useMoney();
  if (!lines.length) {
    return (
      <Text size="sm" c="dimmed">
        {t('lines.none')}
      </Text>
    );
  }
  return (
    <Table.ScrollContainer minWidth={640}>
      <Table verticalSpacing={4} data-testid={testId}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('lines.product')}</Table.Th>
            <Table.Th ta="right">{t('lines.quantity')}</Table.Th>
            <Table.Th ta="right">{t('lines.unitPrice')}</Table.Th>
            <Table.Th ta="right">{t('lines.discount')}</Table.Th>
            <Table.Th ta="right">{t('lines.vatRate')}</Table.Th>
            <Table.Th ta="right">{t('lines.net')}</Table.Th>
            <Table.Th ta="right">{t('lines.vat')}</Table.Th>
            <Table.Th ta="right">{t('lines.gross')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {lines.map((l) => (
            <Table.Tr key={l.id} data-testid="deal-line">
              <Table.Td>
                <Stack gap={2}>
                  <Group gap={4}>
                    <Text size="sm">{l.name}</Text>
                    {l.isBundle && (
                      <Badge size="xs" variant="light" color="grape">
                        {t('lines.kinds.bundle')}
                      </Badge>
                    )}
                  </Group>
                  {l.components && l.components.length > 0 && (
                    <Text size="xs" c="dimmed">
                      {l.components.map((c) => `${c.name} × ${c.quantity}`).join(', ')}
                    </Text>
                  )}
                </Stack>
              </Table.Td>
              <Table.Td ta="right">{l.quantity}</Table.Td>
              <Table.Td ta="right">
                <Tooltip label={l.vatIncluded ? t('lines.priceWithVat') : t('lines.priceWithoutVat')}>
                  <Text size="sm" span>
                    {money(l.unitPrice, currency)}
                  </Text>
                </Tooltip>
              </Table.Td>
              <Table.Td ta="right">{l.discountPercent ? `${l.discountPercent} %` : ''}</Table.Td>
              <Table.Td ta="right">{l.vatRate === null ? t('lines.noVat') : `${l.vatRate} %`}</Table.Td>
              <Table.Td ta="right">{money(l.net, currency)}</Table.Td>
              <Table.Td ta="right">{money(l.vat, currency)}</Table.Td>
              <Table.Td ta="right">
                <Text size="sm" fw={600}>
                  {money(l.gross, currency)}
                </Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
        <Table.Tfoot>
          <Table.Tr>
            <Table.Td colSpan={5} ta="right">
              <Text size="sm" fw={600}>
                {t('lines.total')}
              </Text>
            </Table.Td>
            <Table.Td ta="right">{money(totals.net, currency)}</Table.Td>
            <Table.Td ta="right">{money(totals.vat, currency)}</Table.Td>
            <Table.Td ta="right">
              <Text size="sm" fw={700} data-testid="deal-total-gross">
                {money(totals.gross, currency)}
              </Text>
            </Table.Td>
          </Table.Tr>
        </Table.Tfoot>
      </Table>
    </Table.ScrollContainer>
  );
}
