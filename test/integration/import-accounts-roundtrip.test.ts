import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Account, AccountBalances, HistorySummary, ImportMapping, ImportReport, PortfolioByAccount, RealizedReport } from '../../shared/contract/index.js';
import type { Store } from '../../main/store/data-source.js';
import { openMarketStore } from '../../main/store/market-store.js';
import { openProfileFile } from '../support/db-key.js';
import { exportTo, historyDays } from '../support/history-io.js';
import { AAPL, tradingApp, type TradingApp } from '../support/trading.js';

let k = 0;
const key = () => `import-accounts-${process.pid}-${++k}`;
const PASSWORD = 'correct horse battery';
const FB = { symbol: 'FB', name: 'Facebook', assetClass: 'stock', quoteCurrency: 'USD' } as const;
const META = { symbol: 'META', name: 'Meta Platforms', assetClass: 'stock', quoteCurrency: 'USD' } as const;

/**
 * A whole financial life exported and imported into a fresh profile (docs/design.md#history-export-and-import): three
 * accounts with three cost-basis methods, cash and unit transfers between them, a split, a stock dividend, a symbol
 * change, trades and sells closing lots. The CSV and the JSON export each come back with every account (name, kind,
 * institution, method), wallet, position, History total per account, lots trail and Portfolio figure per account.
 */
let t: TradingApp;
let market: Store;
let files: string;
let n = 0;
let source: string;
let csvPath: string;
let jsonPath: string;
let original: Figures;

const call = <T>(channel: string, payload: unknown) => t.call<T>(channel, payload);
const record = (p: Record<string, unknown>) => call('activity:record', { idempotencyKey: key(), ...p });

async function freshProfile(prefix: string): Promise<string> {
  n += 1;
  await t.app.dispatch('profile:logout', {});
  const s = await call<{ profile: { id: string } }>('profile:create', { username: `${prefix}${n}`, password: PASSWORD });
  for (const i of [AAPL, FB, META]) await call('instrument:add', i);
  return join(t.dir, 'profiles', s.profile.id, 'bourse.db');
}

async function importFile(path: string, extra: Record<string, unknown> = {}) {
  const fileId = (await t.app.transfers.hold(path)).fileId;
  return t.app.dispatch('import:run', { fileId, idempotencyKey: key(), ...extra });
}

async function preview(path: string, extra: Record<string, unknown> = {}) {
  const fileId = (await t.app.transfers.hold(path)).fileId;
  return call<ImportReport>('import:preview', { fileId, ...extra });
}

interface Figures {
  accounts: unknown[];
  balances: unknown[];
  history: unknown[];
  realized: unknown[];
  portfolio: unknown[];
  transfers: string[][];
}

/** Every figure the round trip keeps, per account, with each account known by its name (ids differ between profiles). */
async function figures(file: string): Promise<Figures> {
  const accounts = await call<Account[]>('account:list', {});
  const name = new Map(accounts.map((a) => [a.id, a.name]));
  const balances = (await call<AccountBalances[]>('account:balances', {})).map((b) => ({ ...b, accountId: name.get(b.accountId) }));
  const history: unknown[] = [];
  const realized: unknown[] = [];
  for (const a of accounts) {
    const s = await call<HistorySummary>('history:summary', { filter: { accountId: a.id } });
    history.push([a.name, s]);
    const r = await call<RealizedReport>('report:realized', { year: 2024, accountIds: [a.id] });
    realized.push([a.name, r.rows.map((x) => ({ ...x, accountId: name.get(x.accountId) })), r.totals]);
  }
  const snap = await call<PortfolioByAccount>('portfolio:snapshot', { accountIds: accounts.map((a) => a.id), asOf: '2024-06-27' });
  // In the order of the accounts' names: the snapshot lists them by id.
  const portfolio = snap.accounts.map((a) => ({ ...a, accountId: name.get(a.accountId) })).sort((x, y) => x.name.localeCompare(y.name));
  return { accounts: accounts.map(({ id: _id, ...a }) => a), balances, history, realized, portfolio, transfers: marked(file) };
}

