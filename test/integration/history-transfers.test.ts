import { parse } from 'csv-parse/sync';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../main/compose.js';
import type { Account, HistoryEntry, HistoryFilter, HistorySummary, ImportReport, PortfolioSnapshot } from '../../shared/contract/index.js';
import { Dec } from '../../shared/decimal/index.js';
import { Database, openProfileFile } from '../support/db-key.js';
import { key, tempApp } from '../support/app.js';
import { exportTo, historyDays, readText } from '../support/history-io.js';

/**
 * Transfers between accounts in the History (docs/design.md#history-export-and-import): the export carries the
 * marker (`transferWith`) and an import marks the pair again through the ledger, so a re-imported profile reads its
 * transfers as the original does (the Portfolio's flows, the History's totals); an older file without the column
 * still imports. In and Out leave out a leg whose other leg is in the accounts shown, and count it when that leg is
 * in an account not shown; the transfers filter lists the legs.
 */
const PASSWORD = 'correct horse battery';
let app: App;
let dir: string;
let cleanup: () => Promise<void>;
let files: string;
let n = 0;
let source: string;
let broker: Account;
let bank: Account;

async function call<T>(channel: string, payload: unknown): Promise<T> {
  const r = await app.dispatch(channel, payload);
  if (!r.ok) throw new Error(`${channel}: ${JSON.stringify(r.error)}`);
  return r.data as T;
}

async function freshProfile(prefix: string): Promise<string> {
  n += 1;
  await app.dispatch('profile:logout', {});
  const s = await call<{ profile: { id: string } }>('profile:create', { username: `${prefix}${n}`, password: PASSWORD });
  return join(dir, 'profiles', s.profile.id, 'bourse.db');
}

const summary = (filter: HistoryFilter) => call<HistorySummary>('history:summary', { filter });
const page = (filter: HistoryFilter) => call<{ rows: HistoryEntry[] }>('history:page', { filter, sort: { column: 'date', direction: 'asc' }, offset: 0, limit: 100 }).then((r) => r.rows);
const snapshot = () => call<PortfolioSnapshot>('portfolio:snapshot', {});
const figures = (s: HistorySummary) => ({ entries: s.entries, in: s.in, out: s.out, net: s.net, transfers: s.transfers });
/** What the Portfolio makes of the log: cash per currency and, per day, the value and the flow in or out. */
const portfolioFigures = (s: PortfolioSnapshot) => ({ cash: s.cash.map((c) => [c.currency, c.balance]), totals: s.totals, series: s.series });

/** Each marked row: [type, currency, amount, the other leg's type]. */
function marked(file: string): string[][] {
  const db = openProfileFile(file, { readonly: true });
  try {
    return db
      .prepare('SELECT a.type, a.currency, a.amount, b.type AS other FROM activities a JOIN activities b ON b.id = a.transfer_with AND b.transfer_with = a.id ORDER BY a.rowid')
      .raw(true)
      .all() as string[][];
  } finally {
    db.close();
  }
}

function file(name: string, content: string): string {
  const p = join(files, name);
  writeFileSync(p, content);
  return p;
}

async function importFile(path: string): Promise<{ rows: number; imported: number; duplicates: number }> {
  const fileId = (await app.transfers.hold(path)).fileId;
  return call('import:run', { fileId, idempotencyKey: key('imp') });
}

beforeAll(async () => {
  const t = await tempApp();
  app = t.app;
  dir = t.dir;
  cleanup = t.cleanup;
  files = mkdtempSync(join(tmpdir(), 'bourse-transfer-files-'));
  // EUR in USD (the base currency) on two days: every EUR amount below has a rate of its own date or before.
  const m = new Database(join(dir, 'market.db'));
  const put = m.prepare("INSERT INTO fx_rates (base, quote, date, source, rate) VALUES ('EUR', 'USD', ?, 'ecb', ?)");
  put.run('2024-01-02', '1.1');
  put.run('2024-02-01', '1.08');
  m.close();
  source = await freshProfile('src');
  broker = await call<Account>('account:create', { name: 'Broker', kind: 'brokerage' });
  bank = await call<Account>('account:create', { name: 'Bank', kind: 'bank' });
  const record = (p: object) => call('activity:record', { idempotencyKey: key('r'), ...p });
  await record({ type: 'deposit', currency: 'USD', amount: '5000', date: '2024-01-02' });
  await record({ type: 'deposit', accountId: bank.id, currency: 'EUR', amount: '800', date: '2024-01-03' });
  await record({ type: 'withdrawal', currency: 'USD', amount: '120', date: '2024-01-20' });
  // A transfer in one currency (Main → Broker), one at the rate paid (Broker → Bank), one back (Bank → Main).
  await call('account:transfer', { fromAccountId: 'main', toAccountId: broker.id, date: '2024-02-01', currency: 'USD', amount: '1500', idempotencyKey: key('t') });
  await call('account:transfer', { fromAccountId: broker.id, toAccountId: bank.id, date: '2024-02-05', currency: 'USD', amount: '400', toCurrency: 'EUR', toAmount: '367.20', note: 'to the euro account', idempotencyKey: key('t') });
  await call('account:transfer', { fromAccountId: bank.id, toAccountId: 'main', date: '2024-02-09', currency: 'EUR', amount: '100', idempotencyKey: key('t') });
  // Recorded on their own: a withdrawal and a deposit of one amount and day in two accounts are no transfer.
  await record({ type: 'withdrawal', accountId: broker.id, currency: 'USD', amount: '75', date: '2024-02-12' });
  // Not in the same millisecond: an older file's pairs are recognised by their legs' one instant (transfer-pairs.ts).
  await new Promise((resolve) => setTimeout(resolve, 5));
  await record({ type: 'deposit', accountId: bank.id, currency: 'USD', amount: '75', date: '2024-02-12' });
});
afterAll(async () => {
  await cleanup?.();
  rmSync(files, { recursive: true, force: true });
});

