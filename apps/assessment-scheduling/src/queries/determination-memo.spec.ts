import { DeterminationMemo } from './determination-memo';

describe('determinations kept while the database is unchanged', () => {
  it('gives an entry only for the very snapshot it was worked out at', () => {
    const memo = new DeterminationMemo<string>();
    memo.store('100:105:101,103', [['a', 'A']]);
    expect(memo.get('100:105:101,103', 'a')).toBe('A');
    expect(memo.get('100:105:101,103', 'b')).toBeUndefined();
    // Transaction 103 committed: same xmax, another snapshot.
    expect(memo.get('100:105:101', 'a')).toBeUndefined();
  });

  it('keeps the latest snapshot only, and never goes back to an older one', () => {
    const memo = new DeterminationMemo<string>();
    memo.store('100:105:', [['a', 'old']]);
    memo.store('100:107:', [['b', 'new']]);
    expect(memo.get('100:105:', 'a')).toBeUndefined();
    expect(memo.get('100:107:', 'b')).toBe('new');
    // A slow request that began at the older snapshot stores nothing over the newer one.
    memo.store('100:105:', [['a', 'late']]);
    expect(memo.get('100:107:', 'b')).toBe('new');
    expect(memo.get('100:105:', 'a')).toBeUndefined();
    // Nor does something that is not a snapshot.
    memo.store('garbage', [['c', 'x']]);
    expect(memo.get('100:107:', 'b')).toBe('new');
  });

  it('holds at most its capacity', () => {
    const memo = new DeterminationMemo<number>(2);
    memo.store('1:2:', [['a', 1], ['b', 2], ['c', 3]]);
    expect([memo.get('1:2:', 'a'), memo.get('1:2:', 'b'), memo.get('1:2:', 'c')]).toEqual([1, 2, undefined]);
  });
});
