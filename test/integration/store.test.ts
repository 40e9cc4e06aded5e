import { Database } from '../support/db-key.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openStore, readPragmas, REQUIRED_PRAGMAS, type Store } from '../../main/store/data-source.js';
import { appMigrations, profileMigrations } from '../../main/store/migrations/index.js';
import { openAppStore } from '../../main/store/app-store.js';
import { openProfileStore, profileEntities } from '../../main/store/profile-store.js';
import { testKey } from '../support/db-key.js';

/** SQLite's column affinity rules (https://www.sqlite.org/datatype3.html §3.1), applied to a declared type. */
function affinity(declared: string): 'INTEGER' | 'TEXT' | 'BLOB' | 'REAL' | 'NUMERIC' {
  const t = declared.toUpperCase();
  if (t.includes('INT')) return 'INTEGER';
  if (t.includes('CHAR') || t.includes('CLOB') || t.includes('TEXT')) return 'TEXT';
  if (t.includes('BLOB') || t === '') return 'BLOB';
  if (t.includes('REAL') || t.includes('FLOA') || t.includes('DOUB')) return 'REAL';
  return 'NUMERIC';
}

interface Column {
  table: string;
  name: string;
  type: string;
}

function columns(file: string): Column[] {
  const db = new Database(file, { readonly: true });
  try {
    const tables = db
      .prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`)
      .all() as { name: string }[];
    return tables.flatMap(({ name }) =>
      (db.pragma(`table_info(${JSON.stringify(name)})`) as { name: string; type: string }[]).map((c) => ({
        table: name,
        name: c.name,
        type: c.type,
      })),
    );
  } finally {
    db.close();
  }
}

describe('store schema and pragmas', () => {
  let dir: string;
  const open: Store[] = [];
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'bourse-store-'));
  });
  afterEach(async () => {
    for (const s of open.splice(0)) await s.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('the affinity helper flags float-backed declared types', () => {
    for (const t of ['REAL', 'FLOAT', 'DOUBLE', 'double precision', 'NUMERIC', 'DECIMAL(10,2)', 'decimal', 'MONEY', 'BOOLEAN', 'DATETIME']) {
      expect(['REAL', 'NUMERIC'], t).toContain(affinity(t));
    }
    for (const t of ['TEXT', 'varchar', 'VARCHAR(255)', 'INTEGER', 'bigint', 'BLOB', 'CLOB']) {
      expect(['REAL', 'NUMERIC'], t).not.toContain(affinity(t));
    }
  });

  it('no column of the profile or app database has a REAL/FLOAT/DOUBLE/NUMERIC/DECIMAL type or affinity', async () => {
    open.push(await openProfileStore(join(dir, 'bourse.db'), testKey));
    open.push(await openAppStore(join(dir, 'app.db')));
    const all = [...columns(join(dir, 'bourse.db')), ...columns(join(dir, 'app.db'))];
    expect(all.length).toBeGreaterThan(10);
    const bad = all.filter(
      (c) => /REAL|FLOA|DOUB|NUMERIC|DECIMAL/i.test(c.type) || ['REAL', 'NUMERIC'].includes(affinity(c.type)),
    );
    expect(bad).toEqual([]);
    // The money columns in particular are TEXT.
    const moneyNames = ['amount', 'balance', 'balance_after', 'reserved', 'quantity', 'price', 'fee', 'gross', 'total', 'limit_price', 'average_price', 'filled_quantity', 'to_amount', 'value_usd'];
    const money = all.filter((c) => moneyNames.includes(c.name));
    expect(money.map((c) => `${c.table}.${c.name}:${c.type.toUpperCase()}`).sort()).toEqual([
      'activities.amount:TEXT',
      'activities.fee:TEXT',
      'activities.price:TEXT',
      'activities.quantity:TEXT',
      'activities.to_amount:TEXT',
      'alert_events.price:TEXT',
      'ledger_entries.amount:TEXT',
      'ledger_entries.balance_after:TEXT',
      'orders.amount:TEXT',
      'orders.average_price:TEXT',
      'orders.fee:TEXT',
      'orders.filled_quantity:TEXT',
      'orders.gross:TEXT',
      'orders.limit_price:TEXT',
      'orders.quantity:TEXT',
      'orders.reserved:TEXT',
      'orders.total:TEXT',
      'orders.value_usd:TEXT',
      'positions.quantity:TEXT',
      'positions.reserved:TEXT',
      'wallets.balance:TEXT',
      'wallets.reserved:TEXT',
    ]);
  });

  it('reads back WAL, synchronous=FULL, foreign keys and the busy timeout on both databases', async () => {
    const profile = await openProfileStore(join(dir, 'bourse.db'), testKey);
    const app = await openAppStore(join(dir, 'app.db'));
    open.push(profile, app);
    for (const s of [profile, app]) {
      const p = await s.writer.read((db) => readPragmas(db));
      expect(p).toEqual({ journal_mode: 'wal', synchronous: 2, foreign_keys: 1, busy_timeout: REQUIRED_PRAGMAS.busy_timeout });
      expect(Number(p.busy_timeout)).toBeGreaterThan(0);
    }
    // The file itself is in WAL mode (persistent), seen from an independent connection.
    const raw = new Database(join(dir, 'bourse.db'), { readonly: true });
    expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
    raw.close();
  });

  it('refuses to open a database whose pragmas cannot be honoured (in-memory: no WAL)', async () => {
    await expect(
      openStore({ file: ':memory:', entities: profileEntities, migrations: profileMigrations }),
    ).rejects.toThrow(/journal_mode/);
  });

  it('enforces foreign keys: a ledger entry for a missing wallet is refused, through every writer mode', async () => {
    const s = await openProfileStore(join(dir, 'bourse.db'), testKey);
    open.push(s);
    const insert =
      "INSERT INTO ledger_entries (wallet_id, kind, amount, balance_after, note, created_at) VALUES (999, 'deposit', '1', '1', NULL, '2025-01-01')";
    await expect(s.writer.exclusive(async (db) => db.prepare(insert).run())).rejects.toThrow(/FOREIGN KEY/);
    await expect(s.writer.write((db) => db.prepare(insert).run())).rejects.toThrow(/FOREIGN KEY/);
    const n = await s.writer.read((db) => db.prepare('SELECT COUNT(*) AS n FROM ledger_entries').all() as { n: number }[]);
    expect(n[0]?.n).toBe(0);
    // A wallet with entries cannot be deleted either (ON DELETE RESTRICT).
    await s.writer.write((db) => db.prepare("INSERT INTO wallets (currency, balance, created_at, updated_at) VALUES ('EUR', '1.00', 'x', 'x')").run());
    await s.writer.write((db) => db.prepare(insert.replace('999', '1')).run());
    await expect(s.writer.write((db) => db.prepare('DELETE FROM wallets WHERE id = 1').run())).rejects.toThrow(/FOREIGN KEY/);
  });

  it('a read cannot write: SQLite refuses it and the writer keeps going', async () => {
    const s = await openProfileStore(join(dir, 'bourse.db'), testKey);
    open.push(s);
    const add = "INSERT INTO wallets (currency, balance, created_at, updated_at) VALUES ('EUR', '0.00', 'x', 'x')";
    await expect(s.writer.read((db) => db.prepare(add).run())).rejects.toThrow(/readonly|read-only|query_only/i);
    await s.writer.write((db) => db.prepare(add).run());
    expect(await s.writer.read((db) => (db.prepare('SELECT COUNT(*) AS n FROM wallets').get() as { n: number }).n)).toBe(1);
  });

  it('a failed unit of work rolls back completely and the writer keeps going', async () => {
    const s = await openProfileStore(join(dir, 'bourse.db'), testKey);
    open.push(s);
    const add = "INSERT INTO wallets (currency, balance, created_at, updated_at) VALUES (?, '0.00', 'x', 'x')";
    await expect(
      s.writer.write((db) => {
        db.prepare(add).run('USD');
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    await expect(
      s.writer.write((db) => {
        db.prepare(add).run('EUR');
        db.prepare(add).run('EUR'); // UNIQUE violation
      }),
    ).rejects.toThrow(/UNIQUE/);
    await s.writer.write((db) => db.prepare(add).run('GBP'));
    const rows = await s.writer.read((db) => db.prepare('SELECT currency FROM wallets').all() as { currency: string }[]);
    expect(rows.map((r) => r.currency)).toEqual(['GBP']);
  });

  it('a unit asked for from inside another runs after it, in a transaction of its own', async () => {
    const s = await openProfileStore(join(dir, 'bourse.db'), testKey);
    open.push(s);
    const add = "INSERT INTO wallets (currency, balance, created_at, updated_at) VALUES (?, '0.00', 'x', 'x')";
    const order: string[] = [];
    let inner: Promise<number> | undefined;
    await expect(
      s.writer.write((db) => {
        db.prepare(add).run('USD');
        // Not nested in this transaction: it still commits after this one rolls back, and sees none of its rows.
        inner = s.writer.write((d) => {
          order.push('inner');
          d.prepare(add).run('EUR');
          return (d.prepare('SELECT COUNT(*) AS n FROM wallets').get() as { n: number }).n;
        });
        order.push('outer');
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await inner).toBe(1);
    expect(order).toEqual(['outer', 'inner']);
    const rows = await s.writer.read((db) => db.prepare('SELECT currency FROM wallets').all() as { currency: string }[]);
    expect(rows.map((r) => r.currency)).toEqual(['EUR']);
  });

  it('units asked for while an exclusive one awaits wait for it, in the order asked', async () => {
    const s = await openProfileStore(join(dir, 'bourse.db'), testKey);
    open.push(s);
    const order: string[] = [];
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const exclusive = s.writer.exclusive(async () => {
      order.push('exclusive start');
      await gate;
      order.push('exclusive end');
    });
    const write = s.writer.write(() => order.push('write'));
    const read = s.writer.read(() => order.push('read'));
    await new Promise((r) => setTimeout(r, 10));
    expect(order).toEqual(['exclusive start']);
    release();
    await Promise.all([exclusive, write, read]);
    expect(order).toEqual(['exclusive start', 'exclusive end', 'write', 'read']);
  });

  it('runs only explicit migrations and records them (no synchronize)', async () => {
    open.push(await openProfileStore(join(dir, 'bourse.db'), testKey));
    open.push(await openAppStore(join(dir, 'app.db')));
    const names = (file: string) => {
      const db = new Database(file, { readonly: true });
      try {
        return (db.prepare('SELECT name FROM migrations ORDER BY id').all() as { name: string }[]).map((r) => r.name);
      } finally {
        db.close();
      }
    };
    expect(names(join(dir, 'bourse.db'))).toEqual(profileMigrations.map((m) => m.name));
    expect(names(join(dir, 'app.db'))).toEqual(appMigrations.map((m) => m.name));
  });
});
