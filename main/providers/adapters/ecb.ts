import { XMLParser } from 'fast-xml-parser';
import { z } from 'zod';
import type { DailyBar } from '../../../shared/market.js';
import { addDays, finishBars, isoDateUtc } from '../dates.js';
import { decimalString, divideRates } from '../decimal.js';
import { ProviderError } from '../errors.js';
import { getXml, parseShape } from '../http.js';
import { isFiatCode, pairOf } from '../symbols.js';
import type { History, LatestQuote, MarketTarget, ProviderAdapter, ProviderContext } from '../types.js';

/**
 * ECB euro foreign exchange reference rates, straight from the source as XML (keyless):
 *   {base}/eurofxref-hist.xml (since 1999), {base}/eurofxref-hist-90d.xml, {base}/eurofxref-daily.xml
 * Shape (gesmes envelope, one Cube per working day, newest first, rates as attribute strings):
 *   <gesmes:Envelope …><gesmes:subject>Reference rates</gesmes:subject>…
 *     <Cube><Cube time="2020-03-06"><Cube currency="USD" rate="1.1336"/>…</Cube>…</Cube></gesmes:Envelope>
 * Every rate is EUR→X. EUR-X is published; X-EUR and X-Y are derived in decimal.js (12 significant digits).
 * One file holds every pair, so the parsed document is cached per URL for a few minutes: a sync of ten pairs
 * downloads it once.
 */
const CACHE_TTL_MS = 10 * 60_000;
const RATE_RE = /^\d+(\.\d+)?$/;

const CurrencyCube = z.object({ currency: z.string(), rate: z.string().regex(RATE_RE) });
const DayCube = z.object({ time: z.string().regex(/^\d{4}-\d{2}-\d{2}$/), Cube: z.array(CurrencyCube).default([]) });
const Envelope = z.object({ 'gesmes:Envelope': z.object({ Cube: z.object({ Cube: z.array(DayCube).default([]) }) }) });

type DayRates = Map<string, Map<string, string>>; // date → currency → EUR→X rate string

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseAttributeValue: false, // keep "1.1336" a string: rates are never floats here
  parseTagValue: false,
  isArray: (name, jpath) => name === 'Cube' && (jpath === 'gesmes:Envelope.Cube.Cube' || jpath === 'gesmes:Envelope.Cube.Cube.Cube'),
});

function parseEcbXml(xml: string): DayRates {
  let doc: unknown;
  try {
    doc = parser.parse(xml);
  } catch (e) {
    throw new ProviderError('bad_data', 'unparsable ECB XML', { provider: 'ecb', cause: e });
  }
  const env = parseShape(Envelope, doc, 'ecb', 'ECB XML');
  const out: DayRates = new Map();
  for (const day of env['gesmes:Envelope'].Cube.Cube) {
    const m = new Map<string, string>([['EUR', '1']]);
    for (const c of day.Cube) m.set(c.currency, decimalString(c.rate));
    out.set(day.time, m);
  }
  return out;
}

/** Rate of base→quote on one day from EUR-based rates, or undefined if either leg is missing that day. */
function crossRate(day: Map<string, string>, base: string, quote: string): string | undefined {
  const b = day.get(base);
  const q = day.get(quote);
  if (b === undefined || q === undefined) return undefined;
  if (base === 'EUR') return q; // as published
  return divideRates(q, b);
}

const cache = new Map<string, { at: number; data: DayRates }>();

async function load(ctx: ProviderContext, file: string): Promise<DayRates> {
  const url = `${ctx.baseUrl}/${file}`;
  const hit = cache.get(url);
  if (hit && ctx.now() - hit.at < CACHE_TTL_MS) return hit.data;
  const data = parseEcbXml(await getXml(ctx, { provider: 'ecb', url }));
  cache.set(url, { at: ctx.now(), data });
  return data;
}

/** Test hook: forget cached documents (tests switch scenarios on the same URL). */
export function clearEcbCache(): void {
  cache.clear();
}

export const ecb: ProviderAdapter = {
  id: 'ecb',
  name: 'European Central Bank (XML)',
  assetClasses: ['fx'],
  needsKey: false,
  capabilities: { maxRangeDays: 100_000, earliestDate: '1999-01-04', intraday: false },
  defaultRateLimit: { capacity: 2, refillPerSec: 0.5 },
  defaultBaseUrl: 'https://www.ecb.europa.eu/stats/eurofxref',

  canHandle(target: MarketTarget): boolean {
    if (target.assetClass !== 'fx') return false;
    const [b, q] = target.symbol.split('-');
    return !!b && !!q && isFiatCode(b) && isFiatCode(q);
  },

  async latest(target: MarketTarget, ctx: ProviderContext): Promise<LatestQuote> {
    const { base, quote } = pairOf(target, this.id);
    const days = await load(ctx, 'eurofxref-daily.xml');
    const dates = [...days.keys()].sort();
    const date = dates[dates.length - 1];
    const rate = date === undefined ? undefined : crossRate(days.get(date)!, base, quote);
    if (date === undefined || rate === undefined) {
      throw new ProviderError('not_found', `ECB publishes no ${base}-${quote} rate`, { provider: this.id });
    }
    return { price: rate, currency: quote, date };
  },

  async dailyHistory(target: MarketTarget, from: string, to: string, ctx: ProviderContext): Promise<History> {
    const { base, quote } = pairOf(target, this.id);
    // The 90-day file is a small fraction of the full history; use it when the whole range fits in it (with a week of slack).
    const recent = from >= addDays(isoDateUtc(ctx.now()), -83);
    const days = await load(ctx, recent ? 'eurofxref-hist-90d.xml' : 'eurofxref-hist.xml');
    const bars: DailyBar[] = [];
    let known = false;
    for (const [date, day] of days) {
      const rate = crossRate(day, base, quote);
      if (rate === undefined) continue;
      known = true;
      if (date >= from && date <= to) bars.push({ date, close: rate });
    }
    if (!known) throw new ProviderError('not_found', `ECB publishes no ${base}-${quote} rate`, { provider: this.id });
    return { bars: finishBars(bars, from, to), currency: quote };
  },
};
