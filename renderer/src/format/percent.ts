/**
 * Ratios as percentages. Ratios arrive as decimal strings ("0.0425" = 4.25 %); Intl.NumberFormat scales the string
 * itself, so nothing goes through a float on the way to the screen.
 */

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
