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
  // The commands are understood in English and in German, whatever the interface language.
  let m = new RegExp(`^(?:deposit|einzahlen) ${AMOUNT}(?: ([a-z]{3}))?$`, 'i').exec(q);
  if (m) return { kind: 'deposit', amount: m[1]!.replace(',', '.'), currency: m[2]?.toUpperCase() ?? null };
  m = new RegExp(`^(buy|sell|kaufen|verkaufen) ${AMOUNT} ([\\w.\\-]{1,32})$`, 'i').exec(q);
  if (m) return { kind: 'order', side: side(m[1]!), quantity: m[2]!.replace(',', '.'), symbol: m[3]!.toUpperCase() };
  m = /^(buy|sell|kaufen|verkaufen) ([a-z][\w.-]{0,31})$/i.exec(q);
  if (m) return { kind: 'order', side: side(m[1]!), quantity: null, symbol: m[2]!.toUpperCase() };
  return null;
}

function side(verb: string): 'buy' | 'sell' {
  const v = verb.toLowerCase();
  return v === 'buy' || v === 'kaufen' ? 'buy' : 'sell';
}
