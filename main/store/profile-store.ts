import { IdempotencyKeyEntity } from './entities/idempotency-key.js';
import { LedgerEntryEntity } from './entities/ledger-entry.js';
import { ProfileEntity } from './entities/profile.js';
import { WalletEntity } from './entities/wallet.js';
import { appMigrations, profileMigrations } from './migrations/index.js';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { openStore, type Store } from './data-source.js';
import { recoverInterruptedRestore } from './restore-recovery.js';

export const profileEntities = [WalletEntity, LedgerEntryEntity, IdempotencyKeyEntity];

/** A profile's own database: wallets, ledger, idempotency keys (and later orders, history). */
export function openProfileStore(file: string, nativeBinding?: string): Promise<Store> {
  return openStore({ file, entities: profileEntities, migrations: profileMigrations, nativeBinding });
}

/**
 * Opens the database of a profile: the one place a profile's file is opened for use (sign-in, and again after a
 * restore). Its folder is made if missing, and a restore a crash interrupted is finished first.
 */
export function openProfileDatabase(dataDir: string, profileId: string, nativeBinding?: string): Promise<Store> {
  const file = profileDatabaseFile(dataDir, profileId);
  mkdirSync(join(dataDir, 'profiles', profileId), { recursive: true });
  recoverInterruptedRestore(file);
  return openProfileStore(file, nativeBinding);
}

export function profileDatabaseFile(dataDir: string, profileId: string): string {
  return join(dataDir, 'profiles', profileId, 'bourse.db');
}

/** The app database: the profile registry. */
export function openAppStore(file: string, nativeBinding?: string): Promise<Store> {
  return openStore({ file, entities: [ProfileEntity], migrations: appMigrations, nativeBinding });
}
