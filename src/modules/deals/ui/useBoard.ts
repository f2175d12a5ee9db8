import { useState } from 'react';
import { notifications } from '@mantine/notifications';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { get } from '../../../web/api.js';
import { featureErrorMessage } from '../../../web/components/apiErrors.js';
import type { Pipeline, Stage } from '../../pipelines/pipelines.schema.js';
import type { Board, ColumnTotals, Deal } from '../deals.schema.js';
import { dealPaths, moveDeal, type LostInput } from './dealsApi.js';

type Column = Board['columns'][number];

/** The deal's weight in a column's weighted sum: its own probability if entered, else the stage's. */
const weightOf = (d: Deal, stage: Stage) => Math.round((d.amount * (d.probabilityManual ? d.probability : stage.probability)) / 100);

function adjust(totals: ColumnTotals, d: Deal, stage: Stage, sign: 1 | -1): ColumnTotals {
  const same = d.currency === totals.currency;
  return {
    ...totals,
    count: totals.count + sign,
    sum: totals.sum + (same ? sign * d.amount : 0),
    weightedSum: totals.weightedSum + (same ? sign * weightOf(d, stage) : 0),
  };
}

/**
 * The card moves at once: out of its column, to the top of the target one (the board's order is "newest in
 * the stage first"), with the column totals adjusted (a move drops the deal's own probability: the new stage's
 * applies); the server's answer or a rollback follows.
 */
function moveLocally(b: Board, pipeline: Pipeline, deal: Deal, to: Stage): Board {
  const from = pipeline.stages.find((s) => s.id === deal.stageId);
  const moved: Deal = { ...deal, stageId: to.id, status: to.kind, stageEnteredAt: new Date().toISOString(), overdue: false, probability: to.probability, probabilityManual: false };
  return {
    ...b,
    columns: b.columns.map((c): Column => {
      if (c.stageId === deal.stageId && from) return { ...c, items: c.items.filter((x) => x.id !== deal.id), totals: adjust(c.totals, deal, from, -1) };
      if (c.stageId === to.id) return { ...c, items: [moved, ...c.items], totals: adjust(c.totals, moved, to, 1) };
      return c;
    }),
  };
}

const replaceCard = (b: Board, saved: Deal): Board => ({
  ...b,
  columns: b.columns.map((c) => ({ ...c, items: c.items.map((x) => (x.id === saved.id ? saved : x)) })),
});

/** One pipeline's board: columns with their first deals and totals, "load more" per column, optimistic moves. */
export function useBoard(pipeline: Pipeline, filters: Record<string, string>) {
  const { t } = useTranslation('deals');
  const qc = useQueryClient();
  const key = ['deals', 'board', pipeline.id, filters];
  const board = useQuery({ queryKey: key, queryFn: () => get<Board>(dealPaths.board(pipeline.id), filters) });
  const [loadingColumn, setLoadingColumn] = useState<string | null>(null);
  const [pending, setPending] = useState<string | null>(null);

  const loadMore = async (stageId: string) => {
    const col = board.data?.columns.find((c) => c.stageId === stageId);
    if (!col?.nextCursor) return;
    setLoadingColumn(stageId);
    try {
      const page = await get<{ items: Deal[]; nextCursor: string | null }>(dealPaths.column(pipeline.id, stageId), { ...filters, cursor: col.nextCursor });
      qc.setQueryData<Board>(key, (b) =>
        b && {
          ...b,
          columns: b.columns.map((c) => {
            if (c.stageId !== stageId) return c;
            const seen = new Set(c.items.map((x) => x.id));
            return { ...c, items: [...c.items, ...page.items.filter((x) => !seen.has(x.id))], nextCursor: page.nextCursor };
          }),
        },
      );
    } catch (err) {
      notifications.show({ color: 'red', message: featureErrorMessage(t, err, 'deals') });
    } finally {
      setLoadingColumn(null);
    }
  };

  /** Totals are the server's (currency conversion, filters); they are re-read after a move without reloading the cards. */
  const refreshTotals = async () => {
    const fresh = await get<Board>(dealPaths.board(pipeline.id), { ...filters, limit: 1 });
    qc.setQueryData<Board>(key, (b) => b && { ...b, columns: b.columns.map((c) => ({ ...c, totals: fresh.columns.find((f) => f.stageId === c.stageId)?.totals ?? c.totals })) });
  };

  const move = async (deal: Deal, to: Stage, lost?: LostInput): Promise<boolean> => {
    if (deal.stageId === to.id) return true;
    await qc.cancelQueries({ queryKey: key });
    const before = qc.getQueryData<Board>(key);
    qc.setQueryData<Board>(key, (b) => b && moveLocally(b, pipeline, deal, to));
    setPending(deal.id);
    try {
      const saved = await moveDeal(deal, to.id, lost);
      qc.setQueryData<Board>(key, (b) => b && replaceCard(b, saved));
      qc.setQueryData(['deals', deal.id], saved);
      void qc.invalidateQueries({ queryKey: ['deals', deal.id] });
      void qc.invalidateQueries({ queryKey: ['deals', 'list'] });
      if (deal.companyId) void qc.invalidateQueries({ queryKey: ['companies', deal.companyId] });
      await refreshTotals().catch(() => undefined);
      return true;
    } catch (err) {
      qc.setQueryData(key, before);
      notifications.show({ color: 'red', title: t('board.moveFailed', { title: deal.title }), message: featureErrorMessage(t, err, 'deals'), autoClose: 8000 });
      void qc.invalidateQueries({ queryKey: key });
      return false;
    } finally {
      setPending(null);
    }
  };

  return { board, loadMore, loadingColumn, move, pending };
}
