import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import type { App } from '../../main/compose.js';
import { compose } from '../../main/compose.js';
import { DbKey, WrongKeyError } from '../../main/store/db-key.js';
import { ProfileRegistry } from '../../main/profiles/service.js';
import { openAppStore } from '../../main/store/app-store.js';
import { openProfileStore } from '../../main/store/profile-store.js';
import { commitRekeyedCopy, writeRekeyedCopy } from '../../main/store/rekey.js';
import { Sqlite } from '../../main/store/sqlite.js';
import { ok } from '../support/app.js';
import { openProfileFile, profileKeyOf } from '../support/db-key.js';
import { profileDbFile } from '../support/ledger.js';
import { testComposeOptions } from '../support/options.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const CHILD = join(root, 'test/support/rekey-child.ts');
const NOTE = 'Quokka-Zebra-Note-7731';
const A = 'rekey-password-1';
const B = 'rekey-password-2';

const dirs: string[] = [];
const apps: App[] = [];
afterEach(async () => {
  for (const a of apps.splice(0)) await a.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

async function freshApp(dataDir?: string): Promise<{ app: App; dir: string }> {
  const dir = dataDir ?? mkdtempSync(join(tmpdir(), 'bourse-crypt-'));
  if (!dataDir) dirs.push(dir);
  const app = await compose(testComposeOptions(dir));
  apps.push(app);
  return { app, dir };
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(join(dir, e.name)) : [join(dir, e.name)]));
}

/** Every file of the data folder that holds any encoding of `text` SQLite or JSON could have written. */
function filesHolding(dir: string, text: string): string[] {
  const needles = [Buffer.from(text, 'utf8'), Buffer.from(text, 'utf16le'), Buffer.from(text.slice(0, 12), 'utf8')];
  return filesUnder(dir).filter((f) => {
    const bytes = readFileSync(f);
    return needles.some((n) => bytes.includes(n));
  });
}

async function signUp(app: App, username: string, password: string): Promise<string> {
  const s = await ok<{ profile: { id: string } }>(app.dispatch('profile:create', { username, password }));
  return s.profile.id;
}

async function deposit(app: App, note: string, key: string): Promise<void> {
  await ok(app.dispatch('wallet:deposit', { currency: 'USD', amount: '10.00', note, idempotencyKey: `deposit-${key}` }));
}

function notesIn(file: string, password: string): string[] {
  const db = openProfileFile(file, { readonly: true, fileMustExist: true }, password);
  try {
    return db.prepare('SELECT note FROM ledger_entries WHERE note IS NOT NULL ORDER BY id').pluck().all() as string[];
  } finally {
    db.close();
  }
}