describe('History totals and transfers between accounts', () => {
  /** The sum of the rows' own base amounts (each converted on its own, at its own date's rate), as money. */
  const baseSum = (rows: HistoryEntry[]) => rows.reduce((sum, r) => sum.plus(r.baseAmount!), Dec.ZERO).abs().toFixed(2);
  const isIn = (r: HistoryEntry) => !r.amount.startsWith('-');

  it('all accounts: the legs are entries, in neither In nor Out; history_days still holds every leg', async () => {
    const rows = await page({});
    expect(rows).toHaveLength(11);
    const flows = rows.filter((r) => r.transfer === undefined);
    const all = await summary({});
    expect(figures(all)).toEqual({ entries: 11, in: baseSum(flows.filter(isIn)), out: '195.00', net: Dec.of(baseSum(flows.filter(isIn))).minus('195').toFixed(2), transfers: 6 });
    expect(all.in).not.toBe(baseSum(rows.filter(isIn)));
    // The same rule whether the sums come from history_days (no account named) or from the rows (every account named).
    expect(figures(await summary({ accountIds: ['main', broker.id, bank.id] }))).toEqual(figures(all));
    // By type and by date range: a deposit leg stayed in the profile even when its withdrawal is not listed.
    expect(figures(await summary({ types: ['deposit'] }))).toEqual({ entries: 6, in: all.in, out: '0.00', net: all.in, transfers: 3 });
    expect(figures(await summary({ from: '2024-02-01', to: '2024-02-09', currency: 'USD' }))).toEqual({ entries: 3, in: '0.00', out: '0.00', net: '0.00', transfers: 3 });
    const days = historyDays(source);
    expect(days.stored).toEqual(days.recomputed);
  });

  it('one account: a transfer in or out of it is a flow; a set holding both legs of one is not', async () => {
    // Main: deposit 5000, withdrawal 120, transfer out 1500 (to Broker), transfer in 100 EUR (from Bank).
    const ofMain = await page({ accountId: 'main' });
    const main = await summary({ accountId: 'main' });
    expect(figures(main)).toEqual({ entries: 4, in: baseSum(ofMain.filter(isIn)), out: '1620.00', net: Dec.of(baseSum(ofMain.filter(isIn))).minus('1620').toFixed(2), transfers: 0 });
    // Broker: in 1500 from Main, out 400 USD to Bank and 75 on its own.
    expect(figures(await summary({ accountId: broker.id }))).toEqual({ entries: 3, in: '1500.00', out: '475.00', net: '1025.00', transfers: 0 });
    // Main and Broker: their transfer stayed; Bank's legs with them are flows.
    expect(figures(await summary({ accountIds: ['main', broker.id] }))).toEqual({ entries: 7, in: main.in, out: '595.00', net: Dec.of(main.in).minus('595').toFixed(2), transfers: 2 });
  });

  it('the transfers filter lists the legs of every transfer, by their marker', async () => {
    const legs = await page({ transfers: true });
    expect(legs.map((e) => [e.type, e.currency, e.amount])).toEqual([
      ['withdrawal', 'USD', '-1500.00'],
      ['deposit', 'USD', '1500.00'],
      ['withdrawal', 'USD', '-400.00'],
      ['deposit', 'EUR', '367.20'],
      ['withdrawal', 'EUR', '-100.00'],
      ['deposit', 'EUR', '100.00'],
    ]);
    expect(legs.every((e) => e.transfer !== undefined)).toBe(true);
    expect(figures(await summary({ transfers: true }))).toEqual({ entries: 6, in: '0.00', out: '0.00', net: '0.00', transfers: 6 });
    expect((await page({ transfers: true, accountId: broker.id })).map((e) => e.amount)).toEqual(['1500.00', '-400.00']);
  });
});

