import type { z } from 'zod';
import type { Channel, Channels, Response } from '../shared/contract/index.js';
import { AppError } from '../shared/errors.js';
import { listBackups, ownBackup } from './backup/listing.js';
import type { BackupService } from './backup/service.js';
import type { EventHub } from './events.js';
import type { FileDialogs, FileTransfers } from './files/transfers.js';
import type { HistoryServices } from './history/host.js';
import { ingestBars } from './market/bars.js';
import { parseBarsCsv } from './market/bars-csv.js';
import type { MarketCoordinator } from './market/coordinator.js';
import type { FeedService } from './market/feed-service.js';
import type { FxService } from './market/fx-service.js';
import type { ProfileRegistry } from './profiles/service.js';
import type { ProviderSettingsService } from './providers/settings-service.js';
import type { SessionService } from './session/service.js';
import type { SettingsService } from './settings/service.js';
import type { SyncJob } from './sync/job-store.js';
import type { SyncService } from './sync/service.js';
import type { Store } from './store/data-source.js';
import type { Trading } from './trading.js';

export type Handler<C extends Channel> = (req: z.infer<Channels[C]['request']>) => Promise<Response<C>> | Response<C>;
export type Handlers = { [C in Channel]: Handler<C> };

export interface Services {
  registry: ProfileRegistry;
  session: SessionService;
  settings: SettingsService;
  fx: FxService;
  providers: ProviderSettingsService;
  sync: SyncService;
  feed: FeedService;
  coordinator: MarketCoordinator;
  market: Store;
  backup: BackupService;
  /** Re-plans sync and feed after something in use changed (wallet, instrument, base currency, providers). */
  replan: () => void;
  /** The signed-in profile's orders, activities and portfolio (recovery after a crash awaited). */
  trading: () => Promise<Trading>;
  /** Saves the feed URL of Settings ('' = embedded/env) and reconnects. */
  configureFeed: (url: string) => Promise<Response<'feed:configure'>>;
  /** The signed-in profile's history, export and import. */
  history: () => HistoryServices;
  events: EventHub;
  transfers: FileTransfers;
  /** The desktop's dialogs; undefined in the browser host. */
  dialogs?: FileDialogs | undefined;
}

const fileRef = (f: { fileId: string; name: string; bytes: number }) => ({ fileId: f.fileId, name: f.name, bytes: f.bytes });

function jobView(job: SyncJob): Response<'sync:jobs'>[number] {
  return {
    id: job.id,
    kind: job.kind,
    symbol: job.symbol,
    state: job.state,
    done: job.doneChunks,
    total: job.totalChunks,
    rows: job.rows,
    provider: job.provider,
    error: job.error,
    attempts: job.attempts.map((a) => ({ provider: a.provider, outcome: a.outcome, reason: a.reason ?? null, message: a.message ?? null })),
  };
}

