/**
 * What a typed command asks for, before the palette matches it against pages and actions: "deposit 100 eur" starts
 * a deposit of 100 EUR, "buy 2 aapl" an order for 2 AAPL (each opens its form filled in, for the user to confirm).
 */
export type Intent =
  | { kind: 'deposit'; amount: string; currency: string | null }
  | { kind: 'order'; side: 'buy' | 'sell'; quantity: string | null; symbol: string };

const AMOUNT = '(\\d+(?:[.,]\\d+)?)';

export function parseIntent(query: string): Intent | null {
  const q = query.trim().replace(/\s+/g, ' ');
  let m = new RegExp(`^deposit ${AMOUNT}(?: ([a-z]{3}))?$`, 'i').exec(q);
  if (m) return { kind: 'deposit', amount: m[1]!.replace(',', '.'), currency: m[2]?.toUpperCase() ?? null };
  m = new RegExp(`^(buy|sell) ${AMOUNT} ([\\w.\\-]{1,32})$`, 'i').exec(q);
  if (m) return { kind: 'order', side: m[1]!.toLowerCase() as 'buy' | 'sell', quantity: m[2]!.replace(',', '.'), symbol: m[3]!.toUpperCase() };
  m = /^(buy|sell) ([a-z][\w.-]{0,31})$/i.exec(q);
  if (m) return { kind: 'order', side: m[1]!.toLowerCase() as 'buy' | 'sell', quantity: null, symbol: m[2]!.toUpperCase() };
  return null;
}
