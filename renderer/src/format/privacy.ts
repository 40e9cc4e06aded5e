/**
 * Privacy mode (screen sharing): every amount, balance and quantity the formatters of this folder produce is masked
 * while it is on. It is one switch read by the formatters themselves (money.ts, quantity.ts, the chart axes), so no
 * page can show a figure the mode should hide: a page that formats a number formats it through them. Market prices
 * and FX rates are public and stay visible; percentages (returns, allocation shares) too, as they tell no amount.
 */

/** What a masked figure shows: no digit, so nothing of the amount (not even its length) is on screen. */
export const MASK = '•••••';

let masked = false;

export function setPrivacy(on: boolean): void {
  masked = on;
}

export function privacyOn(): boolean {
  return masked;
}

/**
 * A formatted number with its digits replaced by the mask, keeping the currency sign and the literal text around it
 * ("€70.00" → "€•••••", "−$30.00" → "−$•••••"), so a masked table still reads as money of a currency.
 */
export function maskParts(parts: Intl.NumberFormatPart[]): string {
  let out = '';
  let done = false;
  for (const p of parts) {
    if (p.type === 'integer' || p.type === 'group' || p.type === 'decimal' || p.type === 'fraction' || p.type === 'compact' || p.type === 'exponentInteger' || p.type === 'exponentSeparator') {
      if (!done) out += MASK;
      done = true;
    } else if (p.type !== 'plusSign' && p.type !== 'minusSign') out += p.value;
  }
  return out;
}

/**
 * Free text that may carry figures (a ledger note such as "Bought 2 AAPL at 190.10", a note the user typed, a cell of
 * an imported file, an order's reason): every run of digits is masked while privacy mode is on; the words stay.
 */
export function privacyText(text: string): string {
  return masked ? text.replace(/\d(?:[\d.,\u00a0\u202f' ]*\d)?/g, MASK) : text;
}

/**
 * A message that quotes what a file held (an import error: `amount: "1.234,5x" is not a number`): the quoted
 * values are masked like free text, the message's own words and line numbers stay.
 */
export function privacyQuoted(text: string): string {
  return masked ? text.replace(/"[^"]*"|“[^”]*”/g, (q) => privacyText(q)) : text;
}
