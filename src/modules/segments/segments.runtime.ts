import { nowIso } from '../../platform/db/database.js';
import type { AppContext } from '../../platform/http/context.js';
import { isDue, runJob } from './segments.job.js';

/** How often each node checks whether the classes are due for a refresh; the first check is one period after start, not during it. */
const CHECK_MS = 60_000;

export interface SegmentsRuntime {
  start(): void;
  /** One check now (joins the one under way): runs the job when it is due. */
  check(): Promise<void>;
  /** Stops checking and waits for a run under way on this node. */
  stop(): Promise<void>;
}

/** The periodic refresh of the stored classes on this node (the lease keeps it to one node at a time). */
export function segmentsRuntime(ctx: AppContext): SegmentsRuntime {
  const { db } = ctx.database;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> | null = null;
  const tick = (): Promise<void> => {
    running ??= (async () => {
      try {
        if (await isDue(db, nowIso())) await runJob(db, 'schedule', null, ctx.logger);
      } catch (err) {
        ctx.logger.error({ err }, 'segments refresh failed');
      }
    })().finally(() => (running = null));
    return running;
  };
  return {
    start: () => {
      if (timer) return;
      timer = setInterval(() => void tick(), CHECK_MS).unref();
    },
    check: tick,
    stop: async () => {
      if (timer) clearInterval(timer);
      timer = null;
      await running;
    },
  };
}
