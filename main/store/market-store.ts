import { DailyBarEntity } from './entities/market/daily-bar.js';
import { FxRateEntity } from './entities/market/fx-rate.js';
import { LastPriceEntity } from './entities/market/last-price.js';
import { SyncJobEntity } from './entities/market/sync-job.js';
import { MarketRates1763800000201 } from './migrations/market-001-rates.js';
import { SyncJobs1763800000202 } from './migrations/market-002-sync-jobs.js';
import { openStore, type Store } from './data-source.js';

/** Every table of `market.db`, declared as the migrations make it (test/integration/schema-drift.test.ts checks). */
export const marketEntities = [FxRateEntity, DailyBarEntity, LastPriceEntity, SyncJobEntity];
export const marketMigrations = [MarketRates1763800000201, SyncJobs1763800000202];

/** The shared market database: rates, bars, last prices and sync jobs (public data, one copy per machine). */
export function openMarketStore(file: string, nativeBinding?: string): Promise<Store> {
  return openStore({ file, entities: marketEntities, migrations: marketMigrations, nativeBinding });
}
