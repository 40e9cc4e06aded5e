import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LotBook, type LotEvent } from '../../shared/lots/index.js';

/**
 * LotBook.forget, as a back-dated row uses it: the instruments named are forgotten and their events applied again
 * alone; the book then holds what a whole replay holds, and forgotten() names exactly the lots taken out and where
 * they were. Twice in a row, so that the second forget finds the first one's instrument at the end of the list.
 */
const SYMBOLS = ['AAA', 'BBB', 'CCC'];
const stepArb = fc.record({ sell: fc.boolean(), s: fc.integer({ min: 0, max: 2 }), q: fc.integer({ min: 1, max: 5 }), p: fc.integer({ min: 1, max: 500 }) });

function events(steps: { sell: boolean; s: number; q: number; p: number }[]): LotEvent[] {
  const held = [0, 0, 0];
  const out: LotEvent[] = [];
  steps.forEach((st, i) => {
    const base = { id: `e${i}`, accountId: 'a', symbol: SYMBOLS[st.s]!, date: new Date(Date.UTC(2022, 0, 1) + i * 86_400_000).toISOString().slice(0, 10), price: String(st.p), fee: '0' };
    if (!st.sell) {
      out.push({ ...base, kind: 'buy', currency: 'USD', quantity: String(st.q) });
      held[st.s]! += st.q;
    } else if (held[st.s]! > 0) {
      const q = Math.min(st.q, held[st.s]!);
      out.push({ ...base, kind: 'sell', quantity: String(q) });
      held[st.s]! -= q;
    }
  });
  return out;
}

const text = (book: LotBook) => ({
  open: book.open().map((l) => `${l.symbol} ${l.id} ${l.quantity.toFixed()} ${l.cost.toFixed()}`).sort(),
  closed: book.closed.map((c) => `${c.symbol} ${c.sellId} ${c.lotId} ${c.quantity.toFixed()} ${c.cost.toFixed()} ${c.gain.toFixed()}`).sort(),
});

describe('forgetting instruments to replay them', () => {
  it('leaves the book a whole replay gives, and names what it took out', () => {
    fc.assert(
      fc.property(fc.array(stepArb, { minLength: 1, maxLength: 60 }), fc.integer({ min: 0, max: 2 }), fc.integer({ min: 0, max: 2 }), (steps, first, second) => {
        const evs = events(steps);
        const whole = new LotBook({ defaultMethod: 'hifo' });
        for (const e of evs) whole.apply(e);
        const book = new LotBook({ defaultMethod: 'hifo' });
        for (const e of evs) book.apply(e);
        for (const s of [SYMBOLS[first]!, SYMBOLS[second]!]) {
          const before = [...book.closed];
          book.forget(new Set([s]));
          const f = book.forgotten()!;
          expect(f.removed).toEqual(before.filter((c) => c.symbol === s));
          expect(f.removedAt.map((i) => before[i])).toEqual(f.removed);
          expect(book.closed).toEqual(before.filter((c) => c.symbol !== s));
          expect([f.before, f.kept]).toEqual([before.length, before.length - f.removed.length]);
          for (const e of evs) if (e.symbol === s) book.apply(e);
          expect(text(book)).toEqual(text(whole));
        }
      }),
      { numRuns: 300 },
    );
  });
});
