import type { Dec } from '../../shared/decimal/index.js';
import type { ClosedLot } from '../../shared/lots/index.js';

/**
 * The FX rates closed lots are taken to the base currency with (closed-in-base.ts), by currency and day, kept between
 * requests. The rate of a day is the last publication on or before it (market/fx-resolve.ts `carriedRateSeries`),
 * whatever later day a snapshot is as of, so one kept rate serves the live snapshot, the snapshot by account as of any
 * later day, and the lots a back-dated row closes again. Kept for one base currency, source priority and rates epoch
 * (ClosedInBase.epoch, which moves when stored rates change); asked for another, it starts again from nothing.
 */
export class LotRates {
  private key = '';
  private days = new DayRates();

  /**
   * The kept rates for this base currency, priority and epoch (new, empty ones when those kept were for others). A
   * caller uses the instance it got across its awaits: one replaced meanwhile is only no longer kept, never mixed.
   */
  of(base: string, fxPriority: readonly string[], epoch: number): DayRates {
    const key = `${base}\u001f${fxPriority.join(',')}\u001f${epoch}`;
    if (key !== this.key) {
      this.key = key;
      this.days = new DayRates();
    }
    return this.days;
  }

  /** Whether `days` are still the kept ones. */
  keeps(days: DayRates): boolean {
    return this.days === days;
  }
}

/** Rates by currency and day, for one base currency, priority and epoch. */
export class DayRates {
  private readonly byCurrency = new Map<string, Map<string, Dec | undefined>>();

  /** The earliest day of a lot in closed[from, to) whose rate is not kept (undefined when every one is). */
  firstMissing(closed: readonly ClosedLot[], base: string, from: number, to: number): string | undefined {
    let first: string | undefined;
    for (let i = from; i < to; i++) {
      const c = closed[i]!;
      if (c.currency === base) continue;
      const days = this.byCurrency.get(c.currency);
      // A lot's acquisition day is never after its sale day.
      if (!days || !days.has(c.acquired)) {
        if (first === undefined || c.acquired < first) first = c.acquired;
      } else if (!days.has(c.sold) && (first === undefined || c.sold < first)) first = c.sold;
    }
    return first;
  }

  /** Keeps the rate of both days of every lot in closed[from, to) that is not kept yet, as `rateOn` gives it. */
  fill(closed: readonly ClosedLot[], base: string, from: number, to: number, rateOn: (currency: string, day: string) => Dec | null): void {
    for (let i = from; i < to; i++) {
      const c = closed[i]!;
      if (c.currency === base) continue;
      let days = this.byCurrency.get(c.currency);
      if (!days) this.byCurrency.set(c.currency, (days = new Map()));
      if (!days.has(c.acquired)) days.set(c.acquired, rateOn(c.currency, c.acquired) ?? undefined);
      if (!days.has(c.sold)) days.set(c.sold, rateOn(c.currency, c.sold) ?? undefined);
    }
  }

  /** A kept rate (undefined when none is stored for that day, or it was never filled). */
  readonly rateOn = (currency: string, day: string): Dec | undefined => this.byCurrency.get(currency)?.get(day);
}
