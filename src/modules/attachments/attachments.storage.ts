import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';

/** Attachment files live under <dataDir>/files/<yyyy>/<id>; the row keeps the key "<yyyy>/<id>". */

export const storageKeyOf = (id: string, at: Date) => `${at.getUTCFullYear()}/${id}`;

const fileOf = (dataDir: string, key: string) => path.join(dataDir, 'files', ...key.split('/'));

export async function writeStored(dataDir: string, key: string, bytes: Uint8Array): Promise<void> {
  const file = fileOf(dataDir, key);
  await fs.promises.mkdir(path.dirname(file), { recursive: true });
  await fs.promises.writeFile(file, bytes, { flag: 'wx' });
}

/** Removes files; a file that is already gone is not an error. */
export async function removeStoredFiles(dataDir: string, keys: string[]): Promise<void> {
  await Promise.all(keys.map((k) => fs.promises.rm(fileOf(dataDir, k), { force: true })));
}

export function readStored(dataDir: string, key: string): ReadableStream<Uint8Array> | null {
  const file = fileOf(dataDir, key);
  if (!fs.existsSync(file)) return null;
  return Readable.toWeb(fs.createReadStream(file)) as ReadableStream<Uint8Array>;
}

/** A file name safe to keep and show: no path, no control characters, at most 255 characters. */
export function cleanFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex -- stripping control characters is the point
  const clean = base.replace(/[\u0000-\u001f\u007f]/g, '').trim().slice(0, 255);
  return clean || 'file';
}

/** Content-Disposition with an ASCII fallback and the UTF-8 name (RFC 6266 / RFC 5987). */
export function contentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
