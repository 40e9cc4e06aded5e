import { describe, expect, it } from 'vitest';
import { LotBook, type LotEvent } from '../../shared/lots/index.js';
import { OpenCosts, methodOf } from '../../main/portfolio/lot-costs.js';

const figures = (m: ReturnType<OpenCosts['of']>) =>
  Object.fromEntries([...m].sort(([a], [b]) => a.localeCompare(b)).map(([s, c]) => [s, `${c.quantity.toFixed()} ${c.cost.toFixed()} ${c.costUnits}`]));

/** Buys, sells, a transfer, a split and symbol changes (one back again) over two accounts with different methods. */
const EVENTS: LotEvent[] = [
  { kind: 'buy', id: 'b1', accountId: 'a', symbol: 'X', currency: 'USD', date: '2024-01-01', quantity: '10', price: '10', fee: '1' },
  { kind: 'buy', id: 'b2', accountId: 'b', symbol: 'X', currency: 'USD', date: '2024-01-02', quantity: '4', price: '12.5' },
  { kind: 'buy', id: 'b3', accountId: 'a', symbol: 'Y', currency: 'EUR', date: '2024-01-03', quantity: '3', price: '7' },
  { kind: 'sell', id: 's1', accountId: 'b', symbol: 'X', date: '2024-01-04', quantity: '1', price: '13' },
  { kind: 'transfer', id: 't1', fromAccountId: 'a', toAccountId: 'b', symbol: 'X', date: '2024-01-05', quantity: '2.5' },
  { kind: 'split', id: 'p1', symbol: 'X', date: '2024-01-06', numerator: '3', denominator: '1' },
  { kind: 'symbol-change', id: 'r1', symbol: 'Y', date: '2024-01-07', newSymbol: 'Z' },
  { kind: 'sell', id: 's2', accountId: 'a', symbol: 'Z', date: '2024-01-08', quantity: '1', price: '9' },
  { kind: 'symbol-change', id: 'r2', symbol: 'Z', date: '2024-01-09', newSymbol: 'Y' },
  { kind: 'sell', id: 's3', accountId: 'a', symbol: 'X', date: '2024-01-10', quantity: '22.5', price: '5' },
];

describe('the live snapshot\'s open cost from the lots book', () => {
  it('brought up to date event by event equals a sum of the whole book, renames included', () => {
    const book = new LotBook({ methods: { a: 'fifo', b: 'hifo' } });
    const kept = new OpenCosts();
    for (const e of EVENTS) {
      book.apply(e);
      expect(figures(kept.of(book))).toEqual(figures(new OpenCosts().of(book)));
    }
    // Y was renamed to Z and back: its lot is Y's again, and Z (its sell's symbol then) is Y now.
    // X: a's 10 (101.00 with the fee) less 2.5 moved to b, tripled, all sold; b keeps 3 of its 4 at 12.50 and the
    // 2.5 moved (25.25), tripled: 16.5 for 62.75. Y: 3 for 21, one sold as Z (7): 2 for 14. Cost units at 10^28.
    expect(figures(kept.of(book))).toEqual({ X: `16.5 62.75 ${6275n * 10n ** 26n}`, Y: `2 14 ${14n * 10n ** 28n}` });
    expect(book.currentSymbol('Z')).toBe('Y');
    expect(book.currentSymbol('Y')).toBe('Y');
    expect(book.changedSince(book.mark)).toEqual([]);
    expect(book.changedSince(book.mark - 1).sort()).toEqual(['X']);
  });

  it('a refused event changes no mark', () => {
    const book = new LotBook();
    book.apply(EVENTS[0]!);
    const mark = book.mark;
    expect(() => book.apply({ kind: 'sell', id: 'x', accountId: 'a', symbol: 'X', date: '2024-02-01', quantity: '99', price: '1' })).toThrow();
    expect(book.mark).toBe(mark);
    expect(book.changedSince(mark)).toEqual([]);
  });

  it('names the method the accounts share, or mixed', () => {
    expect(methodOf([{ cost_method: 'lifo' }, { cost_method: 'lifo' }])).toBe('lifo');
    expect(methodOf([{ cost_method: 'lifo' }, { cost_method: 'fifo' }])).toBe('mixed');
  });
});
