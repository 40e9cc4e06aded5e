import { addDays } from '../../shared/fx.js';
import type { MarketTarget } from '../providers/types.js';
import type { SettingsService } from '../settings/service.js';
import type { Store } from '../store/data-source.js';
import { inUse, type SyncJob } from './repo.js';
import type { SyncService } from './service.js';
import type { FeedService, WatchTarget } from '../market/feed-service.js';
import { alertSymbols } from '../alerts/repo.js';
import { assetClassOf } from '../../shared/market.js';
import { findCurrency } from '../../shared/currencies.js';

/** History kept by default for charts (5Y range); earlier activity pulls it further back. */
const DEFAULT_HISTORY_DAYS = 1827;

/** The profile a plan is made for: its id (for its settings) and its database. */
export interface PlannedProfile {
  profile: { id: string };
  store: Store;
}

/**
 * Decides which series the signed-in profile needs — FX for every currency it holds or prices in (against EUR, the
 * pivot most sources publish), and every instrument of its catalogue — then asks the sync to backfill them and the
 * feed to follow them. Called at sign-in and whenever wallets, instruments, base currency or providers change.
 */
export class MarketCoordinator {
  constructor(
    private readonly sync: SyncService,
    private readonly feed: FeedService,
    private readonly settings: SettingsService,
    private readonly today: () => string,
  ) {}

  /** `force`: asset classes to fetch again even if synced recently ('all' for "Sync now"). */
  async refresh(active: PlannedProfile, force: readonly string[] | 'all' = []): Promise<SyncJob[]> {
    const used = await active.store.writer.read((db) => ({ ...inUse(db), alerts: alertSymbols(db) }));
    const base = this.settings.get(active.profile.id).baseCurrency;
    const today = this.today();
    const defaultSince = addDays(today, -DEFAULT_HISTORY_DAYS);
    const since = used.earliest && used.earliest.slice(0, 10) < defaultSince ? used.earliest.slice(0, 10) : defaultSince;
    const fiat = new Set([...used.wallets, base, ...used.instruments.map((i) => i.quote_currency)]);
    const targets: MarketTarget[] = [...fiat]
      .filter((c) => c !== 'EUR')
      .sort()
      .map((c) => ({ assetClass: 'fx', symbol: `EUR-${c}`, base: 'EUR', quote: c }));
    for (const i of used.instruments) {
      targets.push({ assetClass: i.asset_class === 'crypto' ? 'crypto' : 'stock', symbol: i.symbol, quote: i.quote_currency, providerSymbols: JSON.parse(i.provider_symbols) as MarketTarget['providerSymbols'] });
    }
    const watch: WatchTarget[] = [
      ...used.wallets.filter((c) => c !== base).map((c): WatchTarget => ({ symbol: `${c}-${base}`, assetClass: 'fx', currency: base })),
      ...used.instruments.map((i): WatchTarget => ({ symbol: i.symbol, assetClass: i.asset_class === 'crypto' ? 'crypto' : 'stock', currency: i.quote_currency })),
    ];
    // A pair with an alert that no wallet brings in (instruments are all watched already).
    for (const symbol of used.alerts) {
      if (watch.some((w) => w.symbol === symbol) || assetClassOf(symbol, (c) => findCurrency(c) !== undefined) !== 'fx') continue;
      watch.push({ symbol, assetClass: 'fx', currency: symbol.split('-')[1]! });
    }
    await this.feed.watch(watch);
    return this.sync.ensure(targets.map((target) => ({ target, since })), force);
  }
}