/** Binds each contract channel to its service call. dispatch has already validated the request and the session. */
export function bindHandlers(s: Services): Handlers {
  const { registry, session, settings, fx, providers, sync, feed, coordinator, replan } = s;
  const after = <T>(value: T): T => {
    replan();
    return value;
  };
  return {
    'profile:list': () => registry.list(),
    'profile:create': (r) => session.create(r.username, r.password),
    'profile:login': (r) => session.login(r.username, r.password),
    'profile:logout': () => session.logout(),
    'session:get': () => session.state(),
    'session:touch': () => session.state(),
    'session:lock': () => session.lock(),
    'session:unlock': (r) => session.unlock(r.password),
    'wallet:list': (r) => session.require().wallets.list(r.latest ?? 5),
    'wallet:open': async (r) => after(await session.require().wallets.open(r.currency)),
    'wallet:deposit': async (r) => {
      const res = await session.require().wallets.deposit(r);
      // The first money in a wallet (usually a new currency) changes which FX series are in use.
      if (res.entry.amount === res.entry.balanceAfter) replan();
      return res;
    },
    'wallet:withdraw': (r) => session.require().wallets.withdraw(r),
    'wallet:entries': (r) => session.require().wallets.entries(r.currency, r.limit, r.beforeId),
    'settings:get': () => settings.get(session.require().profile.id),
    'settings:update': (r) => {
      const before = settings.get(session.require().profile.id);
      const next = settings.update(session.require().profile.id, r);
      if (next.baseCurrency !== before.baseCurrency) replan();
      return next;
    },
    'currency:list': () => session.require().catalogue.currencies(),
    'currency:add': (r) => session.require().catalogue.addCurrency(r.code, r.name, r.minorUnit),
    'currency:update': (r) => session.require().catalogue.updateCurrency(r.code, r),
    'currency:remove': (r) => session.require().catalogue.removeCurrency(r.code),
    'instrument:list': () => session.require().catalogue.instruments(),
    'instrument:add': async (r) => after(await session.require().catalogue.addInstrument(r)),
    'instrument:update': async (r) => after(await session.require().catalogue.updateInstrument(r)),
    'instrument:remove': async (r) => after(await session.require().catalogue.removeInstrument(r.id)),
    'fx:rate': (r) => fx.rate(r.from, r.to, r.date),
    'fx:convert': (r) => fx.convert(r.amount, r.from, r.to, r.date),
    'fx:series': async (r) => ({ from: r.from, to: r.to, points: await fx.series(r.from, r.to, r.range) }),
    'fx:timeseries': (r) => fx.timeseries(r.base, r.symbols, r.start, r.end),
    'providers:list': () => providers.list(),
    'providers:update': (r) => {
      const view = providers.update(r);
      // The new order must be felt at once: fetch this asset class again even where it was synced recently.
      void coordinator.refresh(session.require(), [r.assetClass]).catch(() => undefined);
      return view;
    },
    'providers:test': (r) => providers.test(r.id, r.assetClass),
    'market:watchlist': () => feed.watchlist(),
    'feed:configure': (r) => s.configureFeed(r.url),
    'sync:jobs': async () => (await sync.jobs()).map(jobView),
    'sync:cancel': async (r) => {
      const job = await sync.cancel(r.id);
      if (!job) throw new AppError('NOT_FOUND', 'No such sync job.', { id: r.id });
      return jobView(job);
    },
    'sync:run': async () => (await coordinator.refresh(session.require(), 'all')).map(jobView),
    'bars:import': async (r) => {
      const instrument = await session.require().catalogue.instrumentBySymbol(r.symbol);
      if (!instrument) throw new AppError('NOT_FOUND', `${r.symbol} is not an instrument of the catalogue.`);
      const bars = parseBarsCsv(r.csv);
      await s.market.writer.write((db) => ingestBars(db, instrument.symbol, 'csv', instrument.quoteCurrency, bars));
      (await s.trading()).portfolio.pricesChanged(instrument.symbol);
      return { rows: bars.length, from: bars[0]?.date ?? null, to: bars.at(-1)?.date ?? null };
    },
    'orders:quote': async (r) => (await s.trading()).orders.quote(r),
    'orders:place': async (r) => (await s.trading()).orders.place(r),
    'orders:cancel': async (r) => (await s.trading()).orders.cancel(r.id, r.idempotencyKey),
    'orders:list': async (r) => (await s.trading()).orders.list(r),
    'orders:get': async (r) => (await s.trading()).orders.get(r.id),
    'activity:record': async (r) => (await s.trading()).activities.record(r),
    'activity:list': async (r) => (await s.trading()).activities.list(r),
    'portfolio:snapshot': async () => (await s.trading()).portfolio.snapshot(),
    'backup:create': () => s.backup.create(),
    'backup:restore': (r) => s.backup.restore(r.path),
    'backup:list': async () => (await listBackups(s.backup.backupsDir, session.require().profile.id)).map((b) => ({ name: b.name, path: b.path, bytes: b.bytes, createdAt: b.createdAt })),
    'backup:download': async (r) => {
      if (s.dialogs) throw new AppError('INVALID_INPUT', 'The desktop app keeps backups in its backups folder; there is nothing to download.');
      const b = await ownBackup(s.backup.backupsDir, session.require().profile.id, r.name);
      return { url: s.transfers.offer(b.path, { name: b.name, contentType: 'application/octet-stream', removeAfter: false }) };
    },
    'backup:restoreFile': async (r) => {
      const file = s.transfers.resolve(r.fileId);
      const result = await s.backup.restore(await s.backup.sources.grant(file.path));
      await s.transfers.discard(r.fileId);
      return result;
    },
    'history:page': (r) => s.history().history.page(r.filter, r.sort, r.offset, r.limit),
    'history:summary': (r) => s.history().history.summary(r.filter),
    'history:facets': () => s.history().history.facets(),
    'export:start': (r) => s.history().exports.start(r.filter, r.sort, r.format),
    'export:cancel': (r) => ({ cancelled: s.history().exports.cancel(r.id) }),
    'files:pick': async (r) => {
      if (!s.dialogs) throw new AppError('INVALID_INPUT', 'The browser version uploads files instead: choose the file in the page.');
      const path = await s.dialogs.open(
        r.purpose === 'import'
          ? { title: 'Import activities', filters: [{ name: 'CSV', extensions: ['csv', 'txt'] }] }
          : { title: 'Restore a backup', filters: [{ name: 'Bourse backup', extensions: ['bourse-backup', 'db'] }] },
      );
      return { file: path ? fileRef(await s.transfers.hold(path)) : null };
    },
    'files:discard': async (r) => ({ discarded: await s.transfers.discard(r.fileId) }),
    'import:inspect': (r) => s.history().imports.inspect(r.fileId, r.encoding),
    'import:preview': async (r) => s.history().imports.preview(r.fileId, r.mapping, (await s.trading()).activities),
    'import:run': async (r) => {
      const result = await s.history().imports.run(r.fileId, r.mapping, (await s.trading()).activities, r.idempotencyKey);
      if (result.imported > 0) {
        // New currencies and instruments may now be in use (FX series to sync); every window reloads its wallets.
        replan();
        for (const w of await session.require().wallets.list(0)) s.events.emit('wallet:changed', { currency: w.currency, balance: w.balance });
      }
      return result;
    },
    'import:cancel': (r) => ({ cancelled: s.history().imports.cancel(r.fileId) }),
    'import:presets': () => s.history().imports.presets(),
    'import:savePreset': (r) => s.history().imports.savePreset(r.name, r.mapping),
    'import:deletePreset': async (r) => ({ deleted: await s.history().imports.deletePreset(r.name) }),
  };
}
