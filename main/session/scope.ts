import type { ProfileSummary } from '../../shared/contract/index.js';
import type { AccountService } from '../accounts/service.js';
import type { ReportFiles } from '../reports/files.js';
import type { ReportService } from '../reports/service.js';
import type { CorporateService } from '../corporate/service.js';
import type { ActivityService } from '../activities/service.js';
import type { AlertService } from '../alerts/service.js';
import type { CatalogueService } from '../catalogue/service.js';
import type { ExportService } from '../history/export.js';
import type { HistoryService } from '../history/service.js';
import type { SampleService } from '../sample/service.js';
import type { ImportService } from '../import/service.js';
import type { OrderService } from '../orders/service.js';
import type { PortfolioService } from '../portfolio/service.js';
import type { Store } from '../store/data-source.js';
import type { WalletService } from '../wallets/service.js';

/**
 * Everything of one signed-in profile: its database and every service that holds it. Built at sign-in (and after a
 * restore replaced the database), disposed at sign-out; nothing outside it keeps a profile's services.
 */
export interface ProfileScope {
  profile: ProfileSummary;
  store: Store;
  wallets: WalletService;
  accounts: AccountService;
  reports: ReportService;
  /** Split proposals from the providers. */
  corporate: CorporateService;
  reportFiles: ReportFiles;
  catalogue: CatalogueService;
  orders: OrderService;
  activities: ActivityService;
  portfolio: PortfolioService;
  history: HistoryService;
  exports: ExportService;
  imports: ImportService;
  sample: SampleService;
  alerts: AlertService;
  /** Resolves when start-up recovery (orders left pending by a crash) is done; order channels wait for it. */
  ready: Promise<void>;
  /** Stops the scope's timers and subscriptions and its running exports, then closes its database. */
  dispose(): Promise<void>;
}

/** Builds a profile's scope around its opened database (main/profile-scope.ts). */
export type ScopeFactory = (profile: ProfileSummary, store: Store) => ProfileScope;