/** Each marked transfer leg: [type, symbol or currency, amount or quantity, the other leg's type, both accounts' names]. */
function marked(file: string): string[][] {
  const db = openProfileFile(file, { readonly: true });
  try {
    return db
      .prepare(
        `SELECT a.type, COALESCE(a.symbol, a.currency), COALESCE(a.quantity, a.amount), b.type, x.name, y.name FROM activities a
         JOIN activities b ON b.id = a.transfer_with AND b.transfer_with = a.id JOIN accounts x ON x.id = a.account_id JOIN accounts y ON y.id = b.account_id ORDER BY a.date, a.type, x.name`,
      )
      .raw(true)
      .all() as string[][];
  } finally {
    db.close();
  }
}

beforeAll(async () => {
  // The real clock: account:transfer stamps its rows with it (the import orders rows by when they were recorded).
  t = await tradingApp();
  market = await openMarketStore(join(t.dir, 'market.db'));
  files = mkdtempSync(join(tmpdir(), 'bourse-import-accounts-'));
  source = await freshProfile('src');
  await call('account:update', { id: 'main', costMethod: 'fifo' });
  const broker = await call<Account>('account:create', { name: 'Broker', kind: 'brokerage', institution: 'Interactive Brokers', costMethod: 'lifo' });
  const exchange = await call<Account>('account:create', { name: 'Exchange', kind: 'crypto', costMethod: 'hifo' });
  const move = (from: string, to: string, date: string, what: Record<string, string>) => call('account:transfer', { fromAccountId: from, toAccountId: to, date, idempotencyKey: key(), ...what });
  await record({ type: 'deposit', currency: 'USD', amount: '10000', date: '2024-01-02' });
  await move('main', broker.id, '2024-01-03', { currency: 'USD', amount: '4000' });
  await move('main', exchange.id, '2024-01-03', { currency: 'USD', amount: '1000' });
  await record({ type: 'buy', symbol: 'AAPL', quantity: '10', price: '100', date: '2024-01-10' });
  await record({ type: 'buy', symbol: 'AAPL', quantity: '5', price: '110', date: '2024-01-15', accountId: broker.id });
  await record({ type: 'buy', symbol: 'AAPL', quantity: '5', price: '90', date: '2024-01-20', accountId: broker.id });
  await record({ type: 'buy', symbol: 'AAPL', quantity: '10', price: '120', date: '2024-02-01' });
  await record({ type: 'buy', symbol: 'FB', quantity: '10', price: '50', date: '2024-02-10', accountId: exchange.id });
  await record({ type: 'buy', symbol: 'FB', quantity: '10', price: '40', date: '2024-02-12', accountId: exchange.id });
  await move('main', broker.id, '2024-03-01', { symbol: 'AAPL', quantity: '12' });
  await record({ type: 'stock-dividend', symbol: 'FB', date: '2024-03-15', numerator: '1', denominator: '10' });
  await record({ type: 'split', symbol: 'AAPL', date: '2024-04-01', numerator: '2', denominator: '1', note: 'two for one' });
  await record({ type: 'symbol-change', symbol: 'FB', newSymbol: 'META', date: '2024-05-01' });
  await record({ type: 'sell', symbol: 'AAPL', quantity: '20', price: '70', date: '2024-05-02', accountId: broker.id });
  await record({ type: 'sell', symbol: 'AAPL', quantity: '4', price: '65', fee: '1', date: '2024-05-03' });
  await record({ type: 'sell', symbol: 'META', quantity: '5', price: '60', date: '2024-05-10', accountId: exchange.id });
  await record({ type: 'dividend', currency: 'USD', amount: '12.34', symbol: 'AAPL', date: '2024-05-20', accountId: broker.id });
  await move(broker.id, 'main', '2024-05-21', { currency: 'USD', amount: '500' });
  await market.writer.write((db) => {
    const bar = db.prepare(`INSERT OR REPLACE INTO daily_bars (symbol, date, source, currency, close) VALUES (?, '2024-06-27', 'yahoo', 'USD', ?)`);
    bar.run('AAPL', '66');
    bar.run('META', '61');
  });
  original = await figures(source);
  csvPath = (await exportTo(t.app, {}, 'csv')).path!;
  jsonPath = (await exportTo(t.app, {}, 'json', { column: 'amount', direction: 'asc' })).path!;
}, 120_000);

