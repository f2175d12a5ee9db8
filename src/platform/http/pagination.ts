import { z } from 'zod';
import { AppError } from '../errors.js';

/** Keyset pagination: the cursor is the (sort value, id) of the last row of the previous page. */
export interface Cursor {
  v: string | number | null;
  id: string;
}

export function encodeCursor(c: Cursor): string {
  return Buffer.from(JSON.stringify([c.v, c.id])).toString('base64url');
}

export function decodeCursor(s: string): Cursor {
  try {
    const [v, id] = JSON.parse(Buffer.from(s, 'base64url').toString('utf8')) as [Cursor['v'], string];
    if (typeof id !== 'string' || !['string', 'number'].includes(typeof v) && v !== null) throw new Error('shape');
    return { v, id };
  } catch {
    throw AppError.validation([{ field: 'cursor', code: 'validation.cursor_invalid', message: 'is not a cursor from this list' }]);
  }
}

/** Query-string parameters every list endpoint accepts. */
export const pageQuery = {
  limit: z.coerce.number().int().min(1, 'must be at least 1').max(500, 'must be at most 500').default(50),
  cursor: z.string().max(2000).optional(),
};

export const pageOf = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), nextCursor: z.string().nullable() });
