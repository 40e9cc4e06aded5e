import { describe, expect, it } from 'vitest';
import { chunk, missingRanges } from '../../main/sync/plan.js';

describe('sync plan', () => {
  it('fetches everything when nothing is stored', () => {
    expect(missingRanges({ first: null, last: null }, '2024-01-01', '2024-03-01')).toEqual([{ from: '2024-01-01', to: '2024-03-01' }]);
  });
  it('fetches only the gap before and the tail again (last 5 days re-fetched for corrections)', () => {
    expect(missingRanges({ first: '2024-02-01', last: '2024-02-20' }, '2024-01-01', '2024-03-01')).toEqual([
      { from: '2024-01-01', to: '2024-01-31' },
      { from: '2024-02-15', to: '2024-03-01' },
    ]);
  });
  it('does not reach before the date asked for', () => {
    expect(missingRanges({ first: '2024-01-01', last: '2024-01-03' }, '2024-01-02', '2024-01-04')).toEqual([
      { from: '2024-01-02', to: '2024-01-04' },
    ]);
  });
  it('splits into provider-sized requests without gaps or overlaps', () => {
    const parts = chunk([{ from: '2024-01-01', to: '2024-01-10' }], 4);
    expect(parts).toEqual([
      { from: '2024-01-01', to: '2024-01-04' },
      { from: '2024-01-05', to: '2024-01-08' },
      { from: '2024-01-09', to: '2024-01-10' },
    ]);
  });
});

describe('sync plan: closures', () => {
  it('does not plan a weekend gap before the first publication', () => {
    // since is a Saturday, the first stored rate the Monday after: nothing is ever published in between.
    expect(missingRanges({ first: '2021-11-22', last: '2021-11-26' }, '2021-11-20', '2021-11-26')).toEqual([
      { from: '2021-11-21', to: '2021-11-26' },
    ]);
  });
});
