import type { InstrumentMatch, InstrumentView, UnknownInstrument } from '../../../../shared/contract/index.js';

const words = (s: string) => s.toUpperCase().split(/[^A-Z0-9]+/).filter((w) => w.length >= 2);
const GENERIC = new Set(['INC', 'CORP', 'CO', 'LTD', 'PLC', 'AG', 'SE', 'SA', 'NV', 'THE', 'COMMON', 'ST', 'STOCK', 'CLASS', 'ETF', 'CASH', 'DIVIDEND', 'USD', 'EUR', 'PER', 'SHARE']);

/**
 * The catalogue instrument that best fits what a file says about an unknown one, searched offline in the
 * catalogue: its symbol written in the file's name ("AAPL(US0378331005) CASH DIVIDEND"), a pair the reference starts with
 * ("BTCUSDT" and "BTC-USD"), or the distinctive words
 * of its name ("APPLE INC - COMMON ST" and "Apple Inc."); the row's currency breaks ties. Null when nothing fits.
 */
export function bestMatch(u: UnknownInstrument, instruments: readonly InstrumentView[]): InstrumentView | null {
  const text = new Set(words(`${u.name ?? ''} ${u.reference}`));
  let best: InstrumentView | null = null;
  let bestScore = 0;
  for (const i of instruments) {
    let score = 0;
    const squashed = i.symbol.replace(/[^A-Z0-9]/g, '');
    if (words(i.symbol).some((w) => text.has(w)) || text.has(squashed)) score += 3;
    // An exchange's pair against a stablecoin ("BTCUSDT") starts with the catalogue's pair ("BTC-USD").
    else if (squashed.length >= 5 && u.reference.replace(/[^A-Z0-9]/g, '').startsWith(squashed)) score += 2;
    const distinctive = words(i.name).filter((w) => !GENERIC.has(w));
    if (distinctive.length > 0 && distinctive.every((w) => text.has(w))) score += 2;
    if (score > 0 && u.currency && i.quoteCurrency === u.currency) score += 1;
    if (score > bestScore) {
      best = i;
      bestScore = score;
    }
  }
  return bestScore >= 2 ? best : null;
}

const ISIN = /^[A-Z]{2}[A-Z0-9]{9}\d$/;

/** What to search for an unknown instrument: its ISIN when the file gives one (it names one listing's issuer), else its reference. */
export function searchWordsFor(u: UnknownInstrument): string {
  if (u.isin && ISIN.test(u.isin)) return u.isin;
  return u.reference;
}

/**
 * The search result to offer for an unknown instrument: one that matches what the file says exactly — its ticker, or
 * its ISIN (the bundled list knows ISINs; a provider asked by ISIN answers that instrument's listings) — with a
 * known currency, the row's currency first. Null when nothing fits that well: a guess is never offered.
 */
export function bestFound(u: UnknownInstrument, results: readonly InstrumentMatch[]): InstrumentMatch | null {
  const byIsin = ISIN.test(searchWordsFor(u));
  const fits = results.filter(
    (m) => m.currency !== null && (m.match === 'ticker' || m.match === 'isin' || (byIsin && m.from.some((f) => f !== 'catalogue' && f !== 'bundled'))),
  );
  return fits.find((m) => u.currency && m.currency === u.currency) ?? fits[0] ?? null;
}
