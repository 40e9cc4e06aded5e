import { ActivityEntity } from './entities/profile/activity.js';
import { AggregationBookEntity } from './entities/profile/aggregation-book.js';
import { CurrencyEntity } from './entities/profile/currency.js';
import { FillEntity } from './entities/profile/fill.js';
import { HistoryDayEntity } from './entities/profile/history-day.js';
import { IdempotencyKeyEntity } from './entities/profile/idempotency-key.js';
import { ImportPresetEntity } from './entities/profile/import-preset.js';
import { InstrumentEntity } from './entities/profile/instrument.js';
import { LedgerEntryEntity } from './entities/profile/ledger-entry.js';
import { OrderEntity } from './entities/profile/order.js';
import { PositionEntity } from './entities/profile/position.js';
import { WalletEntity } from './entities/profile/wallet.js';
import { profileMigrations } from './migrations/index.js';
import { openStore, type Store } from './data-source.js';

export { appEntities, openAppStore } from './app-store.js';

/**
 * Every table of a profile database, declared as the migrations make it (test/integration/schema-drift.test.ts
 * checks).
 */
export const profileEntities = [
  WalletEntity,
  LedgerEntryEntity,
  IdempotencyKeyEntity,
  CurrencyEntity,
  InstrumentEntity,
  OrderEntity,
  FillEntity,
  AggregationBookEntity,
  PositionEntity,
  ActivityEntity,
  HistoryDayEntity,
  ImportPresetEntity,
];

/** A profile's own database: wallets, ledger, catalogue, orders, activities and their history. */
export function openProfileStore(file: string, nativeBinding?: string): Promise<Store> {
  return openStore({ file, entities: profileEntities, migrations: profileMigrations, nativeBinding });
}