describe('encryption at rest', () => {
  it('leaves no byte of a ledger note in any file of the data folder (databases, -wal, -shm, settings, backups)', async () => {
    const { app, dir } = await freshApp();
    await signUp(app, 'ada', A);
    for (let i = 0; i < 20; i++) await deposit(app, `${NOTE} ${i}`, `n-${i}`);
    await ok(app.dispatch('backup:create', {}));
    // While the app is open: the -wal and -shm files hold the latest commits.
    const open = filesUnder(dir);
    expect(open.some((f) => f.endsWith('bourse.db-wal'))).toBe(true);
    expect(open.some((f) => f.endsWith('.bourse-backup'))).toBe(true);
    expect(filesHolding(dir, NOTE)).toEqual([]);
    await app.close();
    apps.length = 0;
    expect(filesHolding(dir, NOTE)).toEqual([]);
  });

  it('a profile database is unreadable to the sqlite3 tool and to a wrong key, and opens with the right one', async () => {
    const { app, dir } = await freshApp();
    const id = await signUp(app, 'ada', A);
    await deposit(app, NOTE, 'k1');
    await app.close();
    apps.length = 0;
    const file = profileDbFile(dir, id);
    const cli = spawnSync('/usr/bin/sqlite3', [file, 'SELECT count(*) FROM sqlite_master;'], { encoding: 'utf8' });
    expect(cli.status).not.toBe(0);
    expect(cli.stderr).toMatch(/not a database/);
    await expect(openProfileStore(file, DbKey.fromHex('00'.repeat(32)))).rejects.toBeInstanceOf(WrongKeyError);
    // Without a key at all SQLite refuses the first page.
    const plain = new Sqlite(file, { readonly: true });
    expect(() => plain.prepare('SELECT count(*) FROM sqlite_master').get()).toThrow(/not a database/);
    plain.close();
    expect(notesIn(file, A)).toEqual([NOTE]);
  });

  it('refuses a wrong password at sign-in and the profile stays intact', async () => {
    const { app, dir } = await freshApp();
    const id = await signUp(app, 'ada', A);
    await deposit(app, NOTE, 'k1');
    await ok(app.dispatch('profile:logout', {}));
    const before = readFileSync(profileDbFile(dir, id));
    const r = await app.dispatch('profile:login', { username: 'ada', password: 'not-the-password' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('INVALID_CREDENTIALS');
    expect(readFileSync(profileDbFile(dir, id)).equals(before)).toBe(true);
    await ok(app.dispatch('profile:login', { username: 'ada', password: A }));
    expect((await ok<{ balance: string }[]>(app.dispatch('wallet:list', {}))).map((w) => w.balance)).toEqual(['10.00']);
  });

  it('changing the password re-keys the database: the old password and key no longer open it', async () => {
    const { app, dir } = await freshApp();
    const id = await signUp(app, 'ada', A);
    await deposit(app, NOTE, 'k1');
    const file = profileDbFile(dir, id);
    const oldKey = profileKeyOf(file, A);
    const wrong = await app.dispatch('profile:change-password', { current: 'not-the-password', next: B });
    expect(wrong.ok).toBe(false);
    await ok(app.dispatch('profile:change-password', { current: A, next: B }));
    await deposit(app, `${NOTE} after`, 'k2');
    await ok(app.dispatch('profile:logout', {}));
    await expect(openProfileStore(file, oldKey)).rejects.toBeInstanceOf(WrongKeyError);
    expect((await app.dispatch('profile:login', { username: 'ada', password: A })).ok).toBe(false);
    await ok(app.dispatch('profile:login', { username: 'ada', password: B }));
    expect(notesIn(file, B)).toEqual([NOTE, `${NOTE} after`]);
  });

  it('an encrypted backup restores into its own profile only', async () => {
    const { app, dir } = await freshApp();
    await signUp(app, 'ada', A);
    await deposit(app, NOTE, 'k1');
    const info = await ok<{ path: string }>(app.dispatch('backup:create', {}));
    await ok(app.dispatch('profile:create', { username: 'grace', password: 'grace-password' }));
    const r = await app.dispatch('backup:restore', { path: info.path });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('INVALID_BACKUP');
      expect(r.error.details).toMatchObject({ reason: 'other-profile' });
    }
    expect(await ok<unknown[]>(app.dispatch('wallet:list', {}))).toEqual([]);
    await ok(app.dispatch('profile:login', { username: 'ada', password: A }));
    await deposit(app, 'later', 'k2');
    await ok(app.dispatch('backup:restore', { path: info.path }));
    expect((await ok<{ balance: string }[]>(app.dispatch('wallet:list', {}))).map((w) => w.balance)).toEqual(['10.00']);
    expect(filesHolding(dir, NOTE)).toEqual([]);
  });
});

/** Rewrites a closed profile file (or backup) in the SQLCipher 4 format development builds wrote before AEGIS-256. */
function toSqlcipher4(file: string, key: DbKey): void {
  const db = new Sqlite(file, { fileMustExist: true });
  try {
    key.apply(db);
    db.pragma('journal_mode = DELETE');
    db.pragma(`cipher = 'sqlcipher'`);
    db.pragma('legacy = 4');
    db.pragma(`rekey = "x'${key.hex}'"`);
  } finally {
    db.close();
  }
  const old = key.inFormat('sqlcipher-4');
  const check = new Sqlite(file, { readonly: true, fileMustExist: true });
  try {
    old.apply(check);
    check.prepare('SELECT count(*) FROM sqlite_schema').get();
  } finally {
    check.close();
  }
}

describe('backups made before a password change', () => {
  it('restore with the password they were made with, and only with it', async () => {
    const { app, dir } = await freshApp();
    const id = await signUp(app, 'ada', A);
    await deposit(app, NOTE, 'k1');
    const info = await ok<{ path: string }>(app.dispatch('backup:create', {}));
    await ok(app.dispatch('profile:change-password', { current: A, next: B }));
    await ok(app.dispatch('profile:change-password', { current: B, next: 'rekey-password-3' }));
    await deposit(app, 'later', 'k2');
    for (const password of [undefined, 'not-the-password', B]) {
      const r = await app.dispatch('backup:restore', { path: info.path, ...(password ? { password } : {}) });
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error.details).toMatchObject({ reason: 'other-profile' });
    }
    expect((await ok<{ balance: string }[]>(app.dispatch('wallet:list', {}))).map((w) => w.balance)).toEqual(['20.00']);
    await ok(app.dispatch('backup:restore', { path: info.path, password: A }));
    expect((await ok<{ balance: string }[]>(app.dispatch('wallet:list', {}))).map((w) => w.balance)).toEqual(['10.00']);
    await ok(app.dispatch('profile:logout', {}));
    // The restored database is under the current password's key; the old password opens nothing.
    expect(notesIn(profileDbFile(dir, id), 'rekey-password-3')).toEqual([NOTE]);
    expect((await app.dispatch('profile:login', { username: 'ada', password: A })).ok).toBe(false);
    await ok(app.dispatch('profile:login', { username: 'ada', password: 'rekey-password-3' }));
  });
});

