/**
 * How a file row changes an existing record: the values it has replace the record's, cells it leaves
 * empty keep them; phones, e-mails, tags and other lists gain the row's items instead of losing theirs.
 */

export function unionBy<T>(before: T[], added: T[] | undefined, key: (x: T) => string): T[] {
  if (!added?.length) return before;
  const seen = new Set(before.map(key));
  const out = [...before];
  for (const x of added) {
    const k = key(x);
    if (!seen.has(k)) {
      seen.add(k);
      out.push(x);
    }
  }
  return out;
}

export const phoneKey = (p: { raw: string; e164: string | null; ext: string | null }) => `${p.e164 ?? p.raw}|${p.ext ?? ''}`;
export const emailKey = (e: { email: string }) => e.email.toLowerCase();
export const same = (x: string) => x;

interface AddressLike {
  kind: string;
  country: string | null;
  city: string | null;
  postalCode: string | null;
  line: string | null;
}

/** Addresses by kind: the row's address of a kind fills in over the record's (its empty parts keep the old ones). */
export function mergeAddresses<A extends AddressLike>(before: A[], added: A[] | undefined): A[] {
  if (!added?.length) return before;
  const out = [...before];
  for (const a of added) {
    const i = out.findIndex((x) => x.kind === a.kind);
    if (i < 0) out.push(a);
    else {
      const old = out[i]!;
      out[i] = { ...old, country: a.country ?? old.country, city: a.city ?? old.city, postalCode: a.postalCode ?? old.postalCode, line: a.line ?? old.line };
    }
  }
  return out;
}
