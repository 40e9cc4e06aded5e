import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { AccountEntity } from './entities/profile/account.js';
import { ActivityEntity } from './entities/profile/activity.js';
import { AlertEntity, AlertEventEntity } from './entities/profile/alert.js';
import { AggregationBookEntity } from './entities/profile/aggregation-book.js';
import { CurrencyEntity } from './entities/profile/currency.js';
import { HistoryDayEntity } from './entities/profile/history-day.js';
import { HistoryIndexedEntity } from './entities/profile/history-indexed.js';
import { IdempotencyKeyEntity } from './entities/profile/idempotency-key.js';
import { ImportPresetEntity } from './entities/profile/import-preset.js';
import { KeptSnapshotEntity } from './entities/profile/kept-snapshot.js';
import { InstrumentEntity } from './entities/profile/instrument.js';
import { LedgerEntryEntity } from './entities/profile/ledger-entry.js';
import { OrderEntity } from './entities/profile/order.js';
import { PositionEntity } from './entities/profile/position.js';
import { PreferenceEntity } from './entities/profile/preference.js';
import { PublishedSplitEntity } from './entities/profile/published-split.js';
import { ProviderKeyEntity } from './entities/profile/provider-key.js';
import { SplitProposalEntity } from './entities/profile/split-proposal.js';
import { WalletEntity } from './entities/profile/wallet.js';
import { profileMigrations } from './migrations/index.js';
import { openStore, type Store } from './data-source.js';
import type { DbKey } from './db-key.js';
import { recoverInterruptedRestore } from './restore-recovery.js';

/**
 * Every table of a profile database, declared as the migrations make it (test/integration/schema-drift.test.ts
 * checks).
 */
export const profileEntities = [
  AccountEntity,
  WalletEntity,
  LedgerEntryEntity,
  IdempotencyKeyEntity,
  CurrencyEntity,
  InstrumentEntity,
  OrderEntity,
  AggregationBookEntity,
  PositionEntity,
  ActivityEntity,
  HistoryDayEntity,
  HistoryIndexedEntity,
  ImportPresetEntity,
  ProviderKeyEntity,
  PreferenceEntity,
  AlertEntity,
  AlertEventEntity,
  SplitProposalEntity,
  KeptSnapshotEntity,
  PublishedSplitEntity,
];

/**
 * A profile's own database: wallets, ledger, catalogue, orders, activities and their history, encrypted under `key`
 * (docs/design.md#encryption-at-rest). A wrong key throws WrongKeyError before anything is read.
 */
export function openProfileStore(file: string, key: DbKey, nativeBinding?: string): Promise<Store> {
  return openStore({ file, entities: profileEntities, migrations: profileMigrations, nativeBinding, key });
}

/**
 * Opens the database of a profile: the one place a profile's file is opened for use (sign-in, and again after a
 * restore). Its folder is made if missing, and a restore a crash interrupted is finished first.
 */
export function openProfileDatabase(dataDir: string, profileId: string, key: DbKey, nativeBinding?: string): Promise<Store> {
  const file = profileDatabaseFile(dataDir, profileId);
  mkdirSync(join(dataDir, 'profiles', profileId), { recursive: true });
  recoverInterruptedRestore(file);
  return openProfileStore(file, key, nativeBinding);
}

export function profileDatabaseFile(dataDir: string, profileId: string): string {
  return join(dataDir, 'profiles', profileId, 'bourse.db');
}

