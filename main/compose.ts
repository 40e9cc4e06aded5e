import { join } from 'node:path';
import { addDays, isoDate } from '../shared/fx.js';
import { assetClassOf } from '../shared/market.js';
import { findCurrency } from '../shared/currencies.js';
import type { AlertFired } from '../shared/contract/index.js';
import { activityHandlers } from './activities/handlers.js';
import { alertHandlers } from './alerts/handlers.js';
import { healthHandlers } from './health/handlers.js';
import { HealthService } from './health/service.js';
import { ProviderHealthBook } from './health/provider-book.js';
import { backupHandlers } from './backup/handlers.js';
import { PublishedSplits } from './corporate/published.js';
import { BackupService } from './backup/service.js';
import { catalogueHandlers } from './catalogue/handlers.js';
import { makeDataDirPrivate } from './files/private.js';
import { createDispatch, type Dispatch, type Logger } from './dispatch.js';
import { EventHub } from './events.js';
import { fileHandlers } from './files/handlers.js';
import { FileTransfers, type FileDialogs } from './files/transfers.js';
import { mergeHandlers } from './handlers.js';
import { historyHandlers } from './history/handlers.js';
import { importHandlers } from './import/handlers.js';
import { BarsImport } from './market/bars-import.js';
import { MarketCoordinator } from './sync/coordinator.js';
import { FeedService } from './market/feed-service.js';
import { FxService } from './market/fx-service.js';
import { marketHandlers } from './market/handlers.js';
import { MarketQuotes } from './market/quotes.js';
import { orderHandlers } from './orders/handlers.js';
import { portfolioHandlers } from './portfolio/handlers.js';
import { FIRST_PAGE_MAX_MS, FirstPage } from './portfolio/first-page.js';
import { scopeFactory } from './profile-scope.js';
import { sampleHandlers } from './sample/handlers.js';
import { profileHandlers } from './profiles/handlers.js';
import { ProfileRegistry } from './profiles/service.js';
import type { ProvidersConfig } from './providers/config.js';
import { providerHandlers } from './providers/handlers.js';
import { createProviderRegistry } from './providers/index.js';
import { ProviderSettingsService } from './providers/settings-service.js';
import { searchHandlers } from './search/handlers.js';
import { OfflineList } from './search/offline-list.js';
import { InstrumentSearch } from './search/service.js';
import { sessionHandlers } from './session/handlers.js';
import { SessionService } from './session/service.js';
import { settingsHandlers } from './settings/handlers.js';
import type { KeyValueStore } from './settings/key-value.js';
import { settingsFileSecrets, type SecretStore } from './settings/secrets.js';
import { SettingsService } from './settings/service.js';
import { openMarketStore } from './store/market-store.js';
import { openAppStore } from './store/app-store.js';
import { profileDatabaseFile } from './store/profile-store.js';
import type { WorkerLink } from './worker/messages.js';
import { syncHandlers } from './sync/handlers.js';
import { SyncService } from './sync/service.js';
import { walletHandlers } from './wallets/handlers.js';
import { accountHandlers } from './accounts/handlers.js';
import { reportFileHandlers } from './reports/files-handlers.js';
import { reportHandlers } from './reports/handlers.js';
import { corporateHandlers } from './corporate/handlers.js';

export interface ComposeOptions {
  /** Folder holding app.db, market.db, settings.json and profiles/<id>/bourse.db. */
  dataDir: string;
  /** conf (browser host, tests) or electron-store (desktop). */
  settings: KeyValueStore;
  /** API keys: Electron safeStorage on the desktop; the settings file otherwise. */
  secrets?: SecretStore;
  /**
   * Starts the background worker (network: provider sync and the live feed) with the current provider config.
   * Hosts pass a worker thread (or utilityProcess); tests that need market data pass an in-process link. Without
   * one, nothing is fetched: the app works from what is stored (the offline case).
   */
  startWorker?: (providers: ProvidersConfig) => WorkerLink;
  /** The live feed to connect to; null or absent starts the embedded feed (in the worker). BOURSE_FEED_URL otherwise. */
  feedUrl?: string | null;
  /** better_sqlite3.node built for Electron's ABI, when running inside Electron. */
  nativeBinding?: string;
  /** How large history exports are split into threads (main/history/export.ts); tests force each way. */
  exportParts?: { parts?: number; minRows?: number };
  /** scrypt cost parameter N; tests may lower it, the app never does. */
  scryptCost?: number;
  logger?: Logger;
  /** Clock for the idle lock and login backoff; tests pass a fake one. Defaults to Date.now. */
  now?: () => number;
  /** Today's date (YYYY-MM-DD) for FX lookups and sync; tests pin it. Defaults to the UTC date. */
  today?: () => string;
  /** The desktop's save and open dialogs (main/electron); absent in the browser host, which uploads and downloads. */
  dialogs?: FileDialogs;
  /** The desktop's notification of a fired price alert (main/electron); the browser host's page shows its own. */
  notify?: (fired: AlertFired) => void;
}

