import { randomBytes } from 'node:crypto';

let lastMs = 0;
let seq = 0;

/** Random bytes are drawn 4 KiB at a time: one call per id costs more than the rest of newId. */
const POOL = 4096;
let pool = randomBytes(POOL);
let used = 0;

/** `n` fresh random bytes: the offset of the first in `pool`. */
function random(n: number): number {
  if (used + n > POOL) {
    pool = randomBytes(POOL);
    used = 0;
  }
  used += n;
  return used - n;
}

/** ASCII codes of the hex digits, and the id's characters written in place (one string made per id). */
const DIGITS = Buffer.from('0123456789abcdef', 'latin1');
const text = Buffer.from('00000000-0000-7000-8000-000000000000', 'latin1');
/** Where each of the 16 bytes goes in the text (two hex digits each, dashes left alone). */
const AT = [0, 2, 4, 6, 9, 11, 14, 16, 19, 21, 24, 26, 28, 30, 32, 34];

function put(i: number, byte: number): void {
  text[AT[i]!] = DIGITS[byte >> 4]!;
  text[AT[i]! + 1] = DIGITS[byte & 15]!;
}

/**
 * UUIDv7: time-ordered, so new rows append to indexes and keyset pagination by id follows creation order.
 * Written from the pool's bytes into one reused buffer (no Buffer nor hex string per id: a million-row
 * import makes millions of ids).
 */
export function newId(now = Date.now()): string {
  if (now <= lastMs) {
    seq = (seq + 1) & 0xfff;
    if (seq === 0) lastMs += 1;
    now = lastMs;
  } else {
    lastMs = now;
    const at = random(2);
    seq = ((pool[at]! << 8) | pool[at + 1]!) & 0x7ff;
  }
  const high = Math.floor(now / 2 ** 32);
  const low = now >>> 0;
  put(0, (high >> 8) & 0xff);
  put(1, high & 0xff);
  put(2, low >>> 24);
  put(3, (low >> 16) & 0xff);
  put(4, (low >> 8) & 0xff);
  put(5, low & 0xff);
  put(6, 0x70 | (seq >> 8));
  put(7, seq & 0xff);
  const r = random(8);
  put(8, (pool[r]! & 0x3f) | 0x80);
  for (let i = 1; i < 8; i++) put(8 + i, pool[r + i]!);
  return text.toString('latin1', 0, 36);
}

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function isId(value: string): boolean {
  return UUID_RE.test(value);
}

/** Random URL-safe secret (session ids, API tokens, CSRF tokens). */
export function newSecret(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}