describe('the earlier cipher format (SQLCipher 4)', () => {
  it('a profile file in it is rewritten in AEGIS-256 at sign-in, same password, nothing lost', async () => {
    const { app, dir } = await freshApp();
    const id = await signUp(app, 'ada', A);
    await deposit(app, NOTE, 'k1');
    await ok(app.dispatch('profile:logout', {}));
    const file = profileDbFile(dir, id);
    const key = profileKeyOf(file, A);
    toSqlcipher4(file, key);
    await expect(openProfileStore(file, key)).rejects.toBeInstanceOf(WrongKeyError);
    await ok(app.dispatch('profile:login', { username: 'ada', password: A }));
    expect((await ok<{ balance: string }[]>(app.dispatch('wallet:list', {}))).map((w) => w.balance)).toEqual(['10.00']);
    await deposit(app, `${NOTE} after`, 'k2');
    await ok(app.dispatch('profile:logout', {}));
    const store = await openProfileStore(file, key);
    await store.close();
    await expect(openProfileStore(file, key.inFormat('sqlcipher-4'))).rejects.toBeInstanceOf(WrongKeyError);
    expect(notesIn(file, A)).toEqual([NOTE, `${NOTE} after`]);
    expect(filesUnder(dir).filter((f) => f.includes('.rekey'))).toEqual([]);
  });

  it('a backup in it restores, and the restored database is in AEGIS-256', async () => {
    const { app, dir } = await freshApp();
    const id = await signUp(app, 'ada', A);
    await deposit(app, NOTE, 'k1');
    const info = await ok<{ path: string }>(app.dispatch('backup:create', {}));
    const file = profileDbFile(dir, id);
    const key = profileKeyOf(file, A);
    toSqlcipher4(info.path, key);
    await deposit(app, 'later', 'k2');
    await ok(app.dispatch('backup:restore', { path: info.path }));
    expect((await ok<{ balance: string }[]>(app.dispatch('wallet:list', {}))).map((w) => w.balance)).toEqual(['10.00']);
    await ok(app.dispatch('profile:logout', {}));
    const store = await openProfileStore(file, key);
    await store.close();
    expect(notesIn(file, A)).toEqual([NOTE]);
  });
});

interface ChildRun {
  acks: string[];
  lines: string[];
  exit: Promise<unknown>;
  kill(): void;
  reached(tag: string): Promise<void>;
}

function runChild(args: string[]): ChildRun {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD, ...args], { cwd: root, stdio: ['pipe', 'pipe', 'pipe'] });
  const run: ChildRun = {
    acks: [],
    lines: [],
    exit: new Promise((r) => child.on('exit', r)),
    kill: () => child.kill('SIGKILL'),
    reached: (tag) =>
      new Promise((res, rej) => {
        const check = () => (run.lines.some((l) => l.startsWith(tag)) ? res() : undefined);
        child.stdout.on('data', check);
        child.on('exit', () => (run.lines.some((l) => l.startsWith(tag)) ? res() : rej(new Error(`child exited before ${tag}: ${stderr}`))));
      }),
  };
  let buf = '';
  let stderr = '';
  child.stderr.on('data', (s: Buffer) => (stderr += s.toString()));
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (chunk: string) => {
    buf += chunk;
    let nl: number;
    while ((nl = buf.indexOf('\n')) >= 0) {
      const line = buf.slice(0, nl);
      buf = buf.slice(nl + 1);
      run.lines.push(line);
      if (line.startsWith('ACK ')) run.acks.push(line.slice(4));
    }
  });
  return run;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Signs in with A or B (exactly one must work) and returns the notes of the ledger. */
async function openWithEither(dir: string, id: string): Promise<{ password: string; notes: string[] }> {
  const { app } = await freshApp(dir);
  try {
    const withA = await app.dispatch('profile:login', { username: 'ada', password: A });
    const withB = withA.ok ? null : await app.dispatch('profile:login', { username: 'ada', password: B });
    if (!withA.ok && !withB?.ok) throw new Error(`neither password opens the profile: ${JSON.stringify(withB)}`);
    const password = withA.ok ? A : B;
    await ok(app.dispatch('profile:logout', {}));
    return { password, notes: notesIn(profileDbFile(dir, id), password) };
  } finally {
    await app.close();
    apps.splice(apps.indexOf(app), 1);
  }
}

