import { D, type Dec } from '../money.js';

/**
 * Allocation weights that add up to exactly "1": the largest-remainder (Hamilton) method, as used for
 * apportionment and by most portfolio reports that must show 100.0 %. Each weight is value / total truncated to
 * `decimals` digits; the units still missing from 1 go one each to the entries with the largest truncated-away
 * remainders, ties to the larger value, then to the earlier key in sort order. Entries worth zero or less (an
 * overdrawn wallet) take no part: they get weight "0" and the positive entries share the whole.
 */
export interface AllocationEntry {
  key: string;
  /** In the base currency. */
  value: string;
  /** Fraction of the positive total, exactly `decimals` digits; the weights of all entries sum to exactly 1. */
  weight: string;
}

export function allocate(entries: readonly { key: string; value: string | Dec }[], decimals = 6): AllocationEntry[] {
  const rows = entries.map((e) => ({ key: e.key, text: typeof e.value === 'string' ? e.value : e.value.toFixed(), value: new D(e.value) })).sort((a, b) => a.key.localeCompare(b.key));
  const total = rows.reduce((t, r) => (r.value.isPositive() && !r.value.isZero() ? t.plus(r.value) : t), new D(0));
  const scale = new D(10).pow(decimals);
  const units = rows.map((r) => {
    if (total.isZero() || !r.value.isPositive() || r.value.isZero()) return { floor: new D(0), rest: new D(-1) };
    const exact = r.value.times(scale).dividedBy(total);
    const floor = exact.floor();
    return { floor, rest: exact.minus(floor) };
  });
  if (!total.isZero()) {
    let missing = scale.minus(units.reduce((t, u) => t.plus(u.floor), new D(0))).toNumber();
    const order = rows
      .map((_, i) => i)
      .filter((i) => units[i]!.rest.gte(0))
      .sort((a, b) => units[b]!.rest.comparedTo(units[a]!.rest) || rows[b]!.value.comparedTo(rows[a]!.value) || a - b);
    // `missing` is below the number of positive entries (each lost less than one unit), so one pass suffices.
    for (const i of order) {
      if (missing <= 0) break;
      units[i]!.floor = units[i]!.floor.plus(1);
      missing--;
    }
  }
  return rows.map((r, i) => ({ key: r.key, value: r.text, weight: units[i]!.floor.dividedBy(scale).toFixed(decimals) }));
}
