import { describe, expect, it } from 'vitest';
import { AppError } from '../../shared/errors.js';
import { inBase, replayLots, type LotEvent } from '../../shared/lots/index.js';
import { TAX_YEAR_EVENTS, TAX_YEAR_FX } from '../fixtures/lots-tax-year.js';

const buy = (id: string, date: string, quantity: string, price: string, fee = '0', accountId = 'a'): LotEvent => ({
  kind: 'buy', id, accountId, symbol: 'X', currency: 'USD', date, quantity, price, fee,
});
const sell = (id: string, date: string, quantity: string, price: string, extra: Partial<Extract<LotEvent, { kind: 'sell' }>> = {}): LotEvent => ({
  kind: 'sell', id, accountId: 'a', symbol: 'X', date, quantity, price, ...extra,
});
const texts = (rows: readonly object[], keys: string[]) =>
  rows.map((r) => Object.fromEntries(keys.map((k) => [k, String((r as Record<string, unknown>)[k])])));

function codeOf(f: () => unknown): string | undefined {
  try {
    f();
  } catch (e) {
    return e instanceof AppError ? e.code : 'not an AppError';
  }
  return undefined;
}

describe('lots engine, worked examples', () => {
  const three = [buy('l1', '2024-01-01', '10', '10'), buy('l2', '2024-02-01', '10', '30'), buy('l3', '2024-03-01', '10', '20')];

  it.each([
    ['fifo', ['l1']],
    ['lifo', ['l3']],
    ['hifo', ['l2']],
  ] as const)('%s closes %j first', (method, lots) => {
    const book = replayLots(three, { defaultMethod: method });
    expect(book.apply(sell('s', '2024-04-01', '10', '25')).map((c) => c.lotId)).toEqual(lots);
  });

  it('average cost releases the pool average and re-spreads the rest', () => {
    const book = replayLots(three, { defaultMethod: 'average' });
    // Pool: 30 units for 600.00, so 20.00 a unit; 15 units release 300.00, taken from l1 then l2.
    const taken = book.apply(sell('s', '2024-04-01', '15', '25', { fee: '1.50' }));
    expect(texts(taken, ['lotId', 'quantity', 'cost', 'proceeds', 'fees', 'gain'])).toEqual([
      { lotId: 'l1', quantity: '10', cost: '200', proceeds: '250', fees: '1', gain: '49' },
      { lotId: 'l2', quantity: '5', cost: '100', proceeds: '125', fees: '0.5', gain: '24.5' },
    ]);
    expect(texts(book.open(), ['id', 'quantity', 'cost'])).toEqual([
      { id: 'l2', quantity: '5', cost: '100' },
      { id: 'l3', quantity: '10', cost: '200' },
    ]);
  });

  it('a 2:1 split doubles units, keeps cost and dates, and realizes nothing; a 1:10 reverse split divides them', () => {
    const book = replayLots([buy('l1', '2024-01-01', '30', '10', '1.00')]);
    expect(book.apply({ kind: 'split', id: 's', symbol: 'X', date: '2024-02-01', numerator: '2', denominator: '1' })).toEqual([]);
    expect(texts(book.open(), ['quantity', 'cost', 'acquired'])).toEqual([{ quantity: '60', cost: '301', acquired: '2024-01-01' }]);
    book.apply({ kind: 'split', id: 'r', symbol: 'X', date: '2024-03-01', numerator: '1', denominator: '10' });
    expect(texts(book.open(), ['quantity', 'cost'])).toEqual([{ quantity: '6', cost: '301' }]);
  });

  it('a stock dividend adds bonus units to each lot at no cost; a symbol change renames the lots', () => {
    const book = replayLots([buy('l1', '2024-01-01', '40', '10'), buy('l2', '2024-01-02', '20', '10')]);
    book.apply({ kind: 'stock-dividend', id: 'd', symbol: 'X', date: '2024-02-01', numerator: '1', denominator: '20' });
    expect(texts(book.open(), ['id', 'quantity', 'cost'])).toEqual([
      { id: 'l1', quantity: '42', cost: '400' },
      { id: 'l2', quantity: '21', cost: '200' },
    ]);
    book.apply({ kind: 'symbol-change', id: 'c', symbol: 'X', date: '2024-03-01', newSymbol: 'Y' });
    expect(book.open({ symbol: 'X' })).toEqual([]);
    expect(book.quantity('a', 'Y').toFixed()).toBe('63');
  });

  it('a transfer moves lots with their dates and cost, realizing nothing', () => {
    const book = replayLots(three);
    book.apply({ kind: 'transfer', id: 't', fromAccountId: 'a', toAccountId: 'b', symbol: 'X', date: '2024-05-01', quantity: '15' });
    expect(book.closed).toEqual([]);
    expect(texts(book.open({ accountId: 'b' }), ['id', 'acquired', 'quantity', 'cost'])).toEqual([
      { id: 'l1', acquired: '2024-01-01', quantity: '10', cost: '100' },
      { id: 'l2', acquired: '2024-02-01', quantity: '5', cost: '150' },
    ]);
    expect(book.quantity('a', 'X').toFixed()).toBe('15');
  });

  it('refuses bad input with a stable code and changes nothing', () => {
    const book = replayLots(three);
    const before = JSON.stringify(book.open());
    expect(codeOf(() => book.apply(sell('s', '2024-04-01', '31', '1')))).toBe('INSUFFICIENT_HOLDING');
    expect(codeOf(() => book.apply(sell('s', '2024-04-01', '1', '1', { lots: [{ lotId: 'nope', quantity: '1' }] })))).toBe('NOT_FOUND');
    expect(codeOf(() => book.apply(sell('s', '2024-04-01', '2', '1', { lots: [{ lotId: 'l1', quantity: '1' }] })))).toBe('INVALID_INPUT');
    expect(codeOf(() => book.apply(sell('s', '2024-04-01', '11', '1', { lots: [{ lotId: 'l1', quantity: '11' }] })))).toBe('INSUFFICIENT_HOLDING');
    expect(codeOf(() => book.apply(sell('s', '2024-04-01', '-1', '1')))).toBe('INVALID_INPUT');
    expect(codeOf(() => book.apply({ kind: 'split', id: 'z', symbol: 'X', date: '2024-04-01', numerator: '0', denominator: '1' }))).toBe('INVALID_INPUT');
    expect(codeOf(() => book.apply({ ...three[0]!, currency: 'EUR' } as LotEvent))).toBe('INVALID_INPUT');
    expect(JSON.stringify(book.open())).toBe(before);
    expect(book.closed).toEqual([]);
  });

  it('the two-currency tax-year fixture, to the cent: cost at the buy-day rate, proceeds and fees at the sale-day rate', () => {
    const book = replayLots(TAX_YEAR_EVENTS);
    const rows = book.closed.map((c) => inBase(c, 'EUR', TAX_YEAR_FX));
    // x1: 24 AAPL at 100.00 = 2400.00 gross, fee 2.00, after the 2:1 split (b1 is 20 units for 1501.00, b3 10 for 901.00).
    //   b1, all 20: proceeds 2400×20/24 = 2000.00, fee 2×20/24 = 1.67, gain 2000 − 1.67 − 1501 = 497.33;
    //     EUR: cost 1501×0.94 = 1410.94, proceeds 2000×0.92 = 1840.00, fee 1.67×0.92 = 1.54, gain 427.52.
    //   b3, 4 of 10: cost 901×4/10 = 360.40, proceeds 400.00, fee 0.33, gain 39.27;
    //     EUR: cost 360.40×0.93 = 335.172 → 335.17, proceeds 368.00, fee 0.3036 → 0.30, gain 32.53.
    // x2: 400 VOD at 0.6850 = 274.00, fee 3.00, cost 717.30×400/1000 = 286.92, gain −15.92;
    //     EUR: cost 286.92×1.16 = 332.8272 → 332.83, proceeds 274×1.19 = 326.06, fee 3.57, gain −10.34.
    // x3: the 6 left of b3, cost 901 − 360.40 = 540.60, proceeds 630.00, gain 89.40;
    //     EUR: cost 540.60×0.93 = 502.758 → 502.76, proceeds 630×0.96 = 604.80, gain 102.04.
    expect(texts(rows, ['sellId', 'lotId', 'acquired', 'sold', 'currency', 'quantity', 'proceeds', 'fees', 'cost', 'gain', 'baseProceeds', 'baseFees', 'baseCost', 'baseGain']).map((r) => Object.values(r).join(' '))).toEqual([
      'x1 b1 2023-03-01 2024-06-10 USD 20 2000 1.67 1501 497.33 1840 1.54 1410.94 427.52',
      'x1 b3 2024-02-15 2024-06-10 USD 4 400 0.33 360.4 39.27 368 0.3 335.17 32.53',
      'x2 b2 2024-01-10 2024-09-20 GBP 400 274 3 286.92 -15.92 326.06 3.57 332.83 -10.34',
      'x3 b3 2024-02-15 2025-01-05 USD 6 630 0 540.6 89.4 604.8 0 502.76 102.04',
    ]);
  });

  it('a lot whose day has no rate has no base figures rather than figures at another day\'s rate', () => {
    const book = replayLots([buy('l1', '2024-01-01', '1', '10'), sell('s', '2024-06-10', '1', '12')]);
    const row = inBase(book.closed[0]!, 'EUR', TAX_YEAR_FX);
    expect(row.baseGain).toBeUndefined();
    expect(row.gain.toFixed()).toBe('2');
  });

  it('sums the lots of a position exactly past what a double holds (holdings)', () => {
    // Ten lots of 999,999,999,999,999 units and one of 1: 9,999,999,999,999,991, an odd sum above 2^53.
    const events = [...Array.from({ length: 10 }, (_, i) => buy(`b${i}`, '2024-01-01', '999999999999999', '0')), buy('one', '2024-01-02', '1', '0.01')];
    const [h] = replayLots(events).holdings();
    expect(h!.quantity.toFixed()).toBe('9999999999999991');
    expect(h!.cost.toFixed()).toBe('0.01');
  });
});
