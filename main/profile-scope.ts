import type { AlertFired, ProfileSummary, Settings } from '../shared/contract/index.js';
import { AlertService } from './alerts/service.js';
import { ActivityService } from './activities/service.js';
import { CatalogueService } from './catalogue/service.js';
import type { EventHub } from './events.js';
import type { FileDialogs, FileTransfers } from './files/transfers.js';
import { ExportService } from './history/export.js';
import { HistoryService } from './history/service.js';
import { ImportService } from './import/service.js';
import { drainPendingHistory } from './ledger/indexer.js';
import type { FeedService } from './market/feed-service.js';
import type { MarketQuotes } from './market/quotes.js';
import { OrderService } from './orders/service.js';
import { PaperVenue } from './orders/venue.js';
import { PortfolioService } from './portfolio/service.js';
import { SampleService } from './sample/service.js';
import type { ProfileScope, ScopeFactory } from './session/scope.js';
import type { SettingsService } from './settings/service.js';
import type { Store } from './store/data-source.js';
import { WalletService } from './wallets/service.js';
import { AccountService } from './accounts/service.js';
import { ReportFiles } from './reports/files.js';
import { LotsService } from './lots/service.js';
import { ReportService } from './reports/service.js';
import { CorporateService } from './corporate/service.js';

export interface ScopeDeps {
  events: EventHub;
  settings: SettingsService;
  feed: FeedService;
  quotes: MarketQuotes;
  market: Store;
  transfers: FileTransfers;
  dialogs?: FileDialogs | undefined;
  today: () => string;
  now: () => number;
  logError: (message: string, err: unknown) => void;
  /** The user's provider order, so the portfolio and history prefer the same source for a close or rate as sync. */
  priority: (assetClass: 'fx' | 'stock' | 'crypto') => readonly string[];
  /** What the profile uses changed (a wallet's first money, an instrument, an import): sync and feed plan again. */
  usageChanged: () => void;
  /** The operating system's notification of a fired alert (the desktop's; absent in the browser host and tests). */
  notify?: ((fired: AlertFired) => void) | undefined;
  /** The last stored close or rate before today of an instrument or pair (a `move` alert's reference). */
  reference: (symbol: string) => Promise<string | undefined>;
  nativeBinding?: string | undefined;
  exportParts?: { parts?: number; minRows?: number } | undefined;
}

/**
 * Builds the scope of a signed-in profile: every per-profile service on its database, and what runs without a
 * request while it is signed in (locked or not): the aggregation timer and the history indexer once a second,
 * limit orders and price alerts on live ticks, and the portfolio told of new prices and activity.
 */
/** How long after sign-in the lots book is replayed ahead of requests (the first page's reads go first). */
const LOTS_WARM_AFTER_MS = 2_000;

export function scopeFactory(d: ScopeDeps): ScopeFactory {
  return (profile, store) => buildScope(d, profile, store);
}

