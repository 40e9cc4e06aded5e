import type { Position, RealizedSell } from '../../shared/portfolio/position.js';
import { fxAt, type PriceTable } from '../../shared/portfolio/price-table.js';

/**
 * Realized P&L in the base currency: each sell's P&L (instrument currency) at the FX rate of the sell's own date,
 * exact at scale 10^46. Remembered per list of sells, known by its last sell and length: sells are immutable and
 * a position's list only grows (a clone copies it, a replay makes new sells), so a new buy sums nothing again and
 * a new sell sums only its own instrument.
 */
interface RealizedBase {
  value: bigint;
  /** The currency, when some sell's date had no rate yet (left out of the total). */
  missingFx: string | null;
}

export class RealizedInBase {
  private memo = new WeakMap<RealizedSell, RealizedBase & { length: number }>();
  private table: PriceTable | null = null;

  total(positions: ReadonlyMap<string, Position>, table: PriceTable): { value: bigint; missingFx: string[] } {
    if (table !== this.table) {
      this.memo = new WeakMap();
      this.table = table;
    }
    let value = 0n;
    const missing = new Set<string>();
    // (forEach: a Map iterator allocates a result per position, on every request.)
    positions.forEach((p) => {
      const sells = p.realizedSells;
      const last = sells[sells.length - 1];
      if (last === undefined) return;
      let r = this.memo.get(last);
      if (!r || r.length !== sells.length) {
        r = { ...sum(p, table), length: sells.length };
        this.memo.set(last, r);
      }
      value += r.value;
      if (r.missingFx) missing.add(r.missingFx);
    });
    return { value, missingFx: [...missing] };
  }
}

function sum(p: Position, table: PriceTable): RealizedBase {
  let value = 0n;
  let missingFx: string | null = null;
  for (const s of p.realizedSells) {
    if (s.pnl === 0n) continue;
    const rate = fxAt(table, p.currency, s.day);
    if (rate === undefined) missingFx = p.currency;
    else value += s.pnl * rate;
  }
  return { value, missingFx };
}
