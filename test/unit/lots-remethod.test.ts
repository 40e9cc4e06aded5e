import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Dec } from '../../shared/decimal/index.js';
import { LotBook, type CostMethod, type LotEvent } from '../../shared/lots/index.js';

/**
 * A change of one account's method replays only the accounts linked to it by transfers of units
 * (LotBook.linkedAccounts, replaceAccounts): the book that results holds exactly the lots, open and closed, of a
 * replay of the whole log by the new methods. Random logs over three accounts, two of which transfer to each other.
 */
const ACCOUNTS = ['a1', 'a2', 'a3'];
const METHODS: CostMethod[] = ['fifo', 'lifo', 'hifo', 'average'];

const stepArb = fc.record({
  kind: fc.constantFrom('buy', 'buy', 'buy', 'sell', 'sell', 'split', 'transfer'),
  a: fc.integer({ min: 0, max: 2 }),
  s: fc.integer({ min: 0, max: 1 }),
  units: fc.integer({ min: 1, max: 10_000 }),
  fraction: fc.integer({ min: 1, max: 1000 }),
  cents: fc.integer({ min: 1, max: 1_000_000 }),
  fee: fc.integer({ min: 0, max: 999 }),
  num: fc.integer({ min: 1, max: 4 }),
  den: fc.constantFrom(1, 2, 5),
});
type Step = typeof stepArb extends fc.Arbitrary<infer T> ? T : never;

const day = (i: number) => new Date(Date.UTC(2021, 0, 1) + i * 86_400_000).toISOString().slice(0, 10);

/** Valid events of the steps (what is held is known from a FIFO probe: every method holds the same units). */
function events(steps: Step[]): LotEvent[] {
  const probe = new LotBook();
  const out: LotEvent[] = [];
  steps.forEach((st, i) => {
    const symbol = st.s === 0 ? 'AAA' : 'BBB';
    const accountId = ACCOUNTS[st.a]!;
    const held = probe.quantity(accountId, symbol);
    const part = held.times(st.fraction).div(1000).round(6, 'down');
    const base = { id: `e${i}`, symbol, date: day(i) };
    let e: LotEvent | undefined;
    if (st.kind === 'buy') e = { ...base, kind: 'buy', accountId, currency: 'USD', quantity: Dec.fromUnits(BigInt(st.units), 2).toFixed(), price: Dec.fromUnits(BigInt(st.cents), 2).toFixed(), fee: Dec.fromUnits(BigInt(st.fee), 2).toFixed() };
    else if (st.kind === 'sell' && part.isPos()) e = { ...base, kind: 'sell', accountId, quantity: part.toFixed(), price: Dec.fromUnits(BigInt(st.cents), 2).toFixed(), fee: '0.5' };
    // Units move between a1 and a2 only: a3 is never linked.
    else if (st.kind === 'transfer' && st.a < 2 && part.isPos()) e = { ...base, kind: 'transfer', fromAccountId: accountId, toAccountId: ACCOUNTS[1 - st.a]!, quantity: part.toFixed() };
    else if (st.kind === 'split') e = { ...base, kind: 'split', numerator: String(st.num), denominator: String(st.den) };
    if (e) {
      probe.apply(e);
      out.push(e);
    }
  });
  return out;
}

const replay = (evs: readonly LotEvent[], methods: Record<string, CostMethod>) => {
  const book = new LotBook({ methods });
  for (const e of evs) book.apply(e);
  return book;
};
const involves = (e: LotEvent, accounts: ReadonlySet<string>) =>
  e.kind === 'transfer' ? accounts.has(e.fromAccountId) || accounts.has(e.toAccountId) : 'accountId' in e ? accounts.has(e.accountId) : true;