function buildScope(d: ScopeDeps, profile: ProfileSummary, store: Store): ProfileScope {
  const settings = (): Settings => d.settings.get(profile.id);
  const fxPriority = () => d.priority('fx');
  // One lots book per signed-in profile, kept between requests: the portfolio by account and the reports share it.
  const lots = new LotsService();
  const portfolio = new PortfolioService({
    lots,
    profile: store,
    market: d.market,
    livePrice: (symbol) => d.feed.price(symbol),
    settings,
    today: d.today,
    now: d.now,
    fxPriority,
    barPriority: (c) => d.priority(c === 'crypto' ? 'crypto' : 'stock'),
    logError: d.logError,
  });
  const venue = new PaperVenue(() => {
    const t = settings().trading;
    return { spreadBps: t.spreadBps, fee: { rate: t.feeRate, minimum: t.feeMinimum } };
  });
  const orders = new OrderService({
    store,
    events: d.events,
    venue,
    settings,
    price: (symbol) => d.quotes.livePrice(symbol),
    usdRate: (currency) => d.quotes.usdRate(currency),
    lastClose: (symbol) => d.quotes.lastClose(symbol),
    now: d.now,
    onActivity: () => portfolio.invalidate(),
  });
  const activities = new ActivityService(store, d.today, d.now, () => {
    portfolio.invalidate();
    d.events.emit('portfolio:changed', { reason: 'activity' });
  });
  const baseCurrency = () => settings().baseCurrency;
  const history = new HistoryService({ store, market: d.market, baseCurrency, fxPriority });
  const exports = new ExportService({
    store,
    market: d.market,
    history,
    events: d.events,
    transfers: d.transfers,
    ...(d.dialogs ? { dialogs: d.dialogs } : {}),
    baseCurrency,
    fxPriority,
    today: d.today,
    ...(d.nativeBinding ? { nativeBinding: d.nativeBinding } : {}),
    ...(d.exportParts ? { exportParts: d.exportParts } : {}),
  });
  const imports = new ImportService({ store, transfers: d.transfers, events: d.events, locale: () => settings().locale, costMethod: () => settings().costMethod, now: d.now });
  const ready = orders.recover();
  const alerts = new AlertService({
    store,
    events: d.events,
    now: d.now,
    reference: d.reference,
    notify: (fired) => d.notify?.(fired),
    symbolsChanged: d.usageChanged,
    logError: d.logError,
  });

  const reports = new ReportService({ store, market: d.market, baseCurrency, fxPriority, lots });
  const accounts = new AccountService(
    store,
    d.today,
    undefined,
    () => {
      portfolio.invalidate();
      d.events.emit('portfolio:changed', { reason: 'activity' });
    },
    () => settings().costMethod,
  );

  let indexing = false;
  const timer = setInterval(() => {
    void ready.then(() => orders.tick()).catch((err) => d.logError('orders: aggregation tick failed', err));
    // Trades and wallet entries of the last second join the history's sort indexes in one batch.
    if (indexing) return;
    indexing = true;
    void drainPendingHistory(store.writer, () => !disposed)
      .catch((err) => d.logError('history: indexing failed', err))
      .finally(() => (indexing = false));
  }, 1_000);
  timer.unref();
  const unsubscribe = d.events.subscribe((e) => {
    // A deposit or withdrawal wrote an activity row: the portfolio reads it on its next snapshot. Done here, after
    // the wallet's own commit, so nothing that follows a committed deposit can turn its answer into an error.
    if (e.event === 'wallet:changed') portfolio.invalidate();
    // Stored closes or rates of this series changed (corrections included): the portfolio re-reads just it.
    else if (e.event === 'sync:progress') {
      if (e.payload.rows > 0 && e.payload.state === 'done') portfolio.pricesChanged(e.payload.symbol);
    } else if (e.event === 'market:prices') {
      void ready.then(() => orders.onPrices(e.payload.prices)).catch((err) => d.logError('orders: limit matching failed', err));
      // Alerts are checked here, in main: also while the window is hidden or the session locked.
      void alerts.onPrices(e.payload.prices).catch((err) => d.logError('alerts: check failed', err));
    }
  });

  const catalogue = new CatalogueService(store, undefined, d.usageChanged);
  const sample = new SampleService({
    store,
    activities,
    catalogue,
    events: d.events,
    settings,
    markSample: (on) => d.settings.markSample(profile.id, on),
    today: d.today,
    now: d.now,
    usageChanged: d.usageChanged,
  });

  let disposed = false;
  // The lots book is replayed, and its closed lots taken to the base currency, in slices a moment after sign-in
  // (after the first page's own reads), so the first request by account or for a report finds them kept. A failure
  // costs only that work at the request.
  let warming: Promise<void> = Promise.resolve();
  const warmTimer = setTimeout(() => {
    warming = portfolio.warmByAccount(() => !disposed).catch((err) => {
      if (!disposed) d.logError('lots: replaying the log ahead failed', err);
    });
  }, LOTS_WARM_AFTER_MS);
  warmTimer.unref();
  return {
    profile,
    store,
    wallets: new WalletService(store, d.events, undefined, d.usageChanged),
    catalogue,
    sample,
    reports,
    reportFiles: new ReportFiles({ reports, accounts: () => accounts.list(true), transfers: d.transfers, dialogs: d.dialogs, baseCurrency, today: d.today }),
    corporate: new CorporateService({
      store,
      today: d.today,
      now: d.now,
      onProposals: (proposed) => d.events.emit('corporate:proposals', { proposed }),
      onActivity: () => {
        portfolio.invalidate();
        d.events.emit('portfolio:changed', { reason: 'activity' });
      },
    }),
    accounts,
    orders,
    activities,
    portfolio,
    history,
    exports,
    imports,
    alerts,
    ready,
    async dispose() {
      if (disposed) return;
      disposed = true;
      clearInterval(timer);
      clearTimeout(warmTimer);
      unsubscribe();
      alerts.close();
      orders.close();
      exports.cancelAll();
      // The latest live snapshot is kept for the next sign-in before the database closes.
      await portfolio.close().catch((err) => d.logError('portfolio: keeping the snapshot failed', err));
      await warming;
      await store.close();
    },
  };
}