export interface App {
  dispatch: Dispatch;
  events: EventHub;
  dataDir: string;
  /** Uploads (import, restore) and one-time downloads (exports, backups) of the browser host. */
  transfers: FileTransfers;
  /** The theme to show before anyone signs in (the last one chosen). */
  initialTheme(): string;
  close(): Promise<void>;
}

/** A worker link that never answers: no background network, the app serves what is stored. */
function noWorker(): WorkerLink {
  return { post: () => undefined, onMessage: () => undefined, close: async () => undefined };
}

/**
 * The composition root: builds the whole app from plain Node parts. It imports nothing from `electron`, so the
 * desktop entry, the browser host and the tests all run exactly this.
 */
export async function compose(opts: ComposeOptions): Promise<App> {
  makeDataDirPrivate(opts.dataDir);
  const logger: Logger = opts.logger ?? { error: (m, e) => console.error(m, e) };
  const logError = (m: string, e: unknown) => logger.error(m, e);
  const events = new EventHub();
  const now = opts.now ?? Date.now;
  const today = opts.today ?? (() => isoDate(now()));
  const appStore = await openAppStore(join(opts.dataDir, 'app.db'), opts.nativeBinding);
  const market = await openMarketStore(join(opts.dataDir, 'market.db'), opts.nativeBinding);
  const registry = new ProfileRegistry(appStore, now, opts.scryptCost, (id) => profileDatabaseFile(opts.dataDir, id), opts.scryptCost);
  const settings = new SettingsService(opts.settings);
  const transfers = new FileTransfers(opts.dataDir, () => session.require().profile.id, now);
  void transfers.sweep().catch(() => undefined);

  // Market data: provider settings (machine-wide), the worker that fetches, and main's writers of what it sends.
  const providerRegistry = createProviderRegistry();
  // The provider settings push changes to the worker, which itself starts with the settings' config: a forward slot.
  const link: { worker?: WorkerLink } = {};
  const providers = new ProviderSettingsService(opts.settings, opts.secrets ?? settingsFileSecrets(opts.settings), providerRegistry, (config) =>
    link.worker?.post({ type: 'config', providers: config }),
  );
  providerRegistry.setConfig(providers.config());
  const worker = opts.startWorker ? opts.startWorker(providers.config()) : noWorker();
  link.worker = worker;
  const providerHealth = new ProviderHealthBook(worker);
  const sync = new SyncService(market, worker, events, today);
  // Precedence: the caller (tests), then the URL chosen in Settings, then BOURSE_FEED_URL, else the embedded feed.
  const envFeed = () => process.env.BOURSE_FEED_URL?.trim() || null;
  const savedFeed = () => (opts.settings.get('feedUrl') as string | undefined) || null;
  const feedUrl = opts.feedUrl !== undefined ? opts.feedUrl : savedFeed() ?? envFeed();
  const feed = new FeedService(market, worker, events, feedUrl);
  const fx = new FxService(market, () => providers.priority('fx'), today);
  const quotes = new MarketQuotes(feed, fx, market, today, now);
  const coordinator = new MarketCoordinator(sync, feed, settings, today);
  const replan = () => {
    const active = session.current();
    if (active) void coordinator.refresh(active).catch((err) => logger.error('market: planning failed', err));
  };
  settings.onChange((profileId, before, after) => {
    if (after.baseCurrency !== before.baseCurrency && session.current()?.profile.id === profileId) replan();
  });
  // A new provider order must be felt at once: fetch that asset class again even where it was synced recently.
  providers.onUpdate((assetClass) => {
    const active = session.current();
    if (active) void coordinator.refresh(active, [assetClass]).catch(() => undefined);
  });

  const scopes = scopeFactory({
    events,
    settings,
    feed,
    quotes,
    market,
    transfers,
    dialogs: opts.dialogs,
    today,
    now,
    logError,
    priority: (c) => providers.priority(c),
    usageChanged: replan,
    nativeBinding: opts.nativeBinding,
    exportParts: opts.exportParts,
    notify: opts.notify,
    reference: async (symbol) => {
      if (assetClassOf(symbol, (c) => findCurrency(c) !== undefined) !== 'fx') return quotes.lastClose(symbol);
      const [a, b] = symbol.split('-') as [string, string];
      return fx.rate(a, b, addDays(today(), -1)).then((r) => r.rate, () => undefined);
    },
  });
  const session = new SessionService(opts.dataDir, registry, settings, events, scopes, opts.nativeBinding, now);
  // Splits a provider published for a synced stock go to the signed-in profile, which proposes those it held and
  // keeps the others in its database for a holding recorded later; this run keeps them too, for a profile signing in
  // later (main/corporate/published.ts).
  const published = new PublishedSplits();
  worker.onMessage((msg) => {
    if (msg.type !== 'corporate:splits') return;
    published.remember(msg.target.symbol, msg.provider, msg.splits);
    const active = session.current();
    if (active) void active.corporate.propose(msg.target.symbol, msg.provider, msg.splits).catch((err) => logError('corporate: proposing splits failed', err));
  });
  const recheckSplits = () => {
    const active = session.current();
    if (active) void active.corporate.recheck(() => published.all()).catch((err) => logError('corporate: proposing splits failed', err));
  };
  // The log changed at a past date (an activity recorded, an import, a transfer): what was held then may have too. A
  // fill is dated today and cannot make an earlier split's holding, so the order flow does not pay for this.
  events.subscribe((e) => {
    if (e.event === 'portfolio:changed' && e.payload.reason === 'activity') recheckSplits();
  });
  session.onSignIn(() => recheckSplits());
  events.gatePages(() => session.unlocked());
  // A profile that opens on its Portfolio gets that page's first figures before the market planning starts writing.
  const firstPage = new FirstPage();
  session.onSignIn((active) => {
    if (settings.get(active.profile.id).lastPage === 'portfolio') firstPage.hold(FIRST_PAGE_MAX_MS, replan);
    else replan();
  });
  // API keys belong to the profile that entered them: bound at sign-in, dropped at sign-out.
  session.onSignIn((active) => void providers.useProfile(active.store).catch((err) => logger.error('providers: keys not loaded', err)));
  session.onSignOut(() => void providers.useProfile(null));
  void sync.resume().catch((err) => logger.error('sync: resume failed', err));
  const backup = new BackupService(opts.dataDir, session, events, opts.nativeBinding, now, logError);
  const search = new InstrumentSearch(providerRegistry, new OfflineList(), now);
  const bars = new BarsImport(market, (symbol) => session.current()?.portfolio.pricesChanged(symbol));

  const scope = () => session.require();
  const health = new HealthService({
    market,
    profile: () => session.require(),
    baseCurrency: () => settings.get(session.require().profile.id).baseCurrency,
    feed,
    providers: providerHealth,
    order: (assetClass) => providers.priority(assetClass),
    today,
    now,
  });
  /** The signed-in profile once its start-up recovery is done (orders left pending by a crash). */
  const ready = async () => {
    const s = session.require();
    await s.ready;
    return s;
  };
  const handlers = mergeHandlers(
    profileHandlers(registry),
    sessionHandlers(session),
    settingsHandlers(settings, () => session.require().profile.id),
    walletHandlers(() => scope().wallets),
    accountHandlers(() => scope().accounts),
    reportHandlers(() => scope().reports),
    corporateHandlers(async () => (await ready()).corporate),
    reportFileHandlers(() => scope().reportFiles),
    catalogueHandlers(() => scope().catalogue),
    marketHandlers({ fx, feed, bars, catalogue: () => scope().catalogue, configureFeed: async (url) => {
      opts.settings.set('feedUrl', url);
      return feed.reconnect(url || envFeed());
    } }),
    providerHandlers(providers),
    searchHandlers(search, () => scope().catalogue),
    syncHandlers(sync, (force) => coordinator.refresh(session.require(), force)),
    orderHandlers(async () => (await ready()).orders),
    activityHandlers(async () => (await ready()).activities),
    portfolioHandlers(async () => (await ready()).portfolio, firstPage),
    backupHandlers(backup, transfers, () => session.require().profile.id, opts.dialogs),
    historyHandlers(() => scope().history, () => scope().exports),
    importHandlers(() => scope().imports, async () => (await ready()).activities, async () => {
      // New currencies and instruments may now be in use (FX series to sync); every window reloads its wallets.
      replan();
      for (const w of await scope().wallets.list(0)) events.emit('wallet:changed', { currency: w.currency, balance: w.balance });
    }),
    fileHandlers(transfers, opts.dialogs),
    sampleHandlers(async () => (await ready()).sample),
    alertHandlers(() => scope().alerts),
    healthHandlers(() => health),
  );
  const dispatch = createDispatch(handlers, session, logger);
  return {
    dispatch,
    events,
    dataDir: opts.dataDir,
    transfers,
    initialTheme: () => String(opts.settings.get('lastTheme') ?? 'system'),
    async close() {
      feed.close();
      await sync.close();
      await worker.close();
      await session.close();
      await transfers.close();
      await market.close();
      await appStore.close();
    },
  };
}
