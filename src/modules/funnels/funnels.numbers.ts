import type { Pipeline } from '../pipelines/index.js';
import type { FunnelNumbers } from './funnels.schema.js';

/** Turns per-stage counts into a funnel: conversions stage to stage and overall, lost reasons, average stays. */

interface StageCount {
  stageId: string;
  entered: number;
  stays: number;
  seconds: number;
}

export interface Counts {
  stages: Map<string, StageCount>;
  /** stage lost at -> reason ('' = none) -> deals */
  lost: Map<string, Map<string, number>>;
  add(c: StageCount): void;
  addLost(l: { stageId: string | null; reasonId: string | null; count: number }): void;
}

export function emptyCounts(): Counts {
  const stages = new Map<string, StageCount>();
  const lost = new Map<string, Map<string, number>>();
  return {
    stages,
    lost,
    add(c) {
      const s = stages.get(c.stageId) ?? { stageId: c.stageId, entered: 0, stays: 0, seconds: 0 };
      s.entered += c.entered;
      s.stays += c.stays;
      s.seconds += c.seconds;
      stages.set(c.stageId, s);
    },
    addLost(l) {
      if (!l.stageId) return;
      const byReason = lost.get(l.stageId) ?? new Map<string, number>();
      byReason.set(l.reasonId ?? '', (byReason.get(l.reasonId ?? '') ?? 0) + l.count);
      lost.set(l.stageId, byReason);
    },
  };
}

const ratio = (a: number, b: number) => (b > 0 ? Math.round((a / b) * 10_000) / 10_000 : null);

export function buildNumbers(pipeline: Pipeline, c: Counts, reasonNames: Map<string, string>): FunnelNumbers {
  const open = pipeline.stages.filter((s) => s.kind === 'open');
  const entered = (id: string | undefined) => (id ? (c.stages.get(id)?.entered ?? 0) : 0);
  const won = pipeline.stages.filter((s) => s.kind === 'won').reduce((n, s) => n + entered(s.id), 0);
  let lostTotal = 0;
  const stages = pipeline.stages.map((s) => {
    const count = c.stages.get(s.id);
    const reasons = [...(c.lost.get(s.id) ?? new Map<string, number>())]
      .map(([reasonId, n]) => ({ reasonId: reasonId || null, name: reasonId ? (reasonNames.get(reasonId) ?? null) : null, count: n }))
      .sort((a, b) => b.count - a.count || (a.name ?? '').localeCompare(b.name ?? ''));
    const lost = reasons.reduce((n, r) => n + r.count, 0);
    lostTotal += lost;
    const i = open.findIndex((o) => o.id === s.id);
    const next = i < 0 ? null : i + 1 < open.length ? entered(open[i + 1]!.id) : won;
    return {
      stageId: s.id,
      entered: count?.entered ?? 0,
      lost,
      lostReasons: reasons,
      conversion: next === null ? null : ratio(next, count?.entered ?? 0),
      avgSeconds: count && count.stays > 0 ? Math.round(count.seconds / count.stays) : null,
    };
  });
  const first = entered(open[0]?.id);
  return { stages, entered: first, won, lost: lostTotal, conversion: ratio(won, first) };
}
