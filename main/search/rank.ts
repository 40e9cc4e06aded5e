import type { InstrumentMatch, SearchMatch } from '../../shared/contract/search.js';

/** One instrument as one source names it, before results are merged. */
export interface Candidate {
  symbol: string;
  name: string;
  assetClass: 'stock' | 'crypto';
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
}

/** The words typed, prepared once per search. */
export interface Query {
  upper: string;
  lower: string;
}

export function prepareQuery(text: string): Query {
  const t = text.trim();
  return { upper: t.toUpperCase(), lower: t.toLowerCase() };
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
export function matchOf(q: Query, c: Candidate, nameLower = c.name.toLowerCase()): SearchMatch | null {
  const { upper, lower } = q;
  if (!upper) return null;
  if (c.symbol === upper) return 'ticker';
  if (c.assetClass === 'crypto' && c.symbol.length > upper.length && c.symbol.startsWith(upper) && c.symbol[upper.length] === '-') return 'ticker';
  if (c.isin === upper) return 'isin';
  for (const p in c.providerSymbols) if (c.providerSymbols[p]!.toUpperCase() === upper) return 'ticker';
  if (c.symbol.startsWith(upper)) return 'prefix';
  const at = nameLower.indexOf(lower);
  if (at === 0 || (at > 0 && !/[a-z0-9]/.test(nameLower[at - 1]!))) return 'name';
  if (at > 0 && lower.length >= 3) return 'related';
  return null;
}

export const keyOf = (c: { assetClass: string; symbol: string }) => `${c.assetClass}:${c.symbol}`;

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
    const match = matchOf(q, c) ?? 'related';
    const key = keyOf(c);
    const seen = byKey.get(key);
    if (!seen) {
      byKey.set(key, {
        result: {
          symbol: c.symbol,
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
    r.exchange ??= c.exchange ?? null;
    r.currency ??= c.currency ?? null;
    r.isin ??= c.isin ?? null;
    if (c.instrumentId !== undefined) {
      r.instrumentId = c.instrumentId;
      r.name = c.name;
      if (c.currency) r.currency = c.currency;
    }
    if (ORDER.indexOf(match) < ORDER.indexOf(r.match)) r.match = match;
    seen.common ||= c.common ?? false;
    seen.fromProvider ||= c.from !== 'catalogue' && c.from !== 'bundled';
  }
  const score = (m: Merged) =>
    MATCH_SCORE[m.result.match] + (m.common ? COMMON_BONUS : 0) + (m.fromProvider ? PROVIDER_BONUS : 0) - (!m.common && !m.fromProvider && m.result.instrumentId === null ? OBSCURE_PENALTY : 0);
  return [...byKey.values()]
    .sort(
      (a, b) =>
        Number(b.result.instrumentId !== null) - Number(a.result.instrumentId !== null) ||
        score(b) - score(a) ||
        a.order - b.order,
    )
    .slice(0, limit)
    .map((m) => m.result);
}
