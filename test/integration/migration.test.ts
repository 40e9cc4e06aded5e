import 'reflect-metadata';
import { Sqlite, type SqliteDatabase } from '../../main/store/sqlite.js';
import { Database } from '../support/db-key.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WalletService } from '../../main/wallets/service.js';
import { EventHub } from '../../main/events.js';
import { Ledger1763800000001 } from '../../main/store/migrations/profile-001-ledger.js';
import { profileMigrations } from '../../main/store/migrations/index.js';
import { openProfileStore } from '../../main/store/profile-store.js';
import { BigDecimal as D } from '../../shared/decimal/engine.js';
import { auditProfileDb } from '../support/ledger.js';
import { testKey } from '../support/db-key.js';

/** Amounts chosen so that any trip through binary floats shows: 0.1+0.2, 17-digit totals, many small steps. */
const OLD = {
  USD: ['0.10', '0.20', '-0.30', '999999999999999.99', '0.01', '-1000000000000000.00', '33.33', '33.33', '33.34'],
  JPY: ['1500', '-499', '1'],
  BHD: ['0.001', '0.002', '1.104'],
  EUR: [] as string[],
};

describe('profile database migration from the previous schema', () => {
  let dir: string;
  let file: string;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'bourse-migrate-'));
    file = join(dir, 'bourse.db');
    // The previous release: only the first profile migration.
    const ds = new DataSource({ type: 'better-sqlite3', driver: Sqlite, database: file, migrations: [Ledger1763800000001], synchronize: false, prepareDatabase: (db: SqliteDatabase) => testKey.apply(db) });
    await ds.initialize();
    await ds.runMigrations({ transaction: 'each' });
    await ds.destroy();
    // Data written in the old shape (no balance_after, no idempotency_keys), as that release would have.
    const db = new Database(file);
    const cols = (db.pragma('table_info(ledger_entries)') as { name: string }[]).map((c) => c.name);
    expect(cols).not.toContain('balance_after');
    const addWallet = db.prepare('INSERT INTO wallets (currency, balance, created_at, updated_at) VALUES (?, ?, ?, ?)');
    const addEntry = db.prepare('INSERT INTO ledger_entries (wallet_id, kind, amount, note, created_at) VALUES (?, ?, ?, ?, ?)');
    // Interleave wallets' entries so the backfill has to keep one running balance per wallet.
    const ids = new Map<string, number>();
    for (const [ccy, amounts] of Object.entries(OLD)) {
      let total = new D(0);
      for (const a of amounts) total = total.plus(a);
      const minor = ccy === 'JPY' ? 0 : ccy === 'BHD' ? 3 : 2;
      ids.set(ccy, Number(addWallet.run(ccy, total.toFixed(minor), '2025-01-01T00:00:00.000Z', '2025-01-01T00:00:00.000Z').lastInsertRowid));
    }
    const longest = Math.max(...Object.values(OLD).map((a) => a.length));
    for (let i = 0; i < longest; i++) {
      for (const [ccy, amounts] of Object.entries(OLD)) {
        const a = amounts[i];
        if (a === undefined) continue;
        addEntry.run(ids.get(ccy), a.startsWith('-') ? 'withdrawal' : 'deposit', a, `${ccy}#${i}`, `2025-01-01T00:00:0${i}.000Z`);
      }
    }
    db.close();
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps every wallet and entry and backfills balance_after with exact decimals', async () => {
    const store = await openProfileStore(file, testKey);
    try {
      const db = new Database(file, { readonly: true });
      const applied = (db.prepare('SELECT name FROM migrations ORDER BY id').all() as { name: string }[]).map((r) => r.name);
      expect(applied).toEqual(profileMigrations.map((m) => m.name));
      const tables = (db.prepare(`SELECT name FROM sqlite_master WHERE type='table'`).all() as { name: string }[]).map((t) => t.name);
      expect(tables).toContain('idempotency_keys');
      db.close();

      const audit = auditProfileDb(file);
      expect(audit.integrity).toBe('ok');
      expect(audit.problems).toEqual([]);
      expect(audit.wallets.map((w) => w.currency)).toEqual(Object.keys(OLD));
      for (const w of audit.wallets) {
        const amounts = OLD[w.currency as keyof typeof OLD];
        expect(w.entries.map((e) => e.amount)).toEqual(amounts);
        expect(w.entries.map((e) => e.note)).toEqual(amounts.map((_, i) => `${w.currency}#${i}`));
      }
      const after = (ccy: string) => audit.wallets.find((w) => w.currency === ccy)!.entries.map((e) => e.balance_after);
      // Exact running balances, written in the wallet currency's minor unit like every entry the app writes.
      expect(after('USD')).toEqual([
        '0.10', '0.30', '0.00', '999999999999999.99', '1000000000000000.00', '0.00', '33.33', '66.66', '100.00',
      ]);
      expect(after('JPY')).toEqual(['1500', '1001', '1002']);
      expect(after('BHD')).toEqual(['0.001', '0.003', '1.107']);

      // The migrated wallet keeps working through the service: the next entry continues from the old balance.
      const wallets = new WalletService(store, new EventHub());
      const r = await wallets.withdraw({ currency: 'USD', amount: '0.01', idempotencyKey: 'after-migration-1' });
      expect(r.balance).toBe('99.99');
      expect(r.entry.balanceAfter).toBe('99.99');
      const list = await wallets.list(50);
      expect(list.find((w) => w.currency === 'USD')?.latest.map((e) => e.balanceAfter).slice(0, 3)).toEqual(['99.99', '100.00', '66.66']);
      expect(auditProfileDb(file).problems).toEqual([]);
    } finally {
      await store.close();
    }
  });

  it('opening an up-to-date database again is a no-op', async () => {
    await (await openProfileStore(file, testKey)).close();
    const before = auditProfileDb(file);
    const store = await openProfileStore(file, testKey);
    await store.close();
    const again = auditProfileDb(file);
    expect(again.wallets).toEqual(before.wallets);
  });
});
