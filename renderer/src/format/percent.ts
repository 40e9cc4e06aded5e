/**
 * Ratios as percentages. Ratios arrive as decimal strings ("0.0425" = 4.25 %); Intl.NumberFormat scales the string
 * itself, so nothing goes through a float on the way to the screen.
 */

import { pnlClass } from './decimal.js';

const PLAIN = /^-?\d+(\.\d+)?$/;
const cache = new Map<string, Intl.NumberFormat>();

function format(locale: string, digits: number, signed: boolean): Intl.NumberFormat {
  const key = `${locale}|${digits}|${signed}`;
  let f = cache.get(key);
  if (!f) {
    f = new Intl.NumberFormat(locale, {
      style: 'percent',
      minimumFractionDigits: digits,
      maximumFractionDigits: digits,
      ...(signed ? { signDisplay: 'exceptZero' as const } : {}),
    });
    cache.set(key, f);
  }
  return f;
}

/** "0.0425" → "4.25%" (en-US), "4,25 %" (de-DE). Not a decimal: shown as is. */
export function formatPercent(ratio: string, locale: string, digits = 2): string {
  return PLAIN.test(ratio) ? format(locale, digits, false).format(ratio as Intl.StringNumericLiteral) : ratio;
}

/** With an explicit sign for changes and returns: "+4.25%", "−1.10%", "0.00%". */
export function formatSignedPercent(ratio: string, locale: string, digits = 2): string {
  return PLAIN.test(ratio) ? format(locale, digits, true).format(ratio as Intl.StringNumericLiteral) : ratio;
}

/**
 * The P&L class of a ratio as formatSignedPercent shows it: a return that rounds to "0.00%" is not coloured red or
 * green (Intl rounds half away from zero, so |ratio| below half a unit of the last shown digit shows as zero).
 */
export function percentClass(ratio: string, digits = 2): string {
  const m = /^-?(\d+)(?:\.(\d+))?$/.exec(ratio);
  if (!m) return '';
  const frac = (m[2] ?? '').padEnd(digits + 3, '0');
  const showsZero = /^0+$/.test(m[1]!) && /^0*$/.test(frac.slice(0, digits + 2)) && frac[digits + 2]! < '5';
  return showsZero ? '' : pnlClass(ratio);
}
