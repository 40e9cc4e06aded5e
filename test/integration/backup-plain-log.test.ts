import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { inspect } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { compose, type App } from '../../main/compose.js';
import { ok } from '../support/app.js';
import { openProfileFile, profileKeyOf } from '../support/db-key.js';
import { profileDbFile } from '../support/ledger.js';
import { testComposeOptions } from '../support/options.js';

/**
 * A plain backup from before encryption that could not be encrypted at sign-in stays on disk with the whole ledger
 * in it: that is logged through the app's logger, by file name and failure, never with the data folder's path, the
 * password or the key; the next sign-in tries again.
 */

const PASSWORD = 'ada-password';
const NOTE = 'Okapi-Backup-Note-2291';
const MAGIC = Buffer.from('SQLite format 3\0', 'latin1');

const dirs: string[] = [];
const apps: App[] = [];
afterEach(async () => {
  for (const a of apps.splice(0)) await a.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function decrypt(file: string): void {
  const db = openProfileFile(file, { fileMustExist: true }, PASSWORD);
  db.pragma('journal_mode = DELETE');
  db.pragma(`rekey = ''`);
  db.close();
}

const isPlain = (file: string) => readFileSync(file).subarray(0, 16).equals(MAGIC);

/** A profile with two plain backups, as an earlier version left them; `logged` holds what the app logs. */
async function profileWithPlainBackups(): Promise<{ dir: string; id: string; backups: string[]; logged: unknown[]; reopen: () => Promise<App> }> {
  const dir = mkdtempSync(join(tmpdir(), 'bourse-plain-log-'));
  dirs.push(dir);
  const logged: unknown[] = [];
  const open = async () => {
    const app = await compose(testComposeOptions(dir, { logger: { error: (m, e) => logged.push([m, e]) } }));
    apps.push(app);
    return app;
  };
  const app = await open();
  const s = await ok<{ profile: { id: string } }>(app.dispatch('profile:create', { username: 'ada', password: PASSWORD }));
  await ok(app.dispatch('wallet:deposit', { currency: 'USD', amount: '10.00', note: NOTE, idempotencyKey: 'plain-log-1' }));
  const backups = [(await ok<{ path: string }>(app.dispatch('backup:create', {}))).path, (await ok<{ path: string }>(app.dispatch('backup:create', {}))).path];
  for (const a of apps.splice(0)) await a.close();
  for (const b of backups) decrypt(b);
  return { dir, id: s.profile.id, backups, logged, reopen: open };
}

/** Everything logged, as deeply as a logger could print it. */
const printed = (logged: unknown[]) => logged.map((l) => inspect(l, { depth: 10 })).join('\n');

describe('plain backups left unencrypted are logged', () => {
  it('a damaged plain backup is logged by its file name, with no path, password or key, and tried again at the next sign-in', async () => {
    const p = await profileWithPlainBackups();
    const bad = p.backups[1]!;
    const bytes = readFileSync(bad);
    writeFileSync(bad, bytes.subarray(0, bytes.length / 2));

    let app = await p.reopen();
    await ok(app.dispatch('profile:login', { username: 'ada', password: PASSWORD }));
    await ok(app.dispatch('backup:list', {}));
    expect(isPlain(bad)).toBe(true);
    expect(isPlain(p.backups[0]!)).toBe(false);
    expect(p.logged).toHaveLength(1);
    const text = printed(p.logged);
    expect(text).toContain(basename(bad));
    const key = profileKeyOf(profileDbFile(p.dir, p.id), PASSWORD).hex;
    for (const secret of [p.dir, PASSWORD, key, key.toUpperCase(), NOTE]) expect(text).not.toContain(secret);

    // The next sign-in tries again (and logs again while it still fails).
    await ok(app.dispatch('profile:logout', {}));
    for (const a of apps.splice(0)) await a.close();
    app = await p.reopen();
    await ok(app.dispatch('profile:login', { username: 'ada', password: PASSWORD }));
    await ok(app.dispatch('backup:list', {}));
    expect(p.logged).toHaveLength(2);
  });

  it('a copy the disk refuses is logged with its failure but without the data folder\'s path, and done at the next sign-in', async () => {
    const p = await profileWithPlainBackups();
    // Where the encrypted copy would be written stands a folder: the copy fails as on a full or read-only disk.
    const blocked = p.backups[0]!;
    mkdirSync(`${blocked}.rekey/in-the-way`, { recursive: true });

    let app = await p.reopen();
    await ok(app.dispatch('profile:login', { username: 'ada', password: PASSWORD }));
    await ok(app.dispatch('backup:list', {}));
    expect(isPlain(blocked)).toBe(true);
    expect(isPlain(p.backups[1]!)).toBe(false);
    expect(p.logged).toHaveLength(1);
    const text = printed(p.logged);
    expect(text).toContain(basename(blocked));
    const key = profileKeyOf(profileDbFile(p.dir, p.id), PASSWORD).hex;
    for (const secret of [p.dir, PASSWORD, key, NOTE]) expect(text).not.toContain(secret);

    rmSync(`${blocked}.rekey`, { recursive: true });
    await ok(app.dispatch('profile:logout', {}));
    for (const a of apps.splice(0)) await a.close();
    app = await p.reopen();
    await ok(app.dispatch('profile:login', { username: 'ada', password: PASSWORD }));
    await ok(app.dispatch('backup:list', {}));
    for (const b of p.backups) expect(isPlain(b)).toBe(false);
    expect(p.logged).toHaveLength(1);
  });
});