afterAll(async () => {
  await market?.close();
  await t?.close();
  rmSync(files, { recursive: true, force: true });
});

describe('export → import into a fresh profile, with accounts', () => {
  it('the source holds what the test means it to (hand-checked)', () => {
    const bal = Object.fromEntries((original.balances as AccountBalances[]).map((b) => [b.accountId, [b.cash.map((c) => `${c.currency} ${c.balance}`), b.units.map((u) => `${u.symbol} ${u.quantity}`)]]));
    // Main: 10000 − 4000 − 1000 − 1000 − 1200 + 4 × 65 − 1 + 500; AAPL (20 − 12) × 2 − 4.
    // Broker: 4000 − 550 − 450 + 20 × 70 + 12.34 − 500; AAPL (10 + 12) × 2 − 20.
    // Exchange: 1000 − 500 − 400 + 5 × 60; FB 20 + 2 (1 for 10) renamed META, − 5.
    expect(bal).toEqual({
      Main: [['USD 3559.00'], ['AAPL 12']],
      Broker: [['USD 3912.34'], ['AAPL 24']],
      Exchange: [['USD 400.00'], ['META 17']],
    });
    // Main's FIFO: the transfer took the 100 lot and 2 of the 120 lot; 8 × 120 is 16 × 60 after the split; 4 sold at 65, fee 1.
    const main = (original.realized as [string, RealizedReport['rows']][]).find(([n]) => n === 'Main')![1];
    expect(main.map((r) => [r.quantity, r.acquired, r.cost, r.proceeds, r.fees, r.gain])).toEqual([['4', '2024-02-01', '240.00', '260.00', '1.00', '19.00']]);
    expect(original.transfers).toHaveLength(8);
  });

  it('CSV: every account, wallet, position, History total, lots trail and Portfolio figure per account comes back', async () => {
    const target = await freshProfile('csv');
    const report = await preview(csvPath);
    expect(report.errors).toEqual([]);
    expect(report).toMatchObject({ format: "bourse", errorCount: 0, pairedByShape: 0 });
    expect(report.newAccounts).toEqual([
      { name: 'Broker', kind: 'brokerage', costMethod: 'lifo' },
      { name: 'Exchange', kind: 'crypto', costMethod: 'hifo' },
    ]);
    // The preview made nothing.
    expect(await call<Account[]>('account:list', {})).toHaveLength(1);
    const r = await importFile(csvPath);
    expect(r.ok && r.data).toEqual({ rows: 22, imported: 22, duplicates: 0 });
    expect(await figures(target)).toEqual(original);
    const days = historyDays(target);
    expect(days.stored).toEqual(days.recomputed);
    // Again: every row recognised, no account made twice.
    const again = await importFile(csvPath);
    expect(again.ok && again.data).toEqual({ rows: 22, imported: 0, duplicates: 22 });
    expect(await figures(target)).toEqual(original);
  });

  it('JSON: Bourse\'s own JSON export imports with the same guarantee', async () => {
    const doc = JSON.parse(readFileSync(jsonPath, 'utf8')) as { accounts: { name: string; institution: string | null }[] };
    expect(doc.accounts.map((a) => [a.name, a.institution])).toEqual([
      ['Main', null],
      ['Broker', 'Interactive Brokers'],
      ['Exchange', null],
    ]);
    const target = await freshProfile('json');
    const r = await importFile(jsonPath);
    expect(r.ok && r.data).toEqual({ rows: 22, imported: 22, duplicates: 0 });
    expect(await figures(target)).toEqual(original);
  });

  it('an account of the same name is used; an import refused at a line makes no account', async () => {
    await freshProfile('named');
    const mine = await call<Account>('account:create', { name: 'broker', kind: 'bank', costMethod: 'lifo' });
    const lines = readFileSync(csvPath, 'utf8').split('\r\n');
    const header = lines[0]!.split(',');
    // The dividend dated in the future: refused at its line, after every other row was checked (and Exchange made).
    const at = lines.findIndex((l) => l.split(',')[header.indexOf('type')] === 'dividend');
    const bad = lines.map((l, i) => (i === at ? l.split(',').map((c, j) => (header[j] === 'date' ? '2099-01-01' : c)).join(',') : l));
    const refused = await importFile(write('bad.csv', bad.join('\r\n')));
    expect(refused.ok ? null : [refused.error.code, (refused.error.details?.report as ImportReport).errors.map((e) => e.line)]).toEqual(['IMPORT_REJECTED', [at + 1]]);
    expect((await call<Account[]>('account:list', {})).map((a) => a.name)).toEqual(['Main', 'broker']);
    const r = await importFile(csvPath);
    expect(r.ok).toBe(true);
    // Broker's rows went into the profile's "broker" (same name, any case); Exchange was made.
    const accounts = await call<Account[]>('account:list', {});
    expect(accounts.map((a) => [a.name, a.kind, a.costMethod])).toEqual([
      ['Main', 'paper', 'fifo'],
      ['broker', 'bank', 'lifo'],
      ['Exchange', 'crypto', 'hifo'],
    ]);
    const bal = await call<AccountBalances[]>('account:balances', {});
    expect(bal.find((b) => b.accountId === mine.id)!.cash).toEqual([{ currency: 'USD', balance: '3912.34', reserved: '0.00' }]);
  });
});

