import { randomBytes } from 'node:crypto';

let lastMs = 0;
let seq = 0;

/** Random bytes are drawn 4 KiB at a time: one call per id costs more than the rest of newId. */
const POOL = 4096;
let pool = randomBytes(POOL);
let used = 0;

function random16(): Buffer {
  if (used + 16 > POOL) {
    pool = randomBytes(POOL);
    used = 0;
  }
  const b = Buffer.from(pool.subarray(used, used + 16));
  used += 16;
  return b;
}

/** UUIDv7: time-ordered, so new rows append to indexes and keyset pagination by id follows creation order. */
export function newId(now = Date.now()): string {
  if (now <= lastMs) {
    seq = (seq + 1) & 0xfff;
    if (seq === 0) lastMs += 1;
    now = lastMs;
  } else {
    lastMs = now;
    seq = random16().readUInt16BE() & 0x7ff;
  }
  const b = random16();
  b.writeUIntBE(now, 0, 6);
  b[6] = 0x70 | (seq >> 8);
  b[7] = seq & 0xff;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function isId(value: string): boolean {
  return UUID_RE.test(value);
}

/** Random URL-safe secret (session ids, API tokens, CSRF tokens). */
export function newSecret(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}
