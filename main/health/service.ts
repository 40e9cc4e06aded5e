import type { HealthReport, HealthRow } from '../../shared/contract/index.js';
import { daysBetween } from '../../shared/fx.js';
import { STALE_AFTER_MS } from '../../shared/market.js';
import type { FeedService } from '../market/feed-service.js';
import type { ProviderHealthBook } from './provider-book.js';
import type { Store } from '../store/data-source.js';
import { gapsOf } from './gaps.js';
import { barSeries, lastJob, profileUse, rateSeries, type JobRow, type StoredSeries } from './repo.js';
import { attemptsWords, reasonWords, type AttemptLike } from './words.js';

export interface HealthDeps {
  market: Store;
  /** The signed-in profile's database (throws when signed out or locked). */
  profile: () => { store: Store };
  baseCurrency: () => string;
  feed: Pick<FeedService, 'price'>;
  providers: ProviderHealthBook;
  /** The user's provider order of an asset class. */
  order: (assetClass: 'fx' | 'stock' | 'crypto') => readonly string[];
  today: () => string;
  now: () => number;
}

/** A stored series whose last close is older than this many days is named as behind. */
const BEHIND_DAYS = 5;
/** A run of missing weekdays this long is named (shorter ones are usually holidays). */
const NAMED_GAP = 3;

interface Subject {
  key: string;
  kind: 'instrument' | 'fx';
  assetClass: 'stock' | 'crypto' | 'fx';
  /** The stored series: the symbol, or the pair the sync fetches (EUR against the currency). */
  series: string;
  uses: Set<HealthRow['uses'][number]>;
}

/**
 * The data health report (docs/design.md#data-health): one row per instrument and currency pair the profile uses,
 * from the market database (stored closes and rates, sync jobs), the live feed and the worker's providers. Read-only.
 */
export class HealthService {
  constructor(private readonly d: HealthDeps) {}

  async report(): Promise<HealthReport> {
    const base = this.d.baseCurrency();
    const use = await this.d.profile().store.writer.read((db) => profileUse(db));
    const subjects = new Map<string, Subject>();
    const add = (s: Omit<Subject, 'uses'>, u: HealthRow['uses'][number]) => {
      const have = subjects.get(s.key) ?? { ...s, uses: new Set() };
      have.uses.add(u);
      subjects.set(s.key, have);
    };
    for (const i of use.instruments) {
      const s = { key: i.symbol, kind: 'instrument' as const, assetClass: i.asset_class, series: i.symbol };
      add(s, 'watchlist');
      if (use.held.has(i.symbol)) add(s, 'held');
      if (use.ledgerSymbols.has(i.symbol)) add(s, 'ledger');
    }
    const pair = (c: string) => ({ key: `${c}-${base}`, kind: 'fx' as const, assetClass: 'fx' as const, series: c === 'EUR' ? `EUR-${base}` : `EUR-${c}` });
    for (const c of use.walletCurrencies) if (c !== base) add(pair(c), use.heldCurrencies.has(c) ? 'held' : 'ledger');
    for (const c of use.ledgerCurrencies) if (c !== base) add(pair(c), 'ledger');
    for (const i of use.instruments) if (i.quote_currency !== base) add(pair(i.quote_currency), 'watchlist');

    const today = this.d.today();
    const rows = await this.d.market.writer.read((db) =>
      [...subjects.values()]
        .sort((a, b) => (a.kind === b.kind ? (a.key < b.key ? -1 : 1) : a.kind === 'instrument' ? -1 : 1))
        .map((s) => {
          const [b, q] = s.series.split('-') as [string, string];
          const stored = s.kind === 'fx' ? rateSeries(db, b, q) : barSeries(db, s.series);
          return this.row(s, stored, lastJob(db, s.series), today);
        }),
    );
    return { asOf: new Date(this.d.now()).toISOString(), baseCurrency: base, rows };
  }

  private row(s: Subject, stored: StoredSeries, job: JobRow | undefined, today: string): HealthRow {
    const gaps = gapsOf(stored.dates);
    const live = this.d.feed.price(s.key);
    const liveView = live
      ? {
          price: live.price,
          ts: live.ts,
          source: live.source,
          stale: live.stale || this.d.now() - live.receivedAt > STALE_AFTER_MS[s.assetClass],
          simulated: live.simulated === true,
        }
      : null;
    const breakers = this.d.order(s.assetClass).map((provider) => ({ provider, state: this.d.providers.breaker(provider) }));
    const row: HealthRow = {
      key: s.key,
      kind: s.kind,
      assetClass: s.assetClass,
      series: s.series,
      uses: [...s.uses].sort(),
      provider: stored.last?.source ?? null,
      firstDate: stored.dates[0] ?? null,
      lastDate: stored.last?.date ?? null,
      gapWeekdays: gaps.weekdays,
      longestGap: gaps.longest,
      live: liveView,
      stale: liveView === null || liveView.stale,
      simulated: liveView?.simulated === true,
      sync: job ? { state: job.state, provider: job.provider, at: job.updated_at } : null,
      breakers,
      problem: null,
    };
    row.problem = this.problem(row, job, today);
    return row;
  }

  /** The most pressing thing wrong with a row, in words; null when nothing is. */
  private problem(r: HealthRow, job: JobRow | undefined, today: string): string | null {
    const words: string[] = [];
    const what = r.kind === 'fx' ? 'rate' : 'close';
    if (r.lastDate === null) words.push(`No ${what} is stored yet${job ? '' : ' and no sync has run for it'}.`);
    if (job?.state === 'failed') {
      const attempts = parseAttempts(job.attempts);
      words.push(`The last sync failed: ${attemptsWords(attempts) || job.error || 'no provider answered'}.`);
    }
    const open = r.breakers.filter((b) => b.state === 'open').map((b) => b.provider);
    if (open.length) words.push(`${open.join(', ')} ${open.length === 1 ? 'is' : 'are'} paused after repeated failures (circuit breaker open).`);
    else if (r.provider && r.lastDate !== null) {
      const failure = this.d.providers.lastFailure(r.provider);
      if (failure && job?.state !== 'failed') words.push(`${r.provider} last ${reasonWords(failure.reason)}.`);
    }
    if (r.lastDate !== null) {
      const age = daysBetween(r.lastDate, today);
      if (age > BEHIND_DAYS) words.push(`The last ${what} is ${age} days old (${r.lastDate}).`);
    }
    if (r.longestGap && r.longestGap.weekdays >= NAMED_GAP) {
      words.push(`${r.longestGap.weekdays} weekdays without a ${what} from ${r.longestGap.from} to ${r.longestGap.to}.`);
    }
    if (r.simulated) words.push('The live price is simulated (no market connection).');
    else if (r.live === null) words.push('No live price has arrived.');
    return words.length ? words.join(' ') : null;
  }
}

function parseAttempts(text: string | null): AttemptLike[] {
  if (!text) return [];
  try {
    const v = JSON.parse(text) as unknown;
    return Array.isArray(v) ? (v as AttemptLike[]) : [];
  } catch {
    return [];
  }
}
