import { Database } from '../support/db-key.js';
import { createHash, randomBytes } from 'node:crypto';
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RestoreSources } from '../../main/backup/restore-sources.js';
import { writeStamp } from '../../main/backup/stamp.js';
import { compose, type App } from '../../main/compose.js';
import { openStore } from '../../main/store/data-source.js';
import { profileMigrations } from '../../main/store/migrations/index.js';
import { profileEntities } from '../../main/store/profile-store.js';
import type { BackupInfo, BourseEvent, RestoreResult } from '../../shared/contract/index.js';
import { key, ok } from '../support/app.js';
import { auditProfileDb, ledgerFingerprint, profileDbFile } from '../support/ledger.js';
import { testComposeOptions } from '../support/options.js';

/**
 * Backup and restore of a profile through dispatch, on real files. Every refusal is checked to leave the live
 * profile byte-for-byte as it was (database and WAL checksums, ledger audit).
 */
type WalletView = { currency: string; balance: string };
type Err = { ok: false; error: { code: string; message: string; details?: { reason?: string } } };

const sha = (file: string) => (existsSync(file) ? createHash('sha256').update(readFileSync(file)).digest('hex') : 'absent');

describe('backup and restore', () => {
  let dir: string;
  let app: App;
  let profileId: string;
  let events: BourseEvent[];
  const balances = async () =>
    (await ok<WalletView[]>(app.dispatch('wallet:list', {}))).map((w) => ({ currency: w.currency, balance: w.balance }));
  const deposit = (currency: string, amount: string) => ok(app.dispatch('wallet:deposit', { currency, amount, idempotencyKey: key() }));
  const backupsDir = () => join(dir, 'backups');

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'bourse-backup-'));
    app = await compose(testComposeOptions(dir));
    events = [];
    app.events.subscribe((e) => events.push(e));
    const s = await ok<{ profile: { id: string } }>(app.dispatch('profile:create', { username: 'ada', password: 'ada-password' }));
    profileId = s.profile.id;
  });
  afterEach(async () => {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('a backup taken while deposits are being written is consistent, openable, and includes commits still in the WAL', async () => {
    await deposit('USD', '100');
    let stop = false;
    let written = 0;
    const writers = ['USD', 'EUR', 'JPY'].map(async (currency) => {
      while (!stop) {
        await deposit(currency, currency === 'JPY' ? '7' : '1.25');
        written += 1;
        // Deposits settle in microtasks only; without a macrotask turn the timers (and the backup) would starve.
        await new Promise((r) => setImmediate(r));
      }
    });
    const backups: { info: BackupInfo; ackedBefore: number }[] = [];
    for (let i = 0; i < 5; i++) {
      await new Promise((r) => setTimeout(r, 30));
      const ackedBefore = written;
      backups.push({ info: await ok<BackupInfo>(app.dispatch('backup:create', {})), ackedBefore });
    }
    stop = true;
    await Promise.all(writers);
    expect(written).toBeGreaterThan(20);

    for (const { info, ackedBefore } of backups) {
      expect(info.path.startsWith(backupsDir())).toBe(true);
      expect(basename(info.path)).toMatch(new RegExp(`^${profileId}-\\d{8}T\\d{9}Z-\\d+\\.bourse-backup$`));
      expect(statSync(info.path).size).toBe(info.bytes);
      // A single self-contained file (rollback journal, no WAL), owner-only.
      expect(existsSync(`${info.path}-wal`)).toBe(false);
      if (process.platform !== 'win32') expect(statSync(info.path).mode & 0o777).toBe(0o600);
      const audit = auditProfileDb(info.path);
      expect(audit.problems).toEqual([]);
      const entries = audit.wallets.reduce((n, w) => n + w.entries.length, 0);
      // Every deposit acknowledged before the backup was asked for is in it (plus the first one).
      expect(entries).toBeGreaterThanOrEqual(ackedBefore + 1);
    }
    expect(readdirSync(backupsDir()).filter((n) => n.endsWith('.bourse-tmp'))).toEqual([]);

    // The WAL case: fresh commits sit in bourse.db-wal. A plain copy of bourse.db misses them; the backup does not.
    for (let i = 0; i < 5; i++) await deposit('CHF', '3');
    const live = profileDbFile(dir, profileId);
    expect(statSync(`${live}-wal`).size).toBeGreaterThan(0);
    const naive = join(dir, 'naive-copy.db');
    copyFileSync(live, naive);
    const naiveDb = new Database(naive, { readonly: true });
    // With a checkpoint only every 8,192 WAL pages the copy may not even have the tables yet: either way, no CHF.
    const hasWallets = naiveDb.prepare(`SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'wallets'`).get() !== undefined;
    const naiveChf = hasWallets ? (naiveDb.prepare(`SELECT COUNT(*) AS n FROM wallets WHERE currency = 'CHF'`).get() as { n: number }).n : 0;
    naiveDb.close();
    expect(naiveChf).toBe(0);
    const last = await ok<BackupInfo>(app.dispatch('backup:create', {}));
    const chf = auditProfileDb(last.path).wallets.find((w) => w.currency === 'CHF');
    expect(chf?.balance).toBe('15.00');
    expect(chf?.entries).toHaveLength(5);
  });

  it('restore brings back exactly the balances of the backup, migrates nothing it need not, and tells the UI', async () => {
    await deposit('USD', '100.10');
    await deposit('EUR', '55');
    await ok(app.dispatch('wallet:withdraw', { currency: 'USD', amount: '0.10', idempotencyKey: key() }));
    const atBackup = await balances();
    const auditAtBackup = auditProfileDb(profileDbFile(dir, profileId));
    const info = await ok<BackupInfo>(app.dispatch('backup:create', {}));

    await deposit('USD', '900');
    await deposit('GBP', '12.34'); // a wallet opened after the backup disappears on restore
    const beforeRestore = await balances();
    events.length = 0;
    const result = await ok<RestoreResult>(app.dispatch('backup:restore', { path: basename(info.path) }));

    expect(await balances()).toEqual(atBackup);
    const audit = auditProfileDb(profileDbFile(dir, profileId));
    expect(audit.problems).toEqual([]);
    expect(audit.wallets).toEqual(auditAtBackup.wallets);
    expect(audit.idempotencyKeys).toEqual(auditAtBackup.idempotencyKeys);
    expect(result.restoredFrom).toBe(info.path);
    expect(result.backupCreatedAt).toBe(info.createdAt);
    expect(result.migrationsBefore).toBe(profileMigrations.length);
    // The stamp table is a backup's own; the restored profile has none. The previous database is gone.
    const db = new Database(profileDbFile(dir, profileId), { readonly: true });
    expect(db.prepare(`SELECT name FROM sqlite_schema WHERE name = 'bourse_backup'`).get()).toBeUndefined();
    db.close();
    expect(existsSync(`${profileDbFile(dir, profileId)}.before-restore`)).toBe(false);
    expect(existsSync(`${profileDbFile(dir, profileId)}.restoring`)).toBe(false);
    // The safety backup holds what was there just before: restoring it undoes the restore.
    const safety = auditProfileDb(result.safetyBackup.path).wallets.map((w) => ({ currency: w.currency, balance: w.balance }));
    expect(safety.sort((a, b) => a.currency.localeCompare(b.currency))).toEqual(beforeRestore);
    expect(events.some((e) => e.event === 'session:changed' && e.payload.profile?.id === profileId)).toBe(true);
    expect(events.filter((e) => e.event === 'wallet:changed').map((e) => e.payload)).toEqual(atBackup);

    // The restored profile keeps working, and the undo works too.
    await deposit('USD', '1');
    await ok(app.dispatch('backup:restore', { path: result.safetyBackup.path }));
    expect(await balances()).toEqual(beforeRestore);
  });

  it('a backup from an older schema is accepted and migrated on open', async () => {
    const old = join(dir, 'old-profile.db');
    const store = await openStore({ file: old, entities: profileEntities, migrations: profileMigrations.slice(0, 1) });
    await store.writer.write((db) => {
      db.prepare(`INSERT INTO wallets (currency, balance, created_at, updated_at) VALUES ('USD', '12.50', 't', 't')`).run();
      db.prepare(`INSERT INTO ledger_entries (wallet_id, kind, amount, note, created_at) VALUES (1, 'deposit', '10.00', 'a', 't')`).run();
      db.prepare(`INSERT INTO ledger_entries (wallet_id, kind, amount, note, created_at) VALUES (1, 'deposit', '2.50', 'b', 't')`).run();
    });
    await store.close();
    const file = join(backupsDir(), 'old.bourse-backup');
    await stampedCopy(old, file, profileId);

    const r = await ok<RestoreResult>(app.dispatch('backup:restore', { path: file }));
    expect(r.migrationsBefore).toBe(1);
    expect(r.migrationsNow).toBe(profileMigrations.length);
    expect(await balances()).toEqual([{ currency: 'USD', balance: '12.50' }]);
    const audit = auditProfileDb(profileDbFile(dir, profileId));
    expect(audit.problems).toEqual([]);
    expect(audit.wallets[0]?.entries.map((e) => e.balance_after)).toEqual(['10.00', '12.50']);
  });

  it('a backup that passes the checks but fails to migrate is rolled back: the previous database comes back', async () => {
    await deposit('EUR', '42');
    const before = await balances();
    const auditBefore = auditProfileDb(profileDbFile(dir, profileId));
    const old = join(dir, 'bad-old.db');
    const store = await openStore({ file: old, entities: profileEntities, migrations: profileMigrations.slice(0, 1) });
    // Schema-valid, but migration 2 computes running balances with decimal.js and cannot parse this amount.
    await store.writer.write((db) => {
      db.prepare(`INSERT INTO wallets (currency, balance, created_at, updated_at) VALUES ('USD', '1', 't', 't')`).run();
      db.prepare(`INSERT INTO ledger_entries (wallet_id, kind, amount, note, created_at) VALUES (1, 'deposit', 'one', NULL, 't')`).run();
    });
    await store.close();
    const file = join(backupsDir(), 'bad-old.bourse-backup');
    await stampedCopy(old, file, profileId);

    const r = (await app.dispatch('backup:restore', { path: file })) as Err;
    expect(r.ok).toBe(false);
    expect(r.error.code).toBe('INVALID_BACKUP');
    expect(await balances()).toEqual(before);
    const auditAfter = auditProfileDb(profileDbFile(dir, profileId));
    expect(auditAfter.problems).toEqual([]);
    expect(auditAfter.wallets).toEqual(auditBefore.wallets);
    expect(existsSync(`${profileDbFile(dir, profileId)}.before-restore`)).toBe(false);
    await deposit('EUR', '1');
    expect((await balances()).find((w) => w.currency === 'EUR')?.balance).toBe('43.00');
  });

  describe('refusals leave the current profile untouched', () => {
    let good: BackupInfo;
    beforeEach(async () => {
      await deposit('USD', '250');
      await deposit('JPY', '1000');
      good = await ok<BackupInfo>(app.dispatch('backup:create', {}));
      await deposit('USD', '1'); // live differs from the backup, and has fresh WAL content
      // The history indexer (a 1 s timer of the profile) marks that deposit's activity once: let it, so the live
      // files only change if a refused restore changes them.
      await waitIndexed(profileDbFile(dir, profileId));
    });

    async function waitIndexed(file: string): Promise<void> {
      for (;;) {
        const db = new Database(file, { readonly: true });
        const pending = db.prepare('SELECT count(*) FROM activities WHERE h_ready = 0').pluck().get();
        db.close();
        if (pending === 0) return;
        await new Promise((r) => setTimeout(r, 100));
      }
    }

    async function expectRefused(path: string, code: string, reason?: string): Promise<void> {
      const live = profileDbFile(dir, profileId);
      const sums = [sha(live), sha(`${live}-wal`)];
      const reader = new Database(live, { readonly: true });
      const fp = ledgerFingerprint(reader);
      reader.close();
      const audit = auditProfileDb(live);
      const shown = await balances();
      const backupsBefore = readdirSync(backupsDir()).sort();

      const r = (await app.dispatch('backup:restore', { path })) as Err;
      expect(r.ok, `${path} was accepted`).toBe(false);
      expect(r.error.code).toBe(code);
      if (reason) expect(r.error.details?.reason).toBe(reason);
      expect(r.error.message.length).toBeGreaterThan(10);

      expect([sha(live), sha(`${live}-wal`)]).toEqual(sums);
      const reader2 = new Database(live, { readonly: true });
      expect(ledgerFingerprint(reader2)).toBe(fp);
      reader2.close();
      expect(auditProfileDb(live)).toEqual(audit);
      expect(await balances()).toEqual(shown);
      // Nothing left behind: no staging copy, no safety backup for a refused file.
      expect(existsSync(`${live}.restoring`)).toBe(false);
      expect(readdirSync(backupsDir()).sort()).toEqual(backupsBefore);
    }

    const put = (name: string, bytes: Buffer | string) => {
      const p = join(backupsDir(), name);
      writeFileSync(p, bytes);
      return p;
    };

    it('random bytes, an empty file, a text file', async () => {
      // Random bytes look exactly like a database encrypted under another key (as they must): refused as not this
      // profile's backup.
      await expectRefused(put('random.bourse-backup', randomBytes(64 * 1024)), 'INVALID_BACKUP', 'other-profile');
      await expectRefused(put('empty.bourse-backup', ''), 'INVALID_BACKUP', 'not-sqlite');
      await expectRefused(put('notes.bourse-backup', 'date,amount\n2024-01-01,5\n'), 'INVALID_BACKUP', 'not-sqlite');
    });

    it('a truncated backup (at a page boundary and mid-page)', async () => {
      const size = statSync(good.path).size;
      for (const cut of [Math.floor(size / 2 / 4096) * 4096, Math.floor(size / 3) + 17, 4096]) {
        const p = join(backupsDir(), `cut-${cut}.bourse-backup`);
        copyFileSync(good.path, p);
        truncateSync(p, cut);
        // An encrypted backup's page count is inside its encrypted header: a cut shows as damage once decrypted.
        await expectRefused(p, 'INVALID_BACKUP', 'corrupt');
      }
    });

    it('a backup with damaged pages inside (valid header)', async () => {
      const p = join(backupsDir(), 'damaged.bourse-backup');
      const bytes = readFileSync(good.path);
      // Overwrite every page after the first with garbage, keeping the header intact.
      randomBytes(bytes.length - 4096).copy(bytes, 4096);
      writeFileSync(p, bytes);
      await expectRefused(p, 'INVALID_BACKUP', 'corrupt');
    });

    it('a valid SQLite database of another schema, and one that imitates ours', async () => {
      const other = join(backupsDir(), 'other.bourse-backup');
      const db = new Database(other);
      db.exec(`CREATE TABLE songs (id INTEGER PRIMARY KEY, title TEXT); INSERT INTO songs (title) VALUES ('x')`);
      db.close();
      await expectRefused(other, 'INVALID_BACKUP', 'foreign');

      const foreignHistory = join(backupsDir(), 'foreign-migrations.bourse-backup');
      const f = new Database(foreignHistory);
      f.exec(`CREATE TABLE migrations (id INTEGER PRIMARY KEY, timestamp INTEGER, name TEXT); INSERT INTO migrations (timestamp, name) VALUES (1, 'CreateUsers1')`);
      f.close();
      await expectRefused(foreignHistory, 'INVALID_BACKUP', 'foreign');

      // Our migration history, but a table changed behind its back.
      const lookalike = join(backupsDir(), 'lookalike.bourse-backup');
      copyFileSync(good.path, lookalike);
      const l = new Database(lookalike);
      l.exec(`ALTER TABLE ledger_entries ADD COLUMN sneaky TEXT`);
      l.close();
      await expectRefused(lookalike, 'INVALID_BACKUP', 'schema');
    });

    it('a backup whose schema differs from its version in anything (a trigger, an index, a view, SQL text)', async () => {
      const tampered = (name: string, sql: string, writableSchema = false) => {
        const p = join(backupsDir(), `${name}.bourse-backup`);
        copyFileSync(good.path, p);
        const db = new Database(p);
        if (writableSchema) db.unsafeMode(true).pragma('writable_schema = ON');
        db.exec(sql);
        db.close();
        return p;
      };
      // The reviewed attack: a trigger that rewrites the note of every later deposit.
      const trigger = tampered(
        'trigger',
        `CREATE TRIGGER rewrite_note AFTER INSERT ON activities BEGIN UPDATE activities SET note = 'pay mallory' WHERE rowid = NEW.rowid; END`,
      );
      await expectRefused(trigger, 'INVALID_BACKUP', 'schema');
      const r = (await app.dispatch('backup:restore', { path: trigger })) as Err;
      expect((r.error.details as { differences?: string[] }).differences).toEqual(['extra trigger rewrite_note']);
      // The same on the stamp table, which restore itself drops; and one with a name only SQLite may use.
      await expectRefused(
        tampered('stamp-trigger', `CREATE TRIGGER on_stamp AFTER DELETE ON bourse_backup BEGIN DELETE FROM activities; END`),
        'INVALID_BACKUP',
        'schema',
      );
      await expectRefused(
        tampered(
          'sqlite-named',
          `INSERT INTO sqlite_schema (type, name, tbl_name, rootpage, sql) VALUES ('trigger', 'sqlite_t', 'activities', 0, 'CREATE TRIGGER sqlite_t AFTER INSERT ON activities BEGIN DELETE FROM activities; END')`,
          true,
        ),
        'INVALID_BACKUP',
        'schema',
      );
      await expectRefused(tampered('index', `CREATE INDEX extra_idx ON activities (note)`), 'INVALID_BACKUP', 'schema');
      await expectRefused(tampered('view', `CREATE VIEW extra_view AS SELECT * FROM activities`), 'INVALID_BACKUP', 'schema');
      // A table's SQL changed (same columns, a CHECK widened) by rewriting sqlite_schema by hand.
      await expectRefused(
        tampered(
          'changed-sql',
          `UPDATE sqlite_schema SET sql = replace(sql, '''manual'')', '''manual'', ''mallory'')') WHERE type = 'table' AND name = 'activities'`,
          true,
        ),
        'INVALID_BACKUP',
        'schema',
      );
      // A missing index.
      const idx = new Database(good.path, { readonly: true });
      const anIndex = (idx.prepare(`SELECT name FROM sqlite_schema WHERE type = 'index' AND sql IS NOT NULL LIMIT 1`).get() as { name: string }).name;
      idx.close();
      await expectRefused(tampered('missing-index', `DROP INDEX "${anIndex}"`), 'INVALID_BACKUP', 'schema');
      // The untouched backup still restores.
      await ok(app.dispatch('backup:restore', { path: good.path }));
    });

    it('a missing path and a path Bourse may not or cannot read get the same answer', async () => {
      const outside = mkdtempSync(join(tmpdir(), 'bourse-probe-'));
      try {
        const existing = join(outside, 'copy.bourse-backup');
        copyFileSync(good.path, existing);
        mkdirSync(join(backupsDir(), 'a-folder.bourse-backup'));
        const unreadable = join(backupsDir(), 'unreadable.bourse-backup');
        copyFileSync(good.path, unreadable);
        chmodSync(unreadable, 0o000);
        const probes = [
          join(outside, 'missing.bourse-backup'), // missing, outside
          existing, // exists, outside, never chosen in a dialog
          '/etc/hostname', // a system file
          join(backupsDir(), 'missing.bourse-backup'), // missing, inside
          'a-folder.bourse-backup', // not a file
          ...(process.getuid?.() === 0 ? [] : [unreadable]), // root reads anything
        ];
        const answers = new Set<string>();
        for (const p of probes) {
          await expectRefused(p, 'NOT_FOUND');
          const r = (await app.dispatch('backup:restore', { path: p })) as Err;
          answers.add(JSON.stringify(r.error));
        }
        expect([...answers]).toHaveLength(1);
      } finally {
        rmSync(outside, { recursive: true, force: true });
      }
    });

    it('a backup from a newer Bourse (a migration we do not know)', async () => {
      const newer = join(backupsDir(), 'newer.bourse-backup');
      copyFileSync(good.path, newer);
      const db = new Database(newer);
      db.prepare(`INSERT INTO migrations (timestamp, name) VALUES (?, ?)`).run(1799999999999, 'Future1799999999999');
      db.exec(`CREATE TABLE future_things (id INTEGER PRIMARY KEY)`);
      db.close();
      await expectRefused(newer, 'INVALID_BACKUP', 'newer');
    });

    it("another profile's backup in the shared backups folder", async () => {
      await ok(app.dispatch('profile:logout', {}));
      await ok(app.dispatch('profile:create', { username: 'eve', password: 'eve-password' }));
      await ok(app.dispatch('wallet:deposit', { currency: 'USD', amount: '5', idempotencyKey: key() }));
      const eves = await ok<BackupInfo>(app.dispatch('backup:create', {}));
      await ok(app.dispatch('profile:logout', {}));
      await ok(app.dispatch('profile:login', { username: 'ada', password: 'ada-password' }));
      await expectRefused(eves.path, 'INVALID_BACKUP', 'other-profile');
    });

    it('paths outside the backups folder, traversal, symlinks out, missing files', async () => {
      const outside = mkdtempSync(join(tmpdir(), 'bourse-outside-'));
      try {
        const copy = join(outside, 'copy.bourse-backup');
        copyFileSync(good.path, copy);
        // Outside the backups folder: the same answer as a missing file (no probing which files exist).
        await expectRefused(copy, 'NOT_FOUND');
        await expectRefused(join(backupsDir(), '..', 'app.db'), 'NOT_FOUND');
        await expectRefused(profileDbFile(dir, profileId), 'NOT_FOUND');
        await expectRefused('../app.db', 'INVALID_INPUT');
        await expectRefused('relative/name.bourse-backup', 'INVALID_INPUT');
        await expectRefused('..', 'INVALID_INPUT');
        await expectRefused('no-such.bourse-backup', 'NOT_FOUND');
        await expectRefused(join(backupsDir(), 'missing.bourse-backup'), 'NOT_FOUND');
        if (process.platform !== 'win32') {
          symlinkSync(copy, join(backupsDir(), 'link.bourse-backup'));
          await expectRefused('link.bourse-backup', 'NOT_FOUND');
        }
        mkdirSync(join(backupsDir(), 'a-folder'));
        await expectRefused('a-folder', 'NOT_FOUND');
      } finally {
        rmSync(outside, { recursive: true, force: true });
      }
      const bad = await app.dispatch('backup:restore', { path: 'x\0y' });
      expect(bad.ok ? 'ok' : bad.error.code).toBe('INVALID_INPUT');
    });
  });

  it('a crash between the two renames of a restore is repaired at the next sign-in', async () => {
    await deposit('USD', '77');
    await ok(app.dispatch('profile:logout', {}));
    const live = profileDbFile(dir, profileId);
    // The state a kill -9 leaves after "live → .before-restore" and before "staging → live".
    const { renameSync } = await import('node:fs');
    renameSync(live, `${live}.before-restore`);
    await ok(app.dispatch('profile:login', { username: 'ada', password: 'ada-password' }));
    expect(await balances()).toEqual([{ currency: 'USD', balance: '77.00' }]);
    expect(existsSync(`${live}.before-restore`)).toBe(false);
  });

  it('restore sources: only the backups folder, or a file main granted after its own dialog, once', async () => {
    const outside = mkdtempSync(join(tmpdir(), 'bourse-picked-'));
    try {
      const picked = join(outside, 'from-old-laptop.bourse-backup');
      writeFileSync(picked, 'x');
      mkdirSync(backupsDir(), { recursive: true });
      const sources = new RestoreSources(dir, backupsDir());
      await expect(sources.resolve(picked)).rejects.toMatchObject({ code: 'NOT_FOUND' });
      const real = await sources.grant(picked);
      // Outside the data folder: the owner rule (same profile) does not apply; it is the user's own file.
      await expect(sources.resolve(picked)).resolves.toEqual({ file: real, insideDataDir: false });
      sources.consume(real);
      await expect(sources.resolve(picked)).rejects.toMatchObject({ code: 'NOT_FOUND' });
      // A granted file inside the data folder stays under the owner rule.
      await sources.grant(profileDbFile(dir, profileId));
      await expect(sources.resolve(profileDbFile(dir, profileId))).resolves.toMatchObject({ insideDataDir: true });
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
  });

  it('both channels need a signed-in, unlocked profile', async () => {
    await ok(app.dispatch('profile:logout', {}));
    for (const [c, p] of [['backup:create', {}], ['backup:restore', { path: 'x.bourse-backup' }]] as const) {
      const r = await app.dispatch(c, p);
      expect(r.ok ? 'ok' : r.error.code).toBe('UNAUTHENTICATED');
    }
  });
});

/** A stamped backup copy of a closed profile file, as backup:create would write it for `profileId`. */
async function stampedCopy(from: string, to: string, profileId: string): Promise<void> {
  mkdirSync(join(to, '..'), { recursive: true });
  const src = new Database(from, { readonly: true });
  await src.backup(to);
  src.close();
  const db = new Database(to);
  db.pragma('journal_mode = DELETE');
  writeStamp(db, { profileId, createdAt: new Date().toISOString(), migrations: 1 });
  db.close();
}
