import { useState } from 'react';
import { Alert, Badge, Box, Button, Group, Stack, Text, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../../web/auth.js';
import { featureErrorMessage } from '../../../web/components/apiErrors.js';
import { PageLoader } from '../../../web/components/ListControls.js';
import type { Pipeline, Stage } from '../../pipelines/pipelines.schema.js';
import type { Board, Deal } from '../deals.schema.js';
import { useMoney } from './dealsApi.js';
import { DealTile } from './DealTile.js';
import { LostDialog } from './LostDialog.js';
import { useBoard } from './useBoard.js';

const kindColor = { open: 'blue', won: 'green', lost: 'red' } as const;

function ColumnHeader({ stage, totals }: { stage: Stage; totals: Board['columns'][number]['totals'] | undefined }) {
  const { t } = useTranslation('deals');
  const money = useMoney();
  return (
    <Stack gap={2} px={4} data-testid="board-column-header">
      <Group justify="space-between" wrap="nowrap" gap={4}>
        <Text size="sm" fw={700} c={stage.kind === 'open' ? undefined : kindColor[stage.kind]} lineClamp={1}>
          {stage.name}
        </Text>
        <Badge size="sm" variant="light" color={kindColor[stage.kind]} data-testid="board-column-count">
          {totals?.count ?? 0}
        </Badge>
      </Group>
      {totals && (
        <Group gap={6} wrap="nowrap">
          <Tooltip label={t('board.sum')}>
            <Text size="xs" fw={500} data-testid="board-column-sum">
              {money(totals.sum, totals.currency, true)}
            </Text>
          </Tooltip>
          <Tooltip label={t('board.weighted', { probability: stage.probability })}>
            <Text size="xs" c="dimmed" data-testid="board-column-weighted">
              {`≈ ${money(totals.weightedSum, totals.currency, true)}`}
            </Text>
          </Tooltip>
          {totals.unconverted.length > 0 && (
            <Tooltip label={t('board.unconverted', { currencies: totals.unconverted.join(', ') })}>
              <Badge size="xs" color="orange" variant="light">
                !
              </Badge>
            </Tooltip>
          )}
        </Group>
      )}
    </Stack>
  );
}

/** The kanban board of a pipeline: a column per stage; cards move by drag and drop or by their menu. */
export function KanbanBoard({ pipeline, filters }: { pipeline: Pipeline; filters: Record<string, string> }) {
  const { t } = useTranslation('deals');
  const { can } = useAuth();
  const { board, loadMore, loadingColumn, move, pending } = useBoard(pipeline, filters);
  const [dragging, setDragging] = useState<Deal | null>(null);
  const [over, setOver] = useState<string | null>(null);
  const [losing, setLosing] = useState<{ deal: Deal; stage: Stage } | null>(null);
  const canMove = can('deal', 'update');

  const findDeal = (id: string) => board.data?.columns.flatMap((c) => c.items).find((d) => d.id === id);
  const request = (deal: Deal, stage: Stage) => {
    if (stage.id === deal.stageId) return;
    if (stage.kind === 'lost') setLosing({ deal, stage });
    else void move(deal, stage);
  };

  if (board.error) return <Alert color="red">{featureErrorMessage(t, board.error, 'deals')}</Alert>;
  if (!board.data) return <PageLoader />;
  return (
    <Box style={{ overflowX: 'auto' }} pb="sm" data-testid="kanban">
      <Group align="flex-start" wrap="nowrap" gap="sm">
        {pipeline.stages.map((stage) => {
          const col = board.data.columns.find((c) => c.stageId === stage.id);
          const isOver = over === stage.id && dragging?.stageId !== stage.id;
          return (
            <Stack
              key={stage.id}
              gap={6}
              w={264}
              miw={264}
              p={6}
              style={{
                borderRadius: 8,
                background: isOver ? 'var(--mantine-color-blue-0)' : 'var(--mantine-color-gray-0)',
                outline: isOver ? '2px dashed var(--mantine-color-blue-4)' : undefined,
                minHeight: 240,
              }}
              onDragOver={(e) => {
                if (!dragging) return;
                e.preventDefault();
                e.dataTransfer.dropEffect = 'move';
                if (over !== stage.id) setOver(stage.id);
              }}
              onDragLeave={(e) => {
                if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setOver(null);
              }}
              onDrop={(e) => {
                e.preventDefault();
                setOver(null);
                const deal = findDeal(e.dataTransfer.getData('text/plain')) ?? dragging;
                setDragging(null);
                if (deal) request(deal, stage);
              }}
              data-testid="board-column"
              data-stage-id={stage.id}
              data-stage-name={stage.name}
            >
              <ColumnHeader stage={stage} totals={col?.totals} />
              {col?.items.map((deal) => (
                <DealTile
                  key={deal.id}
                  deal={deal}
                  stage={stage}
                  stages={pipeline.stages}
                  pending={pending === deal.id}
                  canMove={canMove}
                  onDragStart={setDragging}
                  onDragEnd={() => {
                    setDragging(null);
                    setOver(null);
                  }}
                  onMove={(s) => request(deal, s)}
                />
              ))}
              {!col?.items.length && (
                <Text size="xs" c="dimmed" ta="center" py="md">
                  {t('board.emptyColumn')}
                </Text>
              )}
              {col?.nextCursor && (
                <Button size="compact-xs" variant="subtle" loading={loadingColumn === stage.id} onClick={() => void loadMore(stage.id)} data-testid="board-load-more">
                  {t('common:actions.loadMore')}
                </Button>
              )}
            </Stack>
          );
        })}
      </Group>
      {losing && (
        <LostDialog
          dealTitle={losing.deal.title}
          stageName={losing.stage.name}
          onCancel={() => setLosing(null)}
          onConfirm={async (lost) => {
            const { deal, stage } = losing;
            setLosing(null);
            await move(deal, stage, lost);
          }}
        />
      )}
    </Box>
  );
}
