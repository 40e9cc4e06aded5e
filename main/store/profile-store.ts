import { IdempotencyKeyEntity } from './entities/idempotency-key.js';
import { LedgerEntryEntity } from './entities/ledger-entry.js';
import { ProfileEntity } from './entities/profile.js';
import { WalletEntity } from './entities/wallet.js';
import { appMigrations, profileMigrations } from './migrations/index.js';
import { openStore, type Store } from './data-source.js';

export const profileEntities = [WalletEntity, LedgerEntryEntity, IdempotencyKeyEntity];

/** A profile's own database: wallets, ledger, idempotency keys (and later orders, history). */
export function openProfileStore(file: string, nativeBinding?: string): Promise<Store> {
  return openStore({ file, entities: profileEntities, migrations: profileMigrations, nativeBinding });
}

/** The app database: the profile registry. */
export function openAppStore(file: string, nativeBinding?: string): Promise<Store> {
  return openStore({ file, entities: [ProfileEntity], migrations: appMigrations, nativeBinding });
}
