import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

/** The tables only main/ledger/ writes (docs/design.md#ledger). */
const MONEY_TABLES = ['wallets', 'ledger_entries', 'positions', 'activities', 'history_days'];
const ROOT = join(import.meta.dirname, '..', '..');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.tsx?$/.test(name) ? [path] : [];
  });
}

/** Every INSERT, UPDATE or DELETE naming a money table in a text (SQL in strings, templates or comments alike). */
export function moneyWrites(text: string): string[] {
  const tables = MONEY_TABLES.join('|');
  const re = new RegExp(`\\b(INSERT\\s+(?:OR\\s+\\w+\\s+)?INTO|UPDATE|DELETE\\s+FROM|REPLACE\\s+INTO)\\s+["\`]?(${tables})\\b`, 'gi');
  return [...text.matchAll(re)].map((m) => `${m[1]!.replace(/\s+/g, ' ').toUpperCase()} ${m[2]}`);
}

describe('the ledger is the only writer of money', () => {
  it('finds the writes it looks for', () => {
    expect(moneyWrites("db.prepare('INSERT INTO wallets (currency) VALUES (?)')")).toEqual(['INSERT INTO wallets']);
    expect(moneyWrites('`UPDATE  activities SET h_ready = 1`')).toEqual(['UPDATE activities']);
    expect(moneyWrites('"delete from ledger_entries where id = 1"')).toEqual(['DELETE FROM ledger_entries']);
    expect(moneyWrites("'INSERT OR REPLACE INTO positions'")).toEqual(['INSERT OR REPLACE INTO positions']);
    expect(moneyWrites("'SELECT balance FROM wallets'; 'INSERT INTO orders'; 'UPDATE wallet_names'")).toEqual([]);
  });

  it('no module of main/ outside main/ledger/ and the migrations writes wallets, entries, positions, activities or day totals', () => {
    const main = join(ROOT, 'main');
    const offenders = sources(main)
      .map((file) => relative(ROOT, file))
      .filter((file) => !file.startsWith('main/ledger/') && !file.startsWith('main/store/migrations/'))
      .flatMap((file) => moneyWrites(readFileSync(join(ROOT, file), 'utf8')).map((w) => `${file}: ${w}`));
    expect(offenders).toEqual([]);
  });

  it('main/ledger/ does write them (the check looks where the writes are)', () => {
    const writes = sources(join(ROOT, 'main', 'ledger')).flatMap((file) => moneyWrites(readFileSync(file, 'utf8')));
    for (const table of MONEY_TABLES) expect(writes.some((w) => w.endsWith(` ${table}`)), table).toBe(true);
  });
});