describe('crash safety of re-keying (SIGKILL)', () => {
  it('a password change killed at any moment leaves the profile opening with one password and every acknowledged deposit', async () => {
    const { app, dir } = await freshApp();
    const id = await signUp(app, 'ada', A);
    await app.close();
    apps.length = 0;
    const acked: string[] = [];
    const delays = [0, 1, 2, 4, 6, 8, 12, 16, 25, 40, 60, 100];
    let completed = 0;
    for (const delay of delays) {
      const run = runChild([dir, 'change', 'ada', A, B]);
      await run.reached('REKEY');
      await sleep(delay);
      run.kill();
      await run.exit;
      acked.push(...run.acks);
      if (run.lines.some((l) => l.startsWith('DONE'))) completed += 1;
      const { notes } = await openWithEither(dir, id);
      expect(notes).toEqual(expect.arrayContaining(acked));
      expect(readdirSync(dirname(profileDbFile(dir, id))).filter((f) => f.includes('.rekey'))).toEqual([]);
    }
    // The kills must have landed both before and after some re-keys finished, or the test proved nothing.
    expect(completed).toBeLessThan(delays.length);
    expect(acked.length).toBe(delays.length * 5);
  }, 400_000);

  it('the first encryption of a plain profile, killed at any moment, loses nothing and ends encrypted', async () => {
    const delays = [0, 2, 5, 10, 20, 40, 80];
    for (const delay of delays) {
      const { app, dir } = await freshApp();
      const id = await signUp(app, 'ada', A);
      for (let i = 0; i < 10; i++) await deposit(app, `${NOTE} ${i}`, `p-${i}`);
      await app.close();
      apps.length = 0;
      makePlain(dir, id);
      expect(filesHolding(dir, NOTE).length).toBeGreaterThan(0);
      const run = runChild([dir, 'encrypt', 'ada', A, B]);
      await run.reached('REKEY');
      await sleep(delay);
      run.kill();
      await run.exit;
      const { password, notes } = await openWithEither(dir, id);
      expect(password).toBe(A);
      expect(notes).toEqual(Array.from({ length: 10 }, (_, i) => `${NOTE} ${i}`));
      expect(filesHolding(dir, NOTE)).toEqual([]);
      expect(statSync(profileDbFile(dir, id)).size).toBeGreaterThan(0);
    }
  }, 400_000);
});

/** Turns an encrypted profile back into one from before encryption: a plain file, no key parameters in app.db. */
function makePlain(dir: string, id: string): void {
  const file = profileDbFile(dir, id);
  const db = openProfileFile(file, { fileMustExist: true }, A);
  db.pragma('journal_mode = DELETE');
  db.pragma(`rekey = ''`);
  db.close();
  const app = new Sqlite(join(dir, 'app.db'));
  app.prepare('UPDATE profiles SET key_params = NULL WHERE id = ?').run(id);
  app.close();
}

describe('a re-key stopped after each of its steps', () => {
  // The steps of rekeyProfile (main/session/rekey.ts), each a point a crash can follow.
  const STEPS = ['copy written', 'pending recorded', 'copy renamed in', 'promoted'] as const;
  for (const [n, step] of STEPS.entries()) {
    it(`after "${step}" the profile opens with ${n >= 2 ? 'the new' : 'the old'} password only and keeps its data`, async () => {
      const { app, dir } = await freshApp();
      const id = await signUp(app, 'ada', A);
      await deposit(app, NOTE, 'k1');
      await app.close();
      apps.length = 0;
      const file = profileDbFile(dir, id);
      const appStore = await openAppStore(join(dir, 'app.db'));
      try {
        const registry = new ProfileRegistry(appStore, Date.now, 1024, () => file, 1024);
        const next = await registry.nextCredentials(B);
        const fileId = await writeRekeyedCopy(file, profileKeyOf(file, A), next.key);
        if (n >= 1) await registry.beginRekey(id, { passwordHash: next.passwordHash, keyParams: next.keyParams, fileId });
        if (n >= 2) await commitRekeyedCopy(file);
        if (n >= 3) await registry.finishRekey(id);
      } finally {
        await appStore.close();
      }
      const { password, notes } = await openWithEither(dir, id);
      expect(password).toBe(n >= 2 ? B : A);
      expect(notes).toEqual([NOTE]);
      expect(readdirSync(dirname(file)).filter((f) => f.includes('.rekey'))).toEqual([]);
    });
  }
});