describe('the account a file without accounts goes to', () => {
  const mapping: ImportMapping = {
    columns: { date: 'Date', type: 'Type', instrument: 'Symbol', quantity: 'Quantity', price: 'Price', currency: 'Currency', amount: 'Amount' },
    dateFormat: 'YYYY-MM-DD',
    decimalSeparator: '.',
    thousandsSeparator: '',
    delimiter: ',',
    encoding: 'utf-8',
  };
  const brokerCsv = ['Date,Type,Symbol,Quantity,Price,Currency,Amount', '2024-03-01,Deposit,,,,USD,1000', '2024-03-02,Buy,AAPL,3,100,USD,300'].join('\r\n');

  it('a broker CSV lands in the chosen account; without one, in the default account', async () => {
    await freshProfile('broker');
    const ira = await call<Account>('account:create', { name: 'IRA', kind: 'brokerage' });
    const path = write('broker.csv', brokerCsv);
    const r = await importFile(path, { mapping, accountId: ira.id });
    expect(r.ok && r.data).toEqual({ rows: 2, imported: 2, duplicates: 0 });
    const bal = await call<AccountBalances[]>('account:balances', {});
    expect(bal.map((b) => [b.accountId, b.cash.map((c) => c.balance), b.units.map((u) => `${u.symbol} ${u.quantity}`)])).toEqual([
      ['main', [], []],
      [ira.id, ['700.00'], ['AAPL 3']],
    ]);
    await freshProfile('broker-default');
    const d = await importFile(path, { mapping });
    expect(d.ok).toBe(true);
    expect((await call<AccountBalances[]>('account:balances', {}))[0]).toMatchObject({ accountId: 'main', cash: [{ balance: '700.00' }] });
  });

  it('an unknown account is refused with its code, and nothing is imported', async () => {
    await freshProfile('unknown');
    const path = write('broker2.csv', brokerCsv);
    const r = await importFile(path, { mapping, accountId: 'no-such-account' });
    expect(r.ok ? null : [r.error.code, r.error.details]).toEqual(['NOT_FOUND', { accountId: 'no-such-account' }]);
    const bad = await t.app.dispatch('import:preview', { fileId: (await t.app.transfers.hold(path)).fileId, mapping, accountId: 'not an id!' });
    expect(bad.ok ? null : bad.error.code).toBe('INVALID_INPUT');
    expect((await call<HistorySummary>('history:summary', { filter: {} })).entries).toBe(0);
  });
});

function write(name: string, content: string): string {
  const p = join(files, name);
  writeFileSync(p, content);
  return p;
}
