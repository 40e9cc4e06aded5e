import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Dec } from '../../shared/decimal/index.js';
import { BigDecimal as D } from '../../shared/decimal/engine.js';
import { compareUnitCost, LotBook, type CostMethod, type Lot, type LotEvent } from '../../shared/lots/index.js';

/**
 * Random sequences of buys, sells, splits, stock dividends and transfers over two accounts and two instruments
 * (USD, JPY), replayed by every method and checked against plain models: quantities and costs are conserved, HIFO
 * takes the dearest lots first, average cost releases the running average, and named lots are exactly those taken.
 */
const ACCOUNTS = ['a1', 'a2'];
const SYMBOLS = [
  { symbol: 'AAA', currency: 'USD', dp: 2 },
  { symbol: 'JJJ', currency: 'JPY', dp: 0 },
];

const stepArb = fc.record({
  kind: fc.constantFrom('buy', 'buy', 'buy', 'sell', 'sell', 'split', 'stock-dividend', 'transfer'),
  a: fc.integer({ min: 0, max: 1 }),
  s: fc.integer({ min: 0, max: 1 }),
  units: fc.bigInt({ min: 1n, max: 10n ** 9n }),
  fraction: fc.integer({ min: 1, max: 1000 }),
  priceUnits: fc.bigInt({ min: 1n, max: 10n ** 8n }),
  fee: fc.integer({ min: 0, max: 999 }),
  num: fc.integer({ min: 1, max: 4 }),
  den: fc.constantFrom(1, 2, 4, 5, 10),
});
type Step = typeof stepArb extends fc.Arbitrary<infer T> ? T : never;

const day = (i: number) => new Date(Date.UTC(2020, 0, 1) + i * 86_400_000).toISOString().slice(0, 10);
const fraction = (held: Dec, k: number) => held.times(k).div(1000).round(12, 'down');

/** Turns random steps into valid events, using a FIFO book to know what is held (every method holds the same units). */
function events(steps: Step[]): LotEvent[] {
  const probe = new LotBook();
  const out: LotEvent[] = [];
  let splits = 0;
  steps.forEach((st, i) => {
    const { symbol, currency, dp } = SYMBOLS[st.s]!;
    const accountId = ACCOUNTS[st.a]!;
    const held = probe.quantity(accountId, symbol);
    const id = `e${i}`;
    const date = day(i);
    let e: LotEvent | undefined;
    if (st.kind === 'buy') {
      const quantity = Dec.fromUnits(st.units, 6).toFixed();
      const price = Dec.fromUnits(st.priceUnits, 4).toFixed();
      e = { kind: 'buy', id, accountId, symbol, currency, date, quantity, price, fee: Dec.fromUnits(BigInt(st.fee), dp).toFixed() };
    } else if (st.kind === 'sell' && held.isPos()) {
      const q = fraction(held, st.fraction);
      const price = Dec.fromUnits(st.priceUnits, 4).toFixed();
      if (q.isPos()) e = { kind: 'sell', id, accountId, symbol, date, quantity: q.toFixed(), price, fee: Dec.fromUnits(BigInt(st.fee), dp).toFixed() };
    } else if (st.kind === 'transfer' && held.isPos()) {
      const q = fraction(held, st.fraction);
      if (q.isPos()) e = { kind: 'transfer', id, fromAccountId: accountId, toAccountId: ACCOUNTS[1 - st.a]!, symbol, date, quantity: q.toFixed() };
    } else if ((st.kind === 'split' || st.kind === 'stock-dividend') && splits < 3) {
      splits++;
      e = { kind: st.kind, id, symbol, date, numerator: String(st.num), denominator: String(st.den) };
    }
    if (e) {
      probe.apply(e);
      out.push(e);
    }
  });
  return out;
}

const stepsArb = fc.array(stepArb, { minLength: 1, maxLength: 40 });
const METHODS: CostMethod[] = ['fifo', 'lifo', 'hifo', 'average'];
const costOf = (e: Extract<LotEvent, { kind: 'buy' }>) =>
  Dec.of(e.quantity).times(e.price).round(e.currency === 'JPY' ? 0 : 2).plus(e.fee ?? '0');

