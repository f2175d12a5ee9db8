import { describe, expect, it } from 'vitest';
import { flattenTree, subtreeIds, treeOptions } from './tree.js';

const d = (id: string, parentId: string | null, name = id) => ({ id, parentId, name });
const items = [d('b', null, 'Sales'), d('a', null, 'Marketing'), d('b2', 'b', 'Sofia'), d('b1', 'b', 'Moscow'), d('b1x', 'b1', 'Key accounts')];

describe('flattenTree', () => {
  it('lists parents before children, siblings by name, with depth', () => {
    expect(flattenTree(items, (i) => i.name).map(({ item, depth }) => `${depth}:${item.name}`)).toEqual([
      '0:Marketing',
      '0:Sales',
      '1:Moscow',
      '2:Key accounts',
      '1:Sofia',
    ]);
  });

  it('treats items with a missing parent as roots and never loses items in a cycle', () => {
    const odd = [d('x', 'gone'), d('p', 'q'), d('q', 'p')];
    const out = flattenTree(odd, (i) => i.name).map(({ item }) => item.id);
    expect(out.sort()).toEqual(['p', 'q', 'x']);
  });
});

describe('subtreeIds', () => {
  it('is the item and everything below it', () => {
    expect([...subtreeIds(items, 'b')].sort()).toEqual(['b', 'b1', 'b1x', 'b2']);
    expect([...subtreeIds(items, 'a')]).toEqual(['a']);
  });
});

describe('treeOptions', () => {
  it('labels every item with its path', () => {
    expect(treeOptions(items, (i) => i.name).map((o) => o.label)).toEqual([
      'Marketing',
      'Sales',
      'Sales / Moscow',
      'Sales / Moscow / Key accounts',
      'Sales / Sofia',
    ]);
  });
});
