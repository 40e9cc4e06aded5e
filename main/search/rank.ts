import type { InstrumentMatch, SearchMatch } from '../../shared/contract/search.js';
import { listingOfTicker } from '../providers/listings.js';

/** One instrument as one source names it, before results are merged. */
export interface Candidate {
  symbol: string;
  name: string;
  assetClass: 'stock' | 'crypto';
  /** Equity, ETF, Crypto…; '' when the source does not say (the catalogue): another source's word is taken. */
  type: string;
  exchange?: string;
  currency?: string;
  isin?: string;
  providerSymbols: Record<string, string>;
  /** 'catalogue', 'bundled' or a provider id. */
  from: string;
  instrumentId?: number;
  /** A widely held instrument (the bundled common listings, the best-known coins): first among equals. */
  common?: boolean;
  /** How it matched, when the source already worked it out (the offline list does). */
  match?: SearchMatch;
}

/** The words typed, prepared once per search. */
export interface Query {
  upper: string;
  lower: string;
}

/** Lower case without accents: "Nestlé" is found by "nestle". */
export function folded(text: string): string {
  const lower = text.toLowerCase();
  // eslint-disable-next-line no-control-regex -- plain ASCII needs no folding (the common case, on every keystroke)
  return /^[\x00-\x7f]*$/.test(lower) ? lower : lower.normalize('NFD').replace(/\p{M}/gu, '');
}

export function prepareQuery(text: string): Query {
  const t = text.trim();
  return { upper: t.toUpperCase(), lower: folded(t) };
}

const ORDER: readonly SearchMatch[] = ['ticker', 'isin', 'prefix', 'name', 'related'];
const MATCH_SCORE: Record<SearchMatch, number> = { ticker: 100, isin: 95, prefix: 70, name: 60, related: 20 };
/**
 * Beside the match: a widely held instrument, or one a provider's search judged relevant, outranks an obscure coin
 * of the offline list whose ticker happens to be the word typed ("apple" is Apple Inc. before the APPLE token).
 */
const COMMON_BONUS = 45;
const PROVIDER_BONUS = 30;
const OBSCURE_PENALTY = 30;

/**
 * How a candidate matches: its ticker exactly (or a coin's base, or one of its provider symbols), its ISIN, a ticker
 * starting with the words, a name starting with them (or one of its words), a name containing them; else null.
 * `nameLower` may be passed precomputed (the offline list does, for every keystroke).
 */
export function matchOf(q: Query, c: Candidate, nameLower = folded(c.name)): SearchMatch | null {
  const { upper, lower } = q;
  if (!upper) return null;
  if (c.symbol === upper) return 'ticker';
  if (c.assetClass === 'stock' && shareClassSpelling(c.symbol) === shareClassSpelling(upper)) return 'ticker';
  if (c.assetClass === 'crypto' && c.symbol.length > upper.length && c.symbol.startsWith(upper) && c.symbol[upper.length] === '-') return 'ticker';
  if (c.isin === upper) return 'isin';
  for (const p in c.providerSymbols) if (c.providerSymbols[p]!.toUpperCase() === upper) return 'ticker';
  if (c.symbol.startsWith(upper)) return 'prefix';
  if (lower.length < 2) return null; // one letter is in most names: only tickers answer it
  const at = nameLower.indexOf(lower);
  if (at === 0 || (at > 0 && !/[a-z0-9]/.test(nameLower[at - 1]!))) return 'name';
  if (at > 0 && lower.length >= 3) return 'related';
  return null;
}

const CLASS_SUFFIX = /^([A-Z0-9]+)[./ -]([A-Z])$/;

/**
 * A share's ticker with its class letter written the catalogue's (Yahoo's) way: Finnhub writes Berkshire's B shares
 * BRK.B, Yahoo and Alpha Vantage BRK-B, brokers BRK/B or "BRK B"; all are BRK-B. A dot before a letter that names an
 * exchange (VOD.L, 7203.T) is a listing, not a class, and stays.
 */
export function shareClassSpelling(symbol: string): string {
  const m = CLASS_SUFFIX.exec(symbol);
  if (!m) return symbol;
  if (symbol[m[1]!.length] === '.' && listingOfTicker(symbol)) return symbol;
  return `${m[1]}-${m[2]}`;
}

