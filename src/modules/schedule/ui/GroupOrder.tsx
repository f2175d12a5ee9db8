import { ActionIcon, Group, Paper, Stack, Switch, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { effectiveGroupOrder, type FunnelGroup } from '../schedule.rules.js';

interface Props {
  label: string;
  order: FunnelGroup[];
  onChange(order: FunnelGroup[]): void;
}

/**
 * The order of the funnel groups, changed with up/down buttons (keyboard friendly), and the "customers
 * before hot deals" switch, which swaps the two groups in the order.
 */
export function GroupOrder({ label, order, onChange }: Props) {
  const { t } = useTranslation('schedule');
  const move = (i: number, by: -1 | 1) => {
    const next = [...order];
    [next[i], next[i + by]] = [next[i + by]!, next[i]!];
    onChange(next);
  };
  const customersFirst = order.indexOf('customer') < order.indexOf('hot');
  return (
    <Stack gap="xs">
      <Text size="sm" fw={500}>
        {label}
      </Text>
      <Paper withBorder>
        <Stack gap={0} component="ol" m={0} p={0} data-testid="group-order">
          {order.map((g, i) => (
            <Group key={g} component="li" justify="space-between" px="sm" py={4} style={{ listStyle: 'none' }} data-testid="group-order-item" data-group={g}>
              <Text size="sm">
                {i + 1}. {t(`blocks.${g}`)}
              </Text>
              <Group gap={4}>
                <ActionIcon variant="subtle" disabled={i === 0} onClick={() => move(i, -1)} aria-label={t('settings.up', { group: t(`blocks.${g}`) })}>
                  ↑
                </ActionIcon>
                <ActionIcon variant="subtle" disabled={i === order.length - 1} onClick={() => move(i, 1)} aria-label={t('settings.down', { group: t(`blocks.${g}`) })}>
                  ↓
                </ActionIcon>
              </Group>
            </Group>
          ))}
        </Stack>
      </Paper>
      <Switch
        label={t('settings.customersBeforeHot')}
        checked={customersFirst}
        onChange={(e) => onChange(effectiveGroupOrder({ groupOrder: order, customersBeforeHot: e.currentTarget.checked }))}
        data-testid="customers-before-hot"
      />
    </Stack>
  );
}
