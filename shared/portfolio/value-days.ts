import type { ActivityCursor } from './activity-cursor.js';
import type { PortfolioResult } from './errors.js';
import type { PriceTable } from './price-table.js';
import type { Replay } from './replay.js';
import { QTY_DP } from './scales.js';

/**
 * The snapshot's day loop: activities before the opening day build the opening position; then, for each day of the
 * range, the day's new closes of held instruments move their currency's bucket by quantity × close step, the day's
 * activities are replayed, and the day's value is Σ over currencies of bucket × that day's rate to the base
 * currency (a currency without a rate yet is left out and listed in missingFx). Activities after the range count for
 * positions and cash only. Values per day index at scale 10^46, or the first error of a parse or a trade.
 */
export function valueDays(replay: Replay, cursor: ActivityCursor, table: PriceTable, firstDay: number, n: number): PortfolioResult<bigint[]> {
  const { bucket, currencies, byId, pending } = replay;
  const index = table.byDay;
  const values: bigint[] = new Array(n);
  for (let a = cursor.peek(); a !== undefined && a.day < firstDay; cursor.take(), a = cursor.peek()) {
    const e = replay.apply(a, -1, cursor.k);
    if (e) return e as PortfolioResult<never>;
  }
  for (const ins of replay.held) if (ins.pos.held) replay.resync(ins, firstDay);
  pending.flushInto(bucket); // (also flushed at each day's end; `bucket` must be whole whenever it is read)
  for (let idx = 0; idx < n; idx++) {
    const day = firstDay + idx;
    // New closes of the day, for held instruments only; an instrument not held is caught up by resync when traded.
    const at = day - index.firstDay;
    if (at >= 0 && at < index.offsets.length - 1) {
      for (let e = index.offsets[at]!, end = index.offsets[at + 1]!; e < end; e++) {
        const ins = byId[index.symbolIds[e]!];
        if (ins === undefined || !ins.held) continue;
        const pi = index.points[e]!;
        if (pi <= ins.cursor) continue;
        const s = ins.series!;
        if (pi === ins.cursor + 1 && ins.market) {
          // quantity × step = units × step × 10^(18 − digits + stepExp) at the 10^28 scale of amounts.
          if (!pending.add(bucket, ins.cur, QTY_DP - ins.small.digits + s.stepExp, ins.small.units, s.steps[pi]!)) {
            bucket[ins.cur]! += ins.pos.quantity * (s.values[pi]! - s.values[pi - 1]!);
          }
        } else {
          replay.moveMark(ins, s.values[pi]!);
          ins.market = true;
        }
        ins.cursor = pi;
      }
    }
    for (let a = cursor.peek(); a !== undefined && a.day === day; cursor.take(), a = cursor.peek()) {
      const e = replay.apply(a, idx, cursor.k);
      if (e) return e as PortfolioResult<never>;
    }
    pending.flushInto(bucket);
    let v = 0n;
    for (let c = 0; c < currencies.length; c++) {
      const amount = bucket[c]!;
      if (amount === 0n) continue;
      const rate = replay.rateOn(c, day);
      if (rate === undefined) replay.missingFx.add(currencies[c]!);
      else v += amount * rate;
    }
    values[idx] = v;
  }
  for (let a = cursor.peek(); a !== undefined; cursor.take(), a = cursor.peek()) {
    const e = replay.apply(a, -1, cursor.k);
    if (e) return e as PortfolioResult<never>;
  }
  if (cursor.error) return cursor.error;
  return { ok: true, data: values };
}