/** A book's lots as sorted text: what two books must agree on, whatever the order of their closed lists. */
function contents(book: LotBook) {
  const open = book.open().map((l) => [l.accountId, l.symbol, l.id, l.acquired, l.quantity.toFixed(), l.cost.toFixed()].join(' ')).sort();
  const closed = book.closed.map((c) => [c.accountId, c.symbol, c.sellId, c.lotId, c.quantity.toFixed(), c.cost.toFixed(), c.proceeds.toFixed(), c.fees.toFixed(), c.gain.toFixed()].join(' ')).sort();
  return { open, closed, methods: ACCOUNTS.map((a) => book.methodOf(a)) };
}

describe('replaying the accounts of a changed method', () => {
  it('gives the lots of a whole replay by the new methods', () => {
    fc.assert(
      fc.property(fc.array(stepArb, { minLength: 1, maxLength: 50 }), fc.array(fc.constantFrom(...METHODS), { minLength: 3, maxLength: 3 }), fc.integer({ min: 0, max: 2 }), fc.constantFrom(...METHODS), (steps, before, which, method) => {
        const evs = events(steps);
        const was = Object.fromEntries(ACCOUNTS.map((a, i) => [a, before[i]!]));
        const now = { ...was, [ACCOUNTS[which]!]: method };
        const book = replay(evs, was);
        const linked = book.linkedAccounts([ACCOUNTS[which]!]);
        book.replaceAccounts(linked, replay(evs.filter((e) => involves(e, linked)), now));
        expect(contents(book)).toEqual(contents(replay(evs, now)));
        // A back-dated row of one instrument later: its lots forgotten and replayed alone, in the replaced book too.
        book.forget(new Set(['AAA']));
        expect(book.closed.some((c) => c.symbol === 'AAA')).toBe(false);
        for (const e of evs) if (e.symbol === 'AAA') book.apply(e);
        expect(contents(book)).toEqual(contents(replay(evs, now)));
        const transfers = evs.some((e) => e.kind === 'transfer');
        expect([...linked].sort()).toEqual(which === 2 ? ['a3'] : transfers ? ['a1', 'a2'] : [ACCOUNTS[which]]);
      }),
      { numRuns: 300 },
    );
  });

  it('takes out of the closed list exactly the lots of the replayed accounts, and says so', () => {
    const evs: LotEvent[] = [
      { kind: 'buy', id: 'b1', accountId: 'a1', symbol: 'AAA', currency: 'USD', date: '2024-01-02', quantity: '2', price: '10', fee: '0' },
      { kind: 'buy', id: 'b2', accountId: 'a3', symbol: 'AAA', currency: 'USD', date: '2024-01-02', quantity: '2', price: '10', fee: '0' },
      { kind: 'buy', id: 'b3', accountId: 'a1', symbol: 'AAA', currency: 'USD', date: '2024-01-03', quantity: '2', price: '20', fee: '0' },
      { kind: 'sell', id: 's1', accountId: 'a1', symbol: 'AAA', date: '2024-01-04', quantity: '1', price: '30', fee: '0' },
      { kind: 'sell', id: 's2', accountId: 'a3', symbol: 'AAA', date: '2024-01-04', quantity: '1', price: '30', fee: '0' },
    ];
    const book = replay(evs, { a1: 'fifo', a3: 'fifo' });
    const list = book.closed;
    book.replaceAccounts(new Set(['a1']), replay(evs.filter((e) => involves(e, new Set(['a1']))), { a1: 'lifo', a3: 'fifo' }));
    const f = book.forgotten()!;
    expect(book.closed).toBe(list);
    expect(f).toMatchObject({ before: 2, kept: 1, removedAt: [0], at: 1 });
    expect(f.removed.map((c) => [c.accountId, c.lotId, c.cost.toFixed()])).toEqual([['a1', 'b1', '10']]);
    expect(book.closed.map((c) => [c.accountId, c.lotId, c.cost.toFixed()])).toEqual([['a3', 'b2', '10'], ['a1', 'b3', '20']]);
    expect(book.methodOf('a1')).toBe('lifo');
  });
});
