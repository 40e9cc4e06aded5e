import type { ProviderKeyRow } from '../store/entities/profile/provider-key.js';
import { statements } from '../store/statements.js';
import type { ReadDb, WriteDb } from '../store/writer.js';

const READ = {
  all: 'SELECT provider, api_key AS apiKey, base_url AS baseUrl FROM provider_keys',
};
const SQL = {
  put: 'INSERT INTO provider_keys (provider, api_key, base_url) VALUES (?, ?, ?) ON CONFLICT (provider) DO UPDATE SET api_key = excluded.api_key, base_url = excluded.base_url',
  remove: 'DELETE FROM provider_keys WHERE provider = ?',
};

/** The signed-in profile's provider API keys (its encrypted database). */
export const providerKeyRepo = {
  all: (db: ReadDb): ProviderKeyRow[] => statements(db, READ).all.all() as ProviderKeyRow[],
  put(db: WriteDb, r: ProviderKeyRow): void {
    statements(db, SQL).put.run(r.provider, r.apiKey, r.baseUrl);
  },
  remove(db: WriteDb, provider: string): void {
    statements(db, SQL).remove.run(provider);
  },
};
