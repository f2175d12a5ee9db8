import fs from 'node:fs';
import path from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Selectable } from 'kysely';
import type { ImportUploadTable } from '../../platform/db/schema.js';
import { AppError } from '../../platform/errors.js';
import type { FileShape } from './parse/source.js';

/** Uploaded import files live under <dataDir>/imports/<yyyy>/<id> until the upload is deleted. */

const fileOf = (dataDir: string, key: string) => path.join(dataDir, 'imports', ...key.split('/'));

export const uploadKeyOf = (id: string, at: Date) => `${at.getUTCFullYear()}/${id}`;

/** The stored file's path, or null when it is gone. */
export function uploadFile(dataDir: string, key: string): string | null {
  const file = fileOf(dataDir, key);
  return fs.existsSync(file) ? file : null;
}

export function uploadShape(u: Pick<Selectable<ImportUploadTable>, 'format' | 'encoding' | 'delimiter'>): FileShape {
  return { format: u.format as FileShape['format'], encoding: u.encoding as FileShape['encoding'], delimiter: u.delimiter as FileShape['delimiter'] };
}

/** Streams a request body to the file; more than `limit` bytes is a 413 and leaves no file behind. */
export async function storeUpload(dataDir: string, key: string, body: ReadableStream<Uint8Array>, limit: number): Promise<{ file: string; size: number }> {
  const file = fileOf(dataDir, key);
  await fs.promises.mkdir(path.dirname(file), { recursive: true });
  let size = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _enc, done) {
      size += chunk.length;
      if (size > limit) done(new AppError('request.too_large', 413, `The file is larger than ${limit} bytes`));
      else done(null, chunk);
    },
  });
  try {
    await pipeline(Readable.fromWeb(body as import('node:stream/web').ReadableStream<Uint8Array>), counter, fs.createWriteStream(file, { flags: 'wx' }));
  } catch (err) {
    await fs.promises.rm(file, { force: true });
    throw err;
  }
  return { file, size };
}

export async function removeUpload(dataDir: string, key: string): Promise<void> {
  await fs.promises.rm(fileOf(dataDir, key), { force: true });
}
