import { Dec } from '../decimal/index.js';
import { parseUnits } from '../decimal/index.js';

/**
 * Allocation weights that add up to exactly "1": the largest-remainder (Hamilton) method, as used for
 * apportionment and by most portfolio reports that must show 100.0 %. Each weight is value / total truncated to
 * `decimals` digits; the units still missing from 1 go one each to the entries with the largest truncated-away
 * remainders, ties to the larger value, then to the earlier key in sort order. Entries worth zero or less (an
 * overdrawn wallet) take no part: they get weight "0" and the positive entries share the whole.
 *
 * Computed on scaled BigInts (every request of the portfolio page allocates ~200 holdings three ways): with all
 * values at one scale 10^f, value × 10^decimals = floor × total + remainder exactly, and the remainders share the
 * denominator, so they compare as integers and a tie is an exact tie. The general path (allocateDecimal, kept as the
 * reference of a property test and for values that are not plain decimals) divides at 50 significant digits, so it
 * can split an exact tie by rounding noise when the tied entries differ in magnitude.
 */
export interface AllocationEntry {
  key: string;
  /** In the base currency. */
  value: string;
  /** Fraction of the positive total, exactly `decimals` digits; the weights of all entries sum to exactly 1. */
  weight: string;
}

const PLAIN_RE = /^-?\d+(\.\d+)?$/;

export function allocate(entries: readonly { key: string; value: string | Dec }[], decimals = 6): AllocationEntry[] {
  const texts = entries.map((e) => (typeof e.value === 'string' ? e.value : e.value.toFixed()));
  let digits = 0;
  // (Indexed loops: this runs a few times per request, too rarely to be optimized, and for-of then allocates.)
  for (let k = 0; k < texts.length; k++) {
    const t = texts[k]!;
    if (!PLAIN_RE.test(t)) return allocateDecimal(entries, decimals);
    const dot = t.indexOf('.');
    if (dot >= 0 && t.length - dot - 1 > digits) digits = t.length - dot - 1;
  }
  const rows = entries
    .map((e, i) => {
      const t = texts[i]!;
      const dot = t.indexOf('.');
      const fd = dot < 0 ? 0 : t.length - dot - 1;
      // parseUnits builds one BigInt for a short text; it refuses leading zeros ("007"), which PLAIN_RE lets through.
      const v = parseUnits(t, digits) ?? BigInt(dot < 0 ? t : t.slice(0, dot) + t.slice(dot + 1)) * 10n ** BigInt(digits - fd);
      return { key: e.key, text: t, value: v };
    })
    .sort((a, b) => a.key.localeCompare(b.key));
  let total = 0n;
  for (let k = 0; k < rows.length; k++) if (rows[k]!.value > 0n) total += rows[k]!.value;
  const scale = 10n ** BigInt(decimals);
  const floors = rows.map(() => 0n);
  if (total > 0n) {
    const rests = rows.map(() => -1n);
    let missing = scale;
    rows.forEach((r, i) => {
      if (r.value <= 0n) return;
      const num = r.value * scale;
      floors[i] = num / total;
      rests[i] = num % total;
      missing -= floors[i]!;
    });
    const order = rows
      .map((_, i) => i)
      .filter((i) => rests[i]! >= 0n)
      .sort((a, b) => cmp(rests[b]!, rests[a]!) || cmp(rows[b]!.value, rows[a]!.value) || a - b);
    // `missing` is below the number of positive entries (each lost less than one unit), so one pass suffices.
    for (let k = 0; k < order.length; k++) {
      const i = order[k]!;
      if (missing <= 0n) break;
      floors[i]! += 1n;
      missing--;
    }
  }
  return rows.map((r, i) => ({ key: r.key, value: r.text, weight: weightText(floors[i]!, decimals) }));
}

const cmp = (a: bigint, b: bigint) => (a < b ? -1 : a > b ? 1 : 0);

/** floor / 10^decimals with exactly `decimals` digits (floor is between 0 and 10^decimals). */
function weightText(floor: bigint, decimals: number): string {
  if (decimals === 0) return floor.toString();
  const s = floor.toString().padStart(decimals + 1, '0');
  return `${s.slice(0, -decimals)}.${s.slice(-decimals)}`;
}

/** The same method on the exact decimal type (its quotients at 50 significant digits). */
export function allocateDecimal(entries: readonly { key: string; value: string | Dec }[], decimals = 6): AllocationEntry[] {
  const rows = entries.map((e) => ({ key: e.key, text: typeof e.value === 'string' ? e.value : e.value.toFixed(), value: Dec.of(e.value) })).sort((a, b) => a.key.localeCompare(b.key));
  const total = rows.reduce((t, r) => (r.value.isPos() ? t.plus(r.value) : t), Dec.ZERO);
  const scale = Dec.fromUnits(1n, 0).shift(decimals);
  const units = rows.map((r) => {
    if (total.isZero() || !r.value.isPos()) return { floor: Dec.ZERO, rest: Dec.of(-1) };
    const exact = r.value.times(scale).div(total);
    const floor = exact.round(0, 'down'); // exact ≥ 0 here, so toward zero is the floor
    return { floor, rest: exact.minus(floor) };
  });
  if (!total.isZero()) {
    let missing = Number(scale.minus(units.reduce((t, u) => t.plus(u.floor), Dec.ZERO)).toFixed());
    const order = rows
      .map((_, i) => i)
      .filter((i) => units[i]!.rest.gte(0))
      .sort((a, b) => units[b]!.rest.cmp(units[a]!.rest) || rows[b]!.value.cmp(rows[a]!.value) || a - b);
    for (const i of order) {
      if (missing <= 0) break;
      units[i]!.floor = units[i]!.floor.plus(1);
      missing--;
    }
  }
  return rows.map((r, i) => ({ key: r.key, value: r.text, weight: units[i]!.floor.div(scale).toFixed(decimals) }));
}
