import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Mapping } from '../imports.schema.js';
import type { SourceRecord } from '../parse/source.js';
import type { MappedRow, RowChecks, WorkerCheck } from './target.js';

/**
 * Row validation in a worker thread: while the job's thread writes one batch (SQLite computes in that thread,
 * PostgreSQL answers there), the worker parses and validates the next, so a large import uses two cores.
 * The worker runs the same check functions (targets/checks.ts) on the records it is sent.
 */

/** Started from TypeScript sources (tsx) the worker registers tsx's CommonJS hooks before loading its entry. */
const BOOT = `
const { workerData } = require('node:worker_threads');
if (workerData.tsx) require(workerData.tsx).register();
require(workerData.entry);
`;

const fromSources = import.meta.url.endsWith('.ts');

/**
 * The worker holds its modules and a batch or two: a small heap keeps the garbage it collects small
 * (unbounded, V8 lets it grow to four times what it holds). A worker out of memory ends; the job then
 * validates in its own thread.
 */
const HEAP_LIMITS = { maxOldGenerationSizeMb: 64, maxYoungGenerationSizeMb: 8 };

type Reply = { id: number; failure: string } | { id: number; drafts: (object & { i: number })[]; errors: RowChecks<object>['errors'] };

export class CheckWorker {
  private readonly worker: Worker;
  private readonly waiting = new Map<number, { rows: MappedRow[]; resolve(c: RowChecks<object>): void; reject(e: Error): void }>();
  private nextId = 0;
  private failure: Error | null = null;

  constructor(check: WorkerCheck, headers: string[], mapping: Mapping) {
    const entry = fileURLToPath(new URL(`./check.worker.${fromSources ? 'ts' : 'js'}`, import.meta.url));
    const tsx = fromSources ? createRequire(import.meta.url).resolve('tsx/cjs/api') : null;
    this.worker = new Worker(BOOT, { eval: true, workerData: { ...check, headers, mapping, entry, tsx }, resourceLimits: HEAP_LIMITS });
    this.worker.on('message', (reply: Reply) => this.answer(reply));
    this.worker.on('error', (err) => this.fail(err));
    this.worker.on('exit', (code) => this.fail(new Error(`the validation worker exited with code ${code}`)));
  }

  /** The checks of a batch: `records` are the rows' source records, in the order of `rows`. */
  check(rows: MappedRow[], records: SourceRecord[]): Promise<RowChecks<object>> {
    if (this.failure) return Promise.reject(this.failure);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { rows, resolve, reject });
      this.worker.postMessage({ id, records: records.map((r) => ({ row: r.row, cells: r.cells })) });
    });
  }

  async close(): Promise<void> {
    this.worker.removeAllListeners('exit');
    await this.worker.terminate();
  }

  private answer(reply: Reply): void {
    const w = this.waiting.get(reply.id);
    if (!w) return;
    this.waiting.delete(reply.id);
    if ('failure' in reply) return w.reject(new Error(reply.failure));
    w.resolve({ drafts: reply.drafts.map(({ i, ...draft }) => ({ ...draft, r: w.rows[i]! })), errors: reply.errors });
  }

  private fail(err: Error): void {
    this.failure ??= err;
    for (const w of this.waiting.values()) w.reject(err);
    this.waiting.clear();
  }
}
