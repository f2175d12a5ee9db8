import { describe, expect, it } from 'vitest';
import { resources } from '../../platform/access/permissions.js';
import { namespaces } from './resources.js';

/** Dotted keys of a translation tree; plural forms (_one, _few, _many, _other...) count as one key. */
function keysOf(tree: object, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([k, v]) =>
    v && typeof v === 'object' ? keysOf(v as object, `${prefix}${k}.`) : [`${prefix}${k.replace(/_(zero|one|two|few|many|other)$/, '')}`],
  );
}

describe('translations', () => {
  it.each(Object.keys(namespaces))('namespace %s has the same keys in en, ru and bg', (ns) => {
    const { en, ru, bg } = namespaces[ns]!;
    const expected = [...new Set(keysOf(en))].sort();
    expect([...new Set(keysOf(ru))].sort()).toEqual(expected);
    expect([...new Set(keysOf(bg))].sort()).toEqual(expected);
  });

  it('the role editor names every resource of the permission model', () => {
    for (const lang of ['en', 'ru', 'bg'] as const) {
      const names = (namespaces.roles![lang] as { resources: Record<string, string> }).resources;
      expect(resources.filter((r) => !names[r])).toEqual([]);
    }
  });
});
