import { ActionIcon, Anchor, Badge, Group, Menu, Paper, Stack, Text, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Stage } from '../../pipelines/pipelines.schema.js';
import type { Deal } from '../deals.schema.js';
import { daysSince, useMoney } from './dealsApi.js';

interface Props {
  deal: Deal;
  stage: Stage;
  stages: Stage[];
  pending: boolean;
  canMove: boolean;
  onDragStart(deal: Deal): void;
  onDragEnd(): void;
  onMove(stage: Stage): void;
}

/** A deal on the board: draggable, with a "Move to stage…" menu as the keyboard alternative. */
export function DealTile({ deal, stage, stages, pending, canMove, onDragStart, onDragEnd, onMove }: Props) {
  const { t } = useTranslation('deals');
  const money = useMoney();
  const days = daysSince(deal.stageEnteredAt);
  return (
    <Paper
      withBorder
      p="xs"
      radius="sm"
      draggable={canMove}
      onDragStart={(e) => {
        e.dataTransfer.setData('text/plain', deal.id);
        e.dataTransfer.effectAllowed = 'move';
        onDragStart(deal);
      }}
      onDragEnd={onDragEnd}
      style={{ cursor: canMove ? 'grab' : undefined, opacity: pending ? 0.6 : 1, borderLeft: deal.overdue ? '3px solid var(--mantine-color-red-6)' : undefined }}
      data-testid="deal-tile"
      data-deal-id={deal.id}
      data-pending={pending ? 'true' : 'false'}
    >
      <Stack gap={4}>
        <Group justify="space-between" wrap="nowrap" align="flex-start" gap={4}>
          <Anchor component={Link} to={`/deals/${deal.id}`} size="sm" fw={600} lineClamp={2} draggable={false} data-testid="deal-tile-title">
            {deal.title}
          </Anchor>
          {canMove && (
            <Menu position="bottom-end" withinPortal>
              <Menu.Target>
                <ActionIcon size="sm" variant="subtle" color="gray" aria-label={t('board.moveTo')} data-testid="deal-tile-menu">
                  ⋯
                </ActionIcon>
              </Menu.Target>
              <Menu.Dropdown>
                <Menu.Label>{t('board.moveTo')}</Menu.Label>
                {stages
                  .filter((s) => s.id !== deal.stageId)
                  .map((s) => (
                    <Menu.Item key={s.id} color={s.kind === 'lost' ? 'red' : s.kind === 'won' ? 'green' : undefined} onClick={() => onMove(s)} data-testid="deal-tile-move">
                      {s.name}
                    </Menu.Item>
                  ))}
              </Menu.Dropdown>
            </Menu>
          )}
        </Group>
        {deal.companyName && (
          <Text size="xs" c="dimmed" lineClamp={1}>
            {deal.companyName}
          </Text>
        )}
        <Group justify="space-between" gap={4} wrap="nowrap">
          <Text size="sm" fw={500} data-testid="deal-tile-amount">
            {money(deal.amount, deal.currency)}
          </Text>
          {stage.kind === 'open' && (
            <Tooltip label={stage.plannedDays ? t('board.daysPlanned', { count: days, planned: stage.plannedDays }) : t('board.daysInStage', { count: days })}>
              <Badge size="sm" tt="none" variant={deal.overdue ? 'filled' : 'light'} color={deal.overdue ? 'red' : 'gray'} data-testid="deal-tile-days">
                {deal.overdue ? t('board.overdueDays', { count: days }) : t('board.days', { count: days })}
              </Badge>
            </Tooltip>
          )}
        </Group>
        {deal.ownerName && (
          <Text size="xs" c="dimmed" lineClamp={1}>
            {deal.ownerName}
          </Text>
        )}
      </Stack>
    </Paper>
  );
}
