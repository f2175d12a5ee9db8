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

  async add(row: MappedRow, record: SourceRecord): Promise<void> {
    this.rows.push(row);
    this.records.push(record);
    if (this.rows.length >= BATCH_ROWS) await this.flush();
  }

  /** Writes the last batch and waits for every write; throws the error of a failed one. */
  async finish(): Promise<void> {
    if (this.rows.length) await this.flush();
    await this.settled();
  }

  async close(): Promise<void> {
    await this.checker?.close();
  }

  private async flush(): Promise<void> {
    const { rows, records } = this;
    this.rows = [];
    this.records = [];
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