/** The instrument a candidate names, whatever class separator its source writes. */
export const keyOf = (c: { assetClass: string; symbol: string }) => `${c.assetClass}:${c.assetClass === 'stock' ? shareClassSpelling(c.symbol) : c.symbol}`;

interface Merged {
  result: InstrumentMatch;
  common: boolean;
  fromProvider: boolean;
  /** Arrival order: the catalogue, the bundled list, then each provider in the user's order and its own order. */
  order: number;
}

/**
 * Merges the candidates of every source into one result per instrument (the same asset class and catalogue symbol),
 * keeping every provider's own symbol (the catalogue's win), the first name, exchange, currency and ISIN said, and
 * the best match; then ranks: instruments already in the catalogue, then the score (the match, ticker to related,
 * with the bonuses above), then arrival order.
 */
export function mergeAndRank(q: Query, candidates: Iterable<Candidate>, limit: number): InstrumentMatch[] {
  const byKey = new Map<string, Merged>();
  let order = 0;
  for (const c of candidates) {
    const match = c.match ?? matchOf(q, c) ?? 'related';
    const key = keyOf(c);
    const seen = byKey.get(key);
    if (!seen) {
      byKey.set(key, {
        result: {
          // Outside the catalogue, a share class is shown (and added) in the catalogue's spelling.
          symbol: c.assetClass === 'stock' && c.instrumentId === undefined ? shareClassSpelling(c.symbol) : c.symbol,
          name: c.name,
          assetClass: c.assetClass,
          type: c.type,
          exchange: c.exchange ?? null,
          currency: c.currency ?? null,
          isin: c.isin ?? null,
          providerSymbols: { ...c.providerSymbols },
          from: [c.from],
          instrumentId: c.instrumentId ?? null,
          match,
        },
        common: c.common ?? false,
        fromProvider: c.from !== 'catalogue' && c.from !== 'bundled',
        order: order++,
      });
      continue;
    }
    const r = seen.result;
    r.providerSymbols = c.from === 'catalogue' ? { ...r.providerSymbols, ...c.providerSymbols } : { ...c.providerSymbols, ...r.providerSymbols };
    if (!r.from.includes(c.from)) r.from.push(c.from);
    r.type ||= c.type;
    r.exchange ??= c.exchange ?? null;
    r.currency ??= c.currency ?? null;
    r.isin ??= c.isin ?? null;
    if (c.instrumentId !== undefined) {
      r.instrumentId = c.instrumentId;
      r.symbol = c.symbol;
      r.name = c.name;
      if (c.currency) r.currency = c.currency;
    }
    if (ORDER.indexOf(match) < ORDER.indexOf(r.match)) r.match = match;
    seen.common ||= c.common ?? false;
    seen.fromProvider ||= c.from !== 'catalogue' && c.from !== 'bundled';
  }
  // One number per result (the catalogue first, then the score, then arrival), computed once and sorted.
  const ranked: { rank: number; result: InstrumentMatch }[] = [];
  for (const m of byKey.values()) {
    const score =
      MATCH_SCORE[m.result.match] + (m.common ? COMMON_BONUS : 0) + (m.fromProvider ? PROVIDER_BONUS : 0) - (!m.common && !m.fromProvider && m.result.instrumentId === null ? OBSCURE_PENALTY : 0);
    ranked.push({ rank: (m.result.instrumentId !== null ? 0 : 1_000) - score + m.order / (byKey.size + 1), result: m.result });
  }
  return ranked
    .sort((a, b) => a.rank - b.rank)
    .slice(0, limit)
    .map((r) => (r.result.type ? r.result : { ...r.result, type: r.result.assetClass === 'crypto' ? 'Crypto' : 'Stock' }));
}

/**
 * The offline list's best `keep` candidates by their own score, plus any another source also names (merging may
 * raise those): a one-letter query matches hundreds of coins, and only the best few can be shown.
 */
export function preselect(q: Query, offline: readonly Candidate[], keep: number, namedElsewhere: ReadonlySet<string>): Candidate[] {
  if (offline.length <= keep) return [...offline];
  const scored = offline.map((c, i) => ({ c, s: MATCH_SCORE[c.match ?? matchOf(q, c) ?? 'related'] + (c.common ? COMMON_BONUS : -OBSCURE_PENALTY) - i / (offline.length + 1) }));
  scored.sort((a, b) => b.s - a.s);
  return scored.filter((x, i) => i < keep || namedElsewhere.has(keyOf(x.c))).map((x) => x.c);
}
