/** A node of a parent/child list (departments, later territories or product groups). */
export interface TreeItem {
  id: string;
  parentId: string | null;
}

/**
 * Depth-first order of a flat parent/child list, siblings sorted by `label`, each with its depth.
 * Items whose parent is missing are treated as roots; a cycle cannot hide an item.
 */
export function flattenTree<T extends TreeItem>(items: readonly T[], label: (item: T) => string): { item: T; depth: number }[] {
  const ids = new Set(items.map((i) => i.id));
  const children = new Map<string | null, T[]>();
  for (const item of items) {
    const parent = item.parentId !== null && ids.has(item.parentId) ? item.parentId : null;
    children.set(parent, [...(children.get(parent) ?? []), item]);
  }
  for (const list of children.values()) list.sort((a, b) => label(a).localeCompare(label(b)));
  const out: { item: T; depth: number }[] = [];
  const seen = new Set<string>();
  const walk = (parent: string | null, depth: number) => {
    for (const item of children.get(parent) ?? []) {
      if (seen.has(item.id)) continue;
      seen.add(item.id);
      out.push({ item, depth });
      walk(item.id, depth + 1);
    }
  };
  walk(null, 0);
  for (const item of items) if (!seen.has(item.id)) out.push({ item, depth: 0 });
  return out;
}

/** The id and the ids of every item below it. */
export function subtreeIds(items: readonly TreeItem[], rootId: string): Set<string> {
  const out = new Set([rootId]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const i of items) {
      if (i.parentId !== null && out.has(i.parentId) && !out.has(i.id)) {
        out.add(i.id);
        grew = true;
      }
    }
  }
  return out;
}

/** Select options in tree order, each labelled with its path ("Sales / Moscow"). */
export function treeOptions<T extends TreeItem>(items: readonly T[], label: (item: T) => string): { value: string; label: string }[] {
  const byId = new Map(items.map((i) => [i.id, i]));
  const path = (item: T, depth = 0): string => {
    const parent = item.parentId !== null ? byId.get(item.parentId) : undefined;
    return parent && depth < 100 ? `${path(parent, depth + 1)} / ${label(item)}` : label(item);
  };
  return flattenTree(items, label).map(({ item }) => ({ value: item.id, label: path(item) }));
}
