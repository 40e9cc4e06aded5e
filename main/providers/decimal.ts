import { Dec, type DecLike } from '../../shared/decimal/index.js';
import type { DailyBar } from '../../shared/market.js';

/**
 * Prices stay decimal strings from the wire to the store. JSON numbers are turned into strings with String(n), which
 * gives the shortest text that round-trips the double the provider sent, i.e. what it published; we never do float
 * arithmetic on them. Exponent forms (1.7e-7) are expanded so every string matches the shared PriceString shape.
 */
export function numberToDecimalString(n: number): string {
  if (!Number.isFinite(n)) throw new RangeError(`not a finite number: ${n}`);
  const s = String(n);
  return /e/i.test(s) ? Dec.of(s).toFixed() : s;
}

/** A string price as published ("195.0900"), checked for shape; exponent forms are expanded. */
export function decimalString(s: string): string {
  const t = s.trim();
  if (/^\d+(\.\d+)?$/.test(t)) return t;
  return Dec.of(t).toFixed(); // throws a DecimalError (a RangeError) on junk, NaN and Infinity
}

/**
 * A derived rate (cross through a pivot currency or an inverse). Division has no exact decimal answer, so it is done
 * at 50 significant digits and kept to 12, more than any provider publishes.
 */
export function divideRates(numerator: DecLike, denominator: DecLike): string {
  return Dec.of(numerator).div(denominator).roundSignificant(12).toFixed();
}

/**
 * Yahoo (and LSE/JSE/TASE data generally) quotes some instruments in minor units: GBp/GBX pence, ZAc cents, ILA agorot.
 * Case matters: 'GBp' is pence, 'GBP' pounds.
 */
const MINOR_UNITS: Record<string, { major: string; divisor: number }> = {
  GBp: { major: 'GBP', divisor: 100 },
  GBX: { major: 'GBP', divisor: 100 },
  ZAc: { major: 'ZAR', divisor: 100 },
  ZAC: { major: 'ZAR', divisor: 100 },
  ILA: { major: 'ILS', divisor: 100 },
};

export function majorCurrency(currency: string): { currency: string; divisor: number } {
  const m = MINOR_UNITS[currency];
  return m ? { currency: m.major, divisor: m.divisor } : { currency, divisor: 1 };
}

/** Exact: dividing by 100 only moves the decimal point. */
export function toMajorUnit(value: string, divisor: number): string {
  return divisor === 1 ? value : Dec.of(value).div(divisor).toFixed();
}

export function barToMajorUnit(bar: DailyBar, divisor: number): DailyBar {
  if (divisor === 1) return bar;
  const out: DailyBar = { date: bar.date, close: toMajorUnit(bar.close, divisor) };
  if (bar.open !== undefined) out.open = toMajorUnit(bar.open, divisor);
  if (bar.high !== undefined) out.high = toMajorUnit(bar.high, divisor);
  if (bar.low !== undefined) out.low = toMajorUnit(bar.low, divisor);
  if (bar.volume !== undefined) out.volume = bar.volume; // a share count, not money
  return out;
}

/** Rounds a float-widened value to the precision the source says it publishes (Yahoo's priceHint), half-even. */
export function roundToPlaces(value: string, places: number): string {
  return Dec.of(value).round(places).toFixed();
}
