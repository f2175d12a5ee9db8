/**
 * Per-field versions of a record, stored as JSON { field: version that last changed it }: a version
 * conflict can name the fields changed after the version a client read.
 */

/** Records, per changed field, the version that changed it. */
export function bumpFieldVersions(stored: string, changed: string[], version: number): string {
  const map = JSON.parse(stored) as Record<string, number>;
  for (const f of changed) map[f] = version;
  return JSON.stringify(map);
}

/** Fields changed after the version a client read. */
export function changedSince(stored: string, version: number): string[] {
  return Object.entries(JSON.parse(stored) as Record<string, number>)
    .filter(([, v]) => v > version)
    .map(([f]) => f)
    .sort();
}
