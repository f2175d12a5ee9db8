import { parentPort, workerData } from 'node:worker_threads';
import type { Mapping } from '../imports.schema.js';
import { rowChecks } from '../targets/checks.js';
import type { SourceRecord } from '../parse/source.js';
import { rowMapper, type WorkerCheck } from './target.js';

/**
 * A validation worker thread (started by CheckWorker): maps and checks the batches of records it is sent and
 * answers with the drafts (each naming its row's index in the batch instead of the row) and the errors.
 */

const data = workerData as WorkerCheck & { headers: string[]; mapping: Mapping };
const map = rowMapper(data.headers, data.mapping);
const check = rowChecks[data.check]!(data.settings as never);

parentPort!.on('message', ({ id, records }: { id: number; records: SourceRecord[] }) => {
  try {
    const rows = records.map((rec) => map(rec.row, rec.cells));
    const index = new Map(rows.map((r, i) => [r, i]));
    const out = check(rows);
    const drafts = out.drafts.map(({ r, ...draft }) => ({ ...draft, i: index.get(r)! }));
    parentPort!.postMessage({ id, drafts, errors: out.errors });
  } catch (err) {
    parentPort!.postMessage({ id, failure: err instanceof Error ? err.message : String(err) });
  }
});
