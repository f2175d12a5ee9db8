import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/**
 * Copies the SQLite write-ahead log into the database file from a worker thread with its own connection
 * (PASSIVE checkpoints never block the app's writer). Left to the app's connection, a checkpoint ran inside
 * whichever request crossed the WAL threshold and stalled it for tens of milliseconds on a large database.
 * The app's connection keeps a high automatic threshold as a safety net should the worker stop.
 */

const source = `
const { workerData, parentPort } = require('node:worker_threads');
const Database = require(workerData.module);
const db = new Database(workerData.file);
db.pragma('busy_timeout = 1000');
const timer = setInterval(() => {
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
  } catch {}
}, workerData.everyMs);
parentPort.once('message', () => {
  clearInterval(timer);
  db.close();
  parentPort.close();
});
`;

export const APP_AUTOCHECKPOINT_PAGES = 20_000;

export function startCheckpointer(file: string, everyMs = 500): { stop(): Promise<void> } {
  const worker = new Worker(source, { eval: true, workerData: { file, everyMs, module: createRequire(import.meta.url).resolve('better-sqlite3') } });
  worker.unref();
  return {
    stop: () =>
      new Promise((resolve) => {
        worker.ref();
        worker.once('exit', () => resolve());
        worker.postMessage('stop');
      }),
  };
}
