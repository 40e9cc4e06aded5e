import { MAX_EXACT, pow10 } from '../decimal/index.js';

/**
 * Exact sums of small products kept in doubles, flushed into bigint totals once a day.
 *
 * The value series adds quantity × price step for every new close of every held instrument (~600,000 times per
 * snapshot). As BigInt that is two allocations per close and most of the snapshot's time and garbage. Both factors
 * are usually small integers at a coarser scale (a quantity of 12.345 is 12345 × 10^-3, a close step of 0.0123 is
 * 123 × 10^-4), and a double holds every integer up to 2^53 − 1 exactly. So a product is added here, to the slot of
 * its currency and its power of ten, only when the product and the slot's new sum are both at most 2^53 − 1 in
 * magnitude: since rounding is monotonic and 2^53 is a double, a result within that bound is the exact one. A
 * slot that would overflow is flushed first; a product that is itself too large is refused (add returns false) and
 * the caller adds it as BigInt. flushInto moves every slot to the bigint totals at the scale 10^28 of amounts.
 */
export const SLOT_EXPONENTS = 29; // products at 10^e × 10^-28, e = 0..28

export class PendingSums {
  private readonly sums: Float64Array;
  private readonly dirty: Int32Array;
  private readonly isDirty: Uint8Array;
  private count = 0;

  constructor(private readonly currencies: number) {
    this.sums = new Float64Array(currencies * SLOT_EXPONENTS);
    this.dirty = new Int32Array(currencies * SLOT_EXPONENTS);
    this.isDirty = new Uint8Array(currencies * SLOT_EXPONENTS);
  }

  /** Adds a × b × 10^exp to currency c's total; false (nothing added) when a × b is not exact as a double. */
  add(totals: bigint[], c: number, exp: number, a: number, b: number): boolean {
    const p = a * b;
    // NaN (a factor with no exact double) fails both comparisons.
    if (!(p <= MAX_EXACT && p >= -MAX_EXACT) || c >= this.currencies || exp < 0 || exp >= SLOT_EXPONENTS) return false;
    const slot = c * SLOT_EXPONENTS + exp;
    const sum = this.sums[slot]! + p;
    if (sum <= MAX_EXACT && sum >= -MAX_EXACT) this.sums[slot] = sum;
    else {
      totals[c]! += BigInt(this.sums[slot]!) * pow10(exp);
      this.sums[slot] = p;
    }
    if (this.isDirty[slot] === 0) {
      this.isDirty[slot] = 1;
      this.dirty[this.count++] = slot;
    }
    return true;
  }

  flushInto(totals: bigint[]): void {
    for (let i = 0; i < this.count; i++) {
      const slot = this.dirty[i]!;
      const sum = this.sums[slot]!;
      if (sum !== 0) totals[(slot / SLOT_EXPONENTS) | 0]! += BigInt(sum) * pow10(slot % SLOT_EXPONENTS);
      this.sums[slot] = 0;
      this.isDirty[slot] = 0;
    }
    this.count = 0;
  }
}