describe('lots engine properties', () => {
  it('closed plus open units equal the units bought, adjusted for later splits, by every method', () => {
    fc.assert(
      fc.property(stepsArb, fc.constantFrom(...METHODS), (steps, method) => {
        const evs = events(steps);
        const book = new LotBook({ defaultMethod: method });
        // Model: every quantity is carried forward through the splits that follow it.
        const bought = new Map<string, Dec>();
        const closed = new Map<string, Dec>();
        const grow = (m: Map<string, Dec>, symbol: string, f: (d: Dec) => Dec) => m.set(symbol, f(m.get(symbol) ?? Dec.ZERO));
        for (const e of evs) {
          const taken = book.apply(e);
          if (e.kind === 'buy') grow(bought, e.symbol, (d) => d.plus(e.quantity));
          for (const c of taken) grow(closed, c.symbol, (d) => d.plus(c.quantity));
          if (e.kind === 'split' || e.kind === 'stock-dividend') {
            const num = e.kind === 'split' ? Dec.of(e.numerator) : Dec.of(e.numerator).plus(e.denominator);
            for (const m of [bought, closed]) grow(m, e.symbol, (d) => d.times(num).div(e.denominator));
          }
        }
        for (const { symbol } of SYMBOLS) {
          const open = Dec.sum(book.open({ symbol }).map((l) => l.quantity));
          expect(open.plus(closed.get(symbol) ?? Dec.ZERO).toFixed()).toBe((bought.get(symbol) ?? Dec.ZERO).toFixed());
        }
      }),
      { numRuns: 300 },
    );
  });

  it('total cost is conserved: splits and transfers never change it, sells release exactly what leaves', () => {
    fc.assert(
      fc.property(stepsArb, fc.constantFrom(...METHODS), (steps, method) => {
        const book = new LotBook({ defaultMethod: method });
        let paid = Dec.ZERO;
        let released = Dec.ZERO;
        for (const e of events(steps)) {
          const before = Dec.sum(book.open().map((l) => l.cost));
          const taken = book.apply(e);
          const after = Dec.sum(book.open().map((l) => l.cost));
          if (e.kind === 'buy') paid = paid.plus(costOf(e));
          released = released.plus(Dec.sum(taken.map((c) => c.cost)));
          if (e.kind !== 'buy' && e.kind !== 'sell') expect(after.toFixed()).toBe(before.toFixed());
          for (const c of taken) expect(c.gain.toFixed()).toBe(c.proceeds.minus(c.fees).minus(c.cost).toFixed());
          expect(after.plus(released).toFixed()).toBe(paid.toFixed());
        }
        for (const l of book.open()) expect(l.cost.isNeg()).toBe(false);
      }),
      { numRuns: 300 },
    );
  });

  it('HIFO closes the highest cost per unit first', () => {
    fc.assert(
      fc.property(stepsArb, (steps) => {
        const book = new LotBook({ defaultMethod: 'hifo' });
        for (const e of events(steps)) {
          const accountId = e.kind === 'sell' ? e.accountId : e.kind === 'transfer' ? e.fromAccountId : undefined;
          const before = accountId ? book.open({ accountId, symbol: e.symbol }) : [];
          const taken = book.apply(e);
          if (e.kind !== 'sell') continue;
          const touched = new Set(taken.map((c) => c.lotId));
          const untouched = before.filter((l) => !touched.has(l.id));
          for (const t of before.filter((l) => touched.has(l.id))) {
            for (const u of untouched) expect(compareUnitCost(t, u)).toBeGreaterThanOrEqual(0);
          }
          // Only the last lot taken may be left partly open.
          const partly = taken.filter((c) => !c.quantity.eq(before.find((l) => l.id === c.lotId)!.quantity));
          expect(partly.length).toBeLessThanOrEqual(1);
          if (partly.length === 1) expect(partly[0]).toBe(taken.at(-1));
        }
      }),
      { numRuns: 300 },
    );
  });

  it('average cost releases the running average of the pool', () => {
    fc.assert(
      fc.property(stepsArb, (steps) => {
        const book = new LotBook({ defaultMethod: 'average' });
        // Model per (account, symbol): pooled units and cost in decimal.js, released at cost × sold / held.
        const pool = new Map<string, { q: D; c: D; dp: number }>();
        for (const e of events(steps)) {
          const taken = book.apply(e);
          const k = (a: string) => `${a}/${e.symbol}`;
          if (e.kind === 'buy') {
            const p = pool.get(k(e.accountId)) ?? { q: new D(0), c: new D(0), dp: e.currency === 'JPY' ? 0 : 2 };
            pool.set(k(e.accountId), { q: p.q.plus(e.quantity), c: p.c.plus(costOf(e).toFixed()), dp: p.dp });
          } else if (e.kind === 'sell' || e.kind === 'transfer') {
            const from = e.kind === 'sell' ? e.accountId : e.fromAccountId;
            const p = pool.get(k(from))!;
            const out = p.q.eq(e.quantity) ? p.c : p.c.times(e.quantity).div(p.q).toDecimalPlaces(p.dp, D.ROUND_HALF_EVEN);
            pool.set(k(from), { q: p.q.minus(e.quantity), c: p.c.minus(out), dp: p.dp });
            if (e.kind === 'sell') expect(Dec.sum(taken.map((c) => c.cost)).toFixed()).toBe(Dec.of(out.toFixed()).toFixed());
            else {
              const t = pool.get(k(e.toAccountId)) ?? { q: new D(0), c: new D(0), dp: p.dp };
              pool.set(k(e.toAccountId), { q: t.q.plus(e.quantity), c: t.c.plus(out), dp: p.dp });
            }
          } else if (e.kind === 'split' || e.kind === 'stock-dividend') {
            const num = e.kind === 'split' ? new D(e.numerator) : new D(e.numerator).plus(e.denominator);
            for (const [key, p] of pool) if (key.endsWith(`/${e.symbol}`)) pool.set(key, { ...p, q: p.q.times(num).div(e.denominator) });
          }
          for (const [key, p] of pool) {
            const [accountId, symbol] = key.split('/') as [string, string];
            const open = book.open({ accountId, symbol });
            expect(Dec.sum(open.map((l) => l.quantity)).toFixed()).toBe(Dec.of(p.q.toFixed()).toFixed());
            expect(Dec.sum(open.map((l) => l.cost)).toFixed()).toBe(Dec.of(p.c.toFixed()).toFixed());
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('a specific-lot sell closes exactly the lots named, and no other lot changes', () => {
    fc.assert(
      fc.property(stepsArb, fc.array(fc.integer({ min: 1, max: 1000 }), { minLength: 1, maxLength: 8 }), fc.constantFrom(...METHODS), (steps, shares, method) => {
        const book = new LotBook({ defaultMethod: method });
        for (const e of events(steps)) book.apply(e);
        const lots = book.open({ accountId: 'a1' }).filter((l) => l.symbol === 'AAA');
        fc.pre(lots.length > 0);
        const picks = lots
          .map((l, i): [Lot, Dec] => [l, i < shares.length ? fraction(l.quantity, shares[i]!) : Dec.ZERO])
          .filter(([, q]) => q.isPos());
        fc.pre(picks.length > 0);
        const total = Dec.sum(picks.map(([, q]) => q));
        const taken = book.apply({
          kind: 'sell', id: 'pick', accountId: 'a1', symbol: 'AAA', date: '2030-01-01', quantity: total.toFixed(), price: '1',
          lots: picks.map(([l, q]) => ({ lotId: l.id, quantity: q.toFixed() })),
        });
        expect(taken.map((c) => [c.lotId, c.quantity.toFixed()])).toEqual(picks.map(([l, q]) => [l.id, q.toFixed()]));
        if (method === 'average') return;
        const after = new Map(book.open({ accountId: 'a1', symbol: 'AAA' }).map((l) => [l.id, l]));
        for (const l of lots) {
          const q = picks.find(([p]) => p.id === l.id)?.[1] ?? Dec.ZERO;
          expect((after.get(l.id)?.quantity ?? Dec.ZERO).toFixed()).toBe(l.quantity.minus(q).toFixed());
          if (q.isZero()) expect(after.get(l.id)!.cost.toFixed()).toBe(l.cost.toFixed());
        }
      }),
      { numRuns: 200 },
    );
  });
});
