import type { EventHub } from '../events.js';
import type { FileDialogs, FileTransfers } from '../files/transfers.js';
import { ImportService } from '../import/service.js';
import type { ActiveProfile } from '../session/service.js';
import type { SettingsService } from '../settings/service.js';
import type { Store } from '../store/data-source.js';
import { ExportService } from './export.js';
import { HistoryService } from './service.js';

export interface HistoryHostDeps {
  market: Store;
  settings: SettingsService;
  fxPriority: () => readonly string[];
  events: EventHub;
  transfers: FileTransfers;
  dialogs?: FileDialogs;
  today: () => string;
  now: () => number;
  nativeBinding?: string;
  exportParts?: { parts?: number; minRows?: number };
}

export interface HistoryServices {
  history: HistoryService;
  exports: ExportService;
  imports: ImportService;
}

/** The history, export and import services of whichever profile is signed in (they hold its database). */
export class HistoryHost {
  private current: { active: ActiveProfile; services: HistoryServices } | null = null;

  constructor(private readonly deps: HistoryHostDeps) {}

  for(active: ActiveProfile): HistoryServices {
    if (this.current?.active === active) return this.current.services;
    this.current?.services.exports.cancelAll();
    const d = this.deps;
    const profileId = active.profile.id;
    const baseCurrency = () => d.settings.get(profileId).baseCurrency;
    const history = new HistoryService({ store: active.store, market: d.market, baseCurrency, fxPriority: d.fxPriority });
    const exports = new ExportService({
      store: active.store,
      market: d.market,
      history,
      events: d.events,
      transfers: d.transfers,
      ...(d.dialogs ? { dialogs: d.dialogs } : {}),
      baseCurrency,
      fxPriority: d.fxPriority,
      today: d.today,
      ...(d.nativeBinding ? { nativeBinding: d.nativeBinding } : {}),
      ...(d.exportParts ? { exportParts: d.exportParts } : {}),
    });
    const imports = new ImportService({ store: active.store, transfers: d.transfers, events: d.events, locale: () => d.settings.get(profileId).locale, now: d.now });
    const services = { history, exports, imports };
    this.current = { active, services };
    return services;
  }

  close(): void {
    this.current?.services.exports.cancelAll();
    this.current = null;
  }
}
