import type { PortfolioSnapshot, Settings } from '../shared/contract/index.js';
import { findCurrency } from '../shared/currencies.js';
import { assetClassOf, STALE_AFTER_MS } from '../shared/market.js';
import { Dec } from '../shared/decimal/index.js';
import { ActivityService } from './activities/service.js';
import type { EventHub } from './events.js';
import { drainPendingHistory } from './history/indexer.js';
import type { FeedService } from './market/feed-service.js';
import type { LivePrice } from './orders/market-view.js';
import { OrderService } from './orders/service.js';
import { PaperVenue } from './orders/venue.js';
import { PortfolioService } from './portfolio/service.js';
import type { FxService } from './services/fx.js';
import type { ActiveProfile } from './services/session.js';
import type { SettingsService } from './services/settings.js';
import type { Store } from './store/data-source.js';
import { statements } from './store/statements.js';

/** The trading services of the signed-in profile (they hold that profile's database). */
export interface Trading {
  profileId: string;
  orders: OrderService;
  activities: ActivityService;
  portfolio: { snapshot(): Promise<PortfolioSnapshot>; invalidate(): void; pricesChanged(symbol?: string): void };
  /** Resolves when start-up recovery (orders left pending by a crash) is done. */
  ready: Promise<void>;
}

export interface TradingDeps {
  events: EventHub;
  settings: SettingsService;
  feed: FeedService;
  fx: FxService;
  market: Store;
  today: () => string;
  now: () => number;
  logError: (message: string, err: unknown) => void;
  /** The user's provider order, so the portfolio prefers the same source for a day's close or rate as sync does. */
  priority?: (assetClass: 'fx' | 'stock' | 'crypto') => readonly string[];
}

const fiat = (code: string) => findCurrency(code) !== undefined;

/**
 * Builds and keeps the trading services of whichever profile is signed in, and drives what happens without a
 * request: the aggregation timer (once a second) and limit orders on live ticks. Plain Node, no `electron`.
 */
export class TradingHost {
  private current: { active: ActiveProfile; trading: Trading } | null = null;
  private readonly timer: NodeJS.Timeout;
  private readonly closes = new Map<string, { day: string; at: number; close: string | undefined }>();
  private readonly unsubscribe: () => void;
  /** A backlog of pending history rows is being indexed (see indexHistory). */
  private indexing = false;

  constructor(
    private readonly deps: TradingDeps,
    private readonly activeProfile: () => ActiveProfile | null,
  ) {
    this.timer = setInterval(() => {
      const t = this.live();
      if (!t) return;
      const store = this.current!.active.store;
      void t.ready.then(() => t.orders.tick()).catch((err) => deps.logError('orders: aggregation tick failed', err));
      // Trades and wallet entries of the last second join the history's sort indexes in one batch.
      if (!this.indexing) void this.indexHistory(store);
    }, 1_000);
    this.timer.unref();
    this.unsubscribe = deps.events.subscribe((e) => {
      // A deposit or withdrawal wrote an activity row: the portfolio reads it on its next snapshot. Done here, after
      // the wallet's own commit, so nothing that follows a committed deposit can turn its answer into an error.
      if (e.event === 'wallet:changed') {
        this.current?.trading.portfolio.invalidate();
        return;
      }
      if (e.event === 'sync:progress') {
        // Stored closes or rates of this series changed (corrections included): the portfolio re-reads just it.
        if (e.payload.rows > 0 && e.payload.state === 'done') this.current?.trading.portfolio.pricesChanged(e.payload.symbol);
        return;
      }
      if (e.event !== 'market:prices') return;
      const t = this.live();
      if (t) void t.ready.then(() => t.orders.onPrices(e.payload.prices)).catch((err) => deps.logError('orders: limit matching failed', err));
    });
  }

  /** The trading services of this (signed-in, unlocked) profile. */
  for(active: ActiveProfile): Trading {
    if (this.current?.active === active) return this.current.trading;
    this.current?.trading.orders.close();
    const trading = this.build(active);
    this.current = { active, trading };
    return trading;
  }

