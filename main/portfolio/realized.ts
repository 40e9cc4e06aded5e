import type { Position } from '../../shared/portfolio/cost-basis.js';
import { fxAt, type PriceTable } from '../../shared/portfolio/price-table.js';

/**
 * Realized P&L in the base currency: each sell's P&L (instrument currency) at the FX rate of the sell's own date,
 * exact at scale 10^46. Remembered per position object: an incremental update replaces only the traded
 * instrument's position, so only that one is summed again.
 */
interface RealizedBase {
  value: bigint;
  /** The currency, when some sell's date had no rate yet (left out of the total). */
  missingFx: string | null;
}

export class RealizedInBase {
  private memo = new WeakMap<Position, RealizedBase>();
  private table: PriceTable | null = null;

  total(positions: Iterable<Position>, table: PriceTable): { value: bigint; missingFx: string[] } {
    if (table !== this.table) {
      this.memo = new WeakMap();
      this.table = table;
    }
    let value = 0n;
    const missing = new Set<string>();
    for (const p of positions) {
      let r = this.memo.get(p);
      if (!r) {
        r = sum(p, table);
        this.memo.set(p, r);
      }
      value += r.value;
      if (r.missingFx) missing.add(r.missingFx);
    }
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
