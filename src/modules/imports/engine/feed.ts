import type { Logger } from '../../../platform/logger.js';
import type { Mapping } from '../imports.schema.js';
import type { SourceRecord } from '../parse/source.js';
import { CheckWorker } from './checks.js';
import type { MappedRow, PreparedTarget } from './target.js';

/** Rows per transaction: large enough for multi-row inserts to pay off, small enough to interleave with requests. */
export const BATCH_ROWS = 1000;
/** Rows after which a job that can validate in a worker thread starts one (small files are done before it boots). */
const WORKER_AFTER_ROWS = 3 * BATCH_ROWS;

/**
 * Feeds a job's rows to its batches: one batch is written while the next is read and validated (in a worker
 * thread once the file proves large, when the target allows it); the batches commit one after the other.
 */
export class BatchFeed {
  private rows: MappedRow[] = [];
  private records: SourceRecord[] = [];
  private fed = 0;
  private checker: CheckWorker | null = null;
  private workerFailed = false;
  /** The batch being written: resolves to its error, or null. */
  private writing: Promise<unknown> = Promise.resolve(null);

  constructor(
    private readonly prepared: PreparedTarget,
    private readonly file: { headers: string[]; mapping: Mapping },
    private readonly write: (rows: MappedRow[], checked: unknown) => Promise<void>,
    private readonly logger: Logger,
  ) {}

  add(row: MappedRow, record: SourceRecord): void {
    this.rows.push(row);
    this.records.push(record);
  }

  /** Sends the full batches added so far on their way (each waits for the previous one to be written). */
  async flush(): Promise<void> {
    while (this.rows.length >= BATCH_ROWS) await this.send(BATCH_ROWS);
  }

  /** Writes the rest and waits for every write; throws the error of a failed one. */
  async finish(): Promise<void> {
    await this.flush();
    if (this.rows.length) await this.send(this.rows.length);
    await this.settled();
  }

  async close(): Promise<void> {
    await this.checker?.close();
  }

  private async send(count: number): Promise<void> {
    const rows = this.rows.splice(0, count);
    const records = this.records.splice(0, count);
    this.fed += rows.length;
    const checking = this.check(rows, records);
    await this.settled();
    this.writing = checking.then((checked) => this.write(rows, checked)).then(
      () => null,
      (err: unknown) => err ?? new Error('an import batch failed'),
    );
  }

  private async settled(): Promise<void> {
    const failed = await this.writing;
    if (failed) throw failed;
  }

  private check(rows: MappedRow[], records: SourceRecord[]): Promise<unknown> {
    const { prepared } = this;
    if (!this.checker && !this.workerFailed && prepared.workerCheck && this.fed > WORKER_AFTER_ROWS) {
      this.checker = new CheckWorker(prepared.workerCheck, this.file.headers, this.file.mapping);
    }
    if (!this.checker || this.workerFailed) return Promise.resolve(prepared.validate?.(rows));
    return this.checker.check(rows, records).catch((err: unknown) => {
      if (!this.workerFailed) this.logger.warn({ err }, 'the import validation worker failed; validating in the job thread');
      this.workerFailed = true;
      return prepared.validate?.(rows);
    });
  }
}
