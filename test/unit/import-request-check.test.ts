import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { surelyValid } from '../../main/import/request-check.js';
import { ActivityRecordRequest } from '../../shared/contract/index.js';

/** The import's hand check of a row's request says yes exactly when the zod schema does (fast-check). */
describe('import request check', () => {
  // Mostly valid values (so that whole requests pass often), each pool with the ways a field can be wrong.
  const mostly = <T>(good: fc.Arbitrary<T>, bad: fc.Arbitrary<T>) => fc.oneof({ arbitrary: good, weight: 12 }, { arbitrary: bad, weight: 1 });
  const amount = mostly(
    fc.oneof(fc.constantFrom('1', '0.5', '12.50', '123456789012345.123456789012345678'), fc.stringMatching(/^[1-9]\d{0,5}(\.\d{1,4})?$/)),
    fc.oneof(fc.constantFrom('0', '0.00', '-1', '01', '1.', '.5', '1e3', '', ' 1', '1234567890123456', '1.1234567890123456789'), fc.stringMatching(/^[0-9.]{1,20}$/)),
  );
  const currency = mostly(fc.constantFrom('USD', 'EUR'), fc.constantFrom('usd', 'US', 'USDX', '', 'U1D'));
  const symbol = mostly(fc.constantFrom('AAPL', 'BTC-USD', 'BRK.B', '^GSPC', 'A'.repeat(32)), fc.constantFrom('aapl', '', '-X', 'A'.repeat(33), 'A B'));
  const date = mostly(fc.constant('2024-01-02'), fc.constantFrom('2024-1-02', '2024-13-45', '20240102', '', '2024-01-02T00:00'));
  const note = fc.option(mostly(fc.constantFrom('', 'plain', 'Café', 'x'.repeat(500)), fc.oneof(fc.constant('x'.repeat(501)), fc.string())), { nil: undefined });
  const key = mostly(fc.constantFrom('import-row', 'x'.repeat(128), 'a.b_c:d-e'), fc.constantFrom('short', 'x'.repeat(129), 'bad key!'));
  const opt = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: undefined });
  const extra = fc.option(fc.constantFrom('symbol', 'currency', 'fee', 'amount', 'extra'), { nil: undefined, freq: 8 });
  const req = fc
    .record({
      type: mostly(fc.constantFrom('buy', 'sell', 'deposit', 'withdrawal', 'interest', 'fee', 'dividend', 'fx-exchange'), fc.constant('transfer')),
      symbol: opt(symbol),
      quantity: opt(amount),
      price: opt(amount),
      fee: opt(amount),
      currency: opt(currency),
      amount: opt(amount),
      fromCurrency: opt(currency),
      fromAmount: opt(amount),
      toCurrency: opt(currency),
      toAmount: opt(amount),
      date,
      note,
      idempotencyKey: key,
      extra,
    })
    .map((r) => {
      // Keep the keys a type has (as the import builds them, an optional one possibly undefined), plus maybe one more.
      const shape: Record<string, string[]> = {
        buy: ['symbol', 'quantity', 'price', 'fee'],
        sell: ['symbol', 'quantity', 'price', 'fee'],
        deposit: ['currency', 'amount'],
        withdrawal: ['currency', 'amount'],
        interest: ['currency', 'amount'],
        fee: ['currency', 'amount'],
        dividend: ['currency', 'amount', 'symbol'],
        'fx-exchange': ['fromCurrency', 'fromAmount', 'toCurrency', 'toAmount'],
        transfer: ['currency', 'amount'],
      };
      const out: Record<string, unknown> = { type: r.type };
      for (const k of shape[r.type]!) out[k] = (r as Record<string, unknown>)[k];
      Object.assign(out, { date: r.date, note: r.note, idempotencyKey: r.idempotencyKey });
      if (r.extra && !(r.extra in out)) out[r.extra] = 'X';
      return out;
    });

  it('surelyValid(req) is ActivityRecordRequest.safeParse(req).success', () => {
    let accepted = 0;
    fc.assert(
      fc.property(req, (r) => {
        const zod = ActivityRecordRequest.safeParse(r).success;
        expect(surelyValid(r)).toBe(zod);
        if (zod) accepted += 1;
      }),
      { numRuns: 5000 },
    );
    // Both answers were seen often enough to mean something.
    expect(accepted).toBeGreaterThan(500);
    expect(accepted).toBeLessThan(4500);
  });
});