describe('export → import of transfers', () => {
  it('the export carries the other leg; a fresh profile marks the pairs again and reads as the original (CSV and JSON)', async () => {
    const history = figures(await summary({}));
    const portfolio = portfolioFigures(await snapshot());
    const original = marked(source);
    expect(original).toHaveLength(6);
    const csv = await exportTo(app, {}, 'csv');
    const rows = parse(readText(csv.path!).replace(/^\uFEFF/, '')) as string[][];
    const header = rows[0]!;
    const [id, other] = [header.indexOf('id'), header.indexOf('transferWith')];
    expect(other).toBeGreaterThan(0);
    const byId = new Map(rows.slice(1).map((r) => [r[id]!, r]));
    const legs = rows.slice(1).filter((r) => r[other] !== '');
    expect(legs).toHaveLength(6);
    for (const leg of legs) expect(byId.get(leg[other]!)![other]).toBe(leg[id]);
    const json = await exportTo(app, {}, 'json');
    const objects = (JSON.parse(readText(json.path!)) as { activities: Record<string, unknown>[] }).activities;
    expect(objects.filter((o) => o.transferWith !== null).map((o) => [o.id, o.transferWith]).sort()).toEqual(legs.map((r) => [r[id], r[other]]).sort());

    const target = await freshProfile('dst');
    expect(await importFile(csv.path!)).toEqual({ rows: 11, imported: 11, duplicates: 0 });
    // Each account's money lands in an account of its name, made by the import: the pairs are marked all the same.
    expect(marked(target)).toEqual(original);
    expect(portfolioFigures(await snapshot())).toEqual(portfolio);
    expect(figures(await summary({}))).toEqual(history);
    const days = historyDays(target);
    expect(days.stored).toEqual(days.recomputed);
    // Imported again: every row recognised, nothing marked twice.
    expect(await importFile(csv.path!)).toEqual({ rows: 11, imported: 0, duplicates: 11 });
    expect(marked(target)).toEqual(original);
  });

  it('a file from before the column imports, its legs unpaired; an edited pairing is refused and nothing imported', async () => {
    const csv = await exportTo(app, {}, 'csv', { column: 'date', direction: 'asc' });
    const lines = readText(csv.path!).split('\r\n');
    const header = lines[0]!.split(',');
    const at = header.indexOf('transferWith');
    expect(header.slice(at)).toEqual(['transferWith', 'accountName', 'accountKind', 'accountInstitution', 'accountMethod']);
    // The file as Bourse wrote it before the column (its accounts by id only): in a fresh profile every row lands in
    // the default account, and legs in one account are no transfer.
    const cut = (l: string) => (l === '' ? l : l.split(',').slice(0, at).join(','));
    await freshProfile('old');
    expect(await importFile(file('older.csv', lines.map(cut).join('\r\n')))).toEqual({ rows: 11, imported: 11, duplicates: 0 });
    expect((await page({ transfers: true })).length).toBe(0);

    // The same file with its accounts named: a withdrawal and the deposit next to it in seq, of one instant, date,
    // currency and amount, in two accounts, are paired by their shape (the transfer at a rate paid cannot be, and
    // the withdrawal and deposit recorded on their own are not).
    const named = (l: string) => (l === '' ? l : l.split(',').filter((_, j) => j !== at).join(','));
    const shaped = await freshProfile('shape');
    const shapedFile = file('shaped.csv', lines.map(named).join('\r\n'));
    const report = await call<ImportReport>('import:preview', { fileId: (await app.transfers.hold(shapedFile)).fileId });
    expect(report).toMatchObject({ errorCount: 0, pairedByShape: 2 });
    expect(await importFile(shapedFile)).toEqual({ rows: 11, imported: 11, duplicates: 0 });
    expect(marked(shaped)).toEqual(marked(source).filter((m) => m[2] !== '400.00' && m[2] !== '367.20'));
    expect(marked(shaped)).toHaveLength(4);

    await freshProfile('edited');
    // The Broker → Bank withdrawal names the Main → Broker deposit instead of its own.
    const rows = lines.map((l) => l.split(','));
    const legs = rows.slice(1).filter((r) => r.length === header.length && r[at] !== '');
    const [firstDeposit, secondWithdrawal] = [legs[1]!, legs[2]!];
    secondWithdrawal[at] = firstDeposit[header.indexOf('id')]!;
    const preview = await call<ImportReport>('import:preview', { fileId: (await app.transfers.hold(file('edited.csv', rows.map((r) => r.join(',')).join('\r\n')))).fileId });
    // The withdrawal that names another's deposit, and the deposit it left without a withdrawal naming it.
    const lineOf = (r: string[]) => rows.indexOf(r) + 1;
    expect(preview.errors.map((e) => [e.line, e.field, e.code])).toEqual([
      [lineOf(secondWithdrawal), 'transferWith', 'INVALID_INPUT'],
      [lineOf(secondWithdrawal) + 1, 'transferWith', 'INVALID_INPUT'],
    ]);
    const r = await app.dispatch('import:run', { fileId: (await app.transfers.hold(file('edited2.csv', rows.map((x) => x.join(',')).join('\r\n')))).fileId, idempotencyKey: key('imp') });
    expect(r.ok ? null : r.error.code).toBe('IMPORT_REJECTED');
    expect((await summary({})).entries).toBe(0);
  });
});