  /** Indexes pending history rows (main/history/indexer.ts), one drain at a time. */
  private async indexHistory(store: Store): Promise<void> {
    this.indexing = true;
    try {
      await drainPendingHistory(store.writer, () => this.current?.active.store === store);
    } catch (err) {
      this.deps.logError('history: indexing failed', err);
    } finally {
      this.indexing = false;
    }
  }

  close(): void {
    clearInterval(this.timer);
    this.unsubscribe();
    this.current?.trading.orders.close();
    this.current = null;
  }

  /** The current profile's services, if that profile is still the signed-in one (locked or not: books still fill). */
  private live(): Trading | null {
    const active = this.activeProfile();
    if (!active) {
      this.current?.trading.orders.close();
      this.current = null;
      return null;
    }
    return this.for(active);
  }

  private build(active: ActiveProfile): Trading {
    const d = this.deps;
    const settings = (): Settings => d.settings.get(active.profile.id);
    const portfolio = new PortfolioService({
      profile: active.store,
      market: d.market,
      livePrice: (symbol) => d.feed.price(symbol),
      settings,
      today: d.today,
      now: d.now,
      fxPriority: d.priority ? () => d.priority!('fx') : undefined,
      barPriority: d.priority ? (c) => d.priority!(c === 'crypto' ? 'crypto' : 'stock') : undefined,
    });
    const onActivity = () => {
      portfolio.invalidate();
    };
    const venue = new PaperVenue(() => {
      const t = settings().trading;
      return { spreadBps: t.spreadBps, fee: { rate: t.feeRate, minimum: t.feeMinimum } };
    });
    const orders = new OrderService({
      store: active.store,
      events: d.events,
      venue,
      settings,
      price: (symbol) => this.livePrice(symbol),
      usdRate: (currency) => this.usdRate(currency),
      lastClose: (symbol) => this.lastClose(symbol),
      now: d.now,
      onActivity,
    });
    const activities = new ActivityService(active.store, d.today, d.now, () => {
      onActivity();
      d.events.emit('portfolio:changed', { reason: 'activity' });
    });
    return { profileId: active.profile.id, orders, activities, portfolio, ready: orders.recover() };
  }

  /** The feed's price with the asset class's stale window applied (the same rule as the watchlist). */
  private livePrice(symbol: string): LivePrice | undefined {
    const p = this.deps.feed.price(symbol);
    if (!p) return undefined;
    const assetClass = assetClassOf(symbol, fiat);
    const stale = p.stale || this.deps.now() - p.receivedAt > STALE_AFTER_MS[assetClass];
    return { price: p.price, ts: p.ts, source: p.source, simulated: p.simulated === true, stale };
  }

  /** USD per unit of a currency: a live FX price either way round, else today's stored rate. */
  private async usdRate(currency: string): Promise<string | undefined> {
    if (currency === 'USD') return '1';
    const direct = this.livePrice(`${currency}-USD`);
    if (direct && !direct.stale) return direct.price;
    const inverse = this.livePrice(`USD-${currency}`);
    if (inverse && !inverse.stale) return Dec.ONE.div(inverse.price).round(18).toFixed();
    try {
      return (await this.deps.fx.rate(currency, 'USD', this.deps.today())).rate;
    } catch {
      return undefined;
    }
  }

  /** The last stored daily close before today (any source), cached for a minute per symbol. */
  private async lastClose(symbol: string): Promise<string | undefined> {
    const day = this.deps.today();
    const hit = this.closes.get(symbol);
    const now = this.deps.now();
    if (hit && hit.day === day && now - hit.at < 60_000) return hit.close;
    const close = await this.deps.market.writer.sync((db) => {
      const row = statements(db, { close: 'SELECT close FROM daily_bars WHERE symbol = ? AND date < ? ORDER BY date DESC LIMIT 1' }).close.get(symbol, day) as
        | { close: string }
        | undefined;
      return row?.close;
    });
    this.closes.set(symbol, { day, at: now, close });
    return close;
  }
}
