import { parse } from 'csv-parse/sync';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedHistory } from '../support/history-seed.js';
import { screenshotDir } from '../support/screenshots.js';
import { type WebHost, invokeOn, spawnWebHost } from '../support/web-host.js';
import { createProfileThroughFirstRun } from '../support/e2e-first-run.js';
import { goTo, launchChromium, seeText, signIn as signInAs } from '../support/e2e-page.js';

/**
 * History, export and import end to end, in Debian's Chromium against the built browser host (`npm run build` first),
 * selecting by role and label only: a history made through the wallet screen and recorded activities, filtered by a
 * date range, exported to CSV and JSON (downloads checked row by row), imported into a new profile (same history, same
 * balances), imported again (nothing doubled); a large seeded history for the export progress bar and its cancel.
 * Screenshots: the history screen, the export progress, the import preview.
 */
const SHOTS = screenshotDir();
const PASSWORD = 'correct horse battery';

let browser: Browser;
let dataDir: string;
let downloads: string;
let host: WebHost | null = null;
const problems: string[] = [];

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  dataDir = mkdtempSync(join(tmpdir(), 'bourse-e2e-history-'));
  downloads = mkdtempSync(join(tmpdir(), 'bourse-e2e-downloads-'));
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await host?.stop();
  for (const d of [dataDir, downloads]) if (d) rmSync(d, { recursive: true, force: true });
});

async function newPage(): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1360, height: 900 }, colorScheme: 'light', acceptDownloads: true });
  const page = await context.newPage();
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
  page.on('console', (msg) => {
    if (msg.type() === 'error' && !/Failed to load resource|net::ERR_/.test(msg.text())) problems.push(`console: ${msg.text()}`);
  });
  return page;
}

async function shot(page: Page, name: string, fullPage = false): Promise<void> {
  await page.screenshot({ path: join(SHOTS, `${name}.png`), animations: 'disabled', caret: 'hide', fullPage });
}

/** The host's API with its token, for what the test sets up without the UI (recorded activities at past dates). */
const invoke = <T>(channel: string, payload: unknown) => invokeOn<T>(host!, channel, payload);

let keyN = 0;
const key = () => `e2e-history-${process.pid}-${++keyN}`;

async function createProfile(page: Page, username: string): Promise<void> {
  // A new profile opens on the first run: keep the base currency, start with a deposit.
  await createProfileThroughFirstRun(page, { username, password: PASSWORD, fromSignIn: true });
}

async function signIn(page: Page, username: string): Promise<void> {
  await signInAs(page, username, PASSWORD);
  // The profile opens on the page it last had open: go to Wallets from there.
  await goTo(page, 'Wallets');
}

async function signOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.getByRole('heading', { name: /Sign in|Create profile/, level: 1 }).waitFor();
}

async function move(page: Page, kind: 'Deposit' | 'Withdraw', amount: string, currency: string, note = ''): Promise<void> {
  const form = page.getByRole('region', { name: 'Deposit or withdraw' });
  await form.getByLabel('Currency').selectOption(currency);
  await form.getByLabel('Amount').fill(amount);
  await form.getByLabel('Note').fill(note);
  await form.getByRole('button', { name: kind, exact: true }).click();
  await seeText(form.getByRole('status'), kind === 'Deposit' ? 'Deposited' : 'Withdrew');
}

/** The visible rows of the history table as text cells (the virtual table renders what is in view). */
async function historyRows(page: Page): Promise<string[][]> {
  const rows = page.getByRole('table', { name: 'History' }).getByRole('row');
  const n = await rows.count();
  const out: string[][] = [];
  for (let i = 1; i < n; i++) out.push((await rows.nth(i).getByRole('cell').allTextContents()).map((t) => t.trim()));
  return out;
}

async function entriesCount(page: Page): Promise<string> {
  return ((await page.getByRole('region', { name: 'Totals' }).getByRole('definition').first().textContent()) ?? '').trim();
}

async function download(page: Page, link: Locator, name: string): Promise<string> {
  const [d] = await Promise.all([page.waitForEvent('download'), link.click()]);
  const path = join(downloads, name);
  await d.saveAs(path);
  return path;
}

async function walletBalances(page: Page): Promise<Record<string, string>> {
  // Recorded activities (made here through the API) do not announce wallet changes to an open Wallets page: reload.
  await page.reload();
  await goTo(page, 'Wallets');
  const out: Record<string, string> = {};
  for (const [code, name] of [
    ['USD', 'US Dollar'],
    ['EUR', 'Euro'],
  ] as const) {
    const region = page.getByRole('region', { name: `${code} ${name}` });
    await region.waitFor();
    out[code] = ((await region.getByRole('definition').first().textContent()) ?? '').trim();
  }
  return out;
}

describe('history, export and import in the browser host', () => {
  it('a large history: the list scrolls, the export shows progress and can be cancelled', async () => {
    host = await spawnWebHost({ dataDir });
    const page = await newPage();
    await page.goto(host.url);
    await createProfile(page, 'big');
    const session = await invoke<{ profile: { id: string } }>('session:get', {});
    await signOut(page);
    await host.stop();
    seedHistory(join(dataDir, 'profiles', session.profile.id, 'bourse.db'), 200_000, { seed: 3, keepRows: false });
    host = await spawnWebHost({ dataDir });
    await page.goto(host.url);
    await signIn(page, 'big');
    await goTo(page, 'History');
    await seeText(page.getByRole('region', { name: 'Totals' }), '200,000 entries');
    const table = page.getByRole('table', { name: 'History' });
    expect(await table.getAttribute('aria-rowcount')).toBe('200001');
    // Only what is in view is in the DOM.
    await expect.poll(async () => (await historyRows(page)).filter((r) => r.length > 1).length).toBeGreaterThan(5);
    expect(await table.getByRole('row').count()).toBeLessThan(60);
    await shot(page, 'history');
    // Sorting by amount (largest first) goes to the server: the first row is the largest deposit-side amount.
    await table.getByRole('columnheader', { name: /Amount/ }).getByRole('button').click();
    await table.getByRole('columnheader', { name: /Amount/ }).getByRole('button').click();
    await expect.poll(async () => table.getByRole('columnheader', { name: /Amount/ }).getAttribute('aria-sort')).toBe('descending');
    await expect.poll(async () => (await historyRows(page))[0]?.[6] ?? '').toMatch(/^\+/);
    // Jump deep into the list: the rows there load too.
    await page.getByRole('rowgroup', { name: 'History entries' }).evaluate((el) => (el.scrollTop = el.scrollHeight / 2));
    await expect.poll(async () => (await historyRows(page)).filter((r) => r.length > 1).length).toBeGreaterThan(5);
    const mid = Number(await table.getByRole('row').nth(3).getAttribute('aria-rowindex'));
    expect(mid).toBeGreaterThan(90_000);

    await page.getByRole('button', { name: 'Export CSV' }).click();
    const progress = page.getByRole('progressbar', { name: 'Export progress' });
    await progress.waitFor();
    await expect.poll(async () => Number(await progress.getAttribute('value')), { timeout: 30_000 }).toBeGreaterThan(30_000);
    await shot(page, 'history-export-progress');
    await page.getByRole('button', { name: 'Cancel export' }).click();
    await seeText(page.getByRole('region', { name: /Entries/ }).getByRole('status'), 'Export cancelled: no file was written.');
    expect(readdirSync(join(dataDir, 'exports'))).toEqual([]);
    await signOut(page);
  }, 240_000);

  it('filters by a date range, exports CSV and JSON, imports into a new profile, imports again without duplicates', async () => {
    host ??= await spawnWebHost({ dataDir });
    const page = await newPage();
    await page.goto(host.url);
    await createProfile(page, 'alice');
    await move(page, 'Deposit', '1000', 'USD', 'Salary');
    await move(page, 'Deposit', '250.50', 'EUR', '=HYPERLINK("x")');
    await move(page, 'Withdraw', '40', 'USD', 'Groceries, market');
    await invoke('instrument:add', { symbol: 'AAPL', name: 'Apple Inc.', assetClass: 'stock', quoteCurrency: 'USD' });
    await invoke('activity:record', { type: 'buy', symbol: 'AAPL', quantity: '2', price: '150.25', fee: '1.00', date: '2024-02-01', note: 'First shares', idempotencyKey: key() });
    await invoke('activity:record', { type: 'dividend', symbol: 'AAPL', currency: 'USD', amount: '0.48', date: '2024-02-15', idempotencyKey: key() });
    await invoke('activity:record', { type: 'interest', currency: 'EUR', amount: '1.25', date: '2024-03-31', note: 'Q1 interest', idempotencyKey: key() });
    await invoke('activity:record', { type: 'fx-exchange', fromCurrency: 'EUR', fromAmount: '100.00', toCurrency: 'USD', toAmount: '108.40', date: '2024-01-20', idempotencyKey: key() });
    const before = await walletBalances(page);
    expect(before).toEqual({ USD: '$767.38', EUR: '€151.75' });

    await goTo(page, 'History');
    await seeText(page.getByRole('region', { name: 'Totals' }), '7 entries');
    // A date range: February 2024 only.
    const filters = page.getByRole('region', { name: 'Filters' });
    await filters.getByLabel('From', { exact: true }).fill('2024-02-01');
    await filters.getByLabel('To', { exact: true }).fill('2024-02-29');
    await seeText(page.getByRole('region', { name: 'Totals' }), '2 entries');
    await expect.poll(async () => (await historyRows(page)).map((r) => [r[0], r[1], r[2], r[6]])).toEqual([
      ['Feb 15, 2024', 'Dividend', 'AAPL', '+$0.48'],
      ['Feb 1, 2024', 'Buy', 'AAPL', '-$301.50'],
    ]);
    // Export the filtered range, then everything while the filter is still on.
    await page.getByRole('button', { name: 'Export CSV' }).click();
    const febPath = await download(page, page.getByRole('link', { name: /^Download bourse-history-2024-02-01-to-2024-02-29\.csv$/ }), 'february.csv');
    expect((parse(readFileSync(febPath, 'utf8'), { columns: true }) as Record<string, string>[]).map((r) => [r.date, r.type, r.amount])).toEqual([
      ['2024-02-15', 'dividend', '0.48'],
      ['2024-02-01', 'buy', '-301.50'],
    ]);
    await page.getByLabel('Everything, not just the filtered entries').check();
    await page.getByRole('button', { name: 'Export CSV' }).click();
    const csvPath = await download(page, page.getByRole('link', { name: /^Download bourse-history-.*\.csv$/ }), 'alice.csv');
    await page.getByLabel('Everything, not just the filtered entries').uncheck();
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await seeText(page.getByRole('region', { name: 'Totals' }), '7 entries');

    const csv = parse(readFileSync(csvPath, 'utf8'), { columns: true }) as Record<string, string>[];
    expect(csv).toHaveLength(7);
    expect(csv.map((r) => [r.type, r.currency, r.amount]).sort()).toEqual(
      [
        ['buy', 'USD', '-301.50'],
        ['deposit', 'EUR', '250.50'],
        ['deposit', 'USD', '1000.00'],
        ['dividend', 'USD', '0.48'],
        ['fx-exchange', 'EUR', '-100.00'],
        ['interest', 'EUR', '1.25'],
        ['withdrawal', 'USD', '-40.00'],
      ].sort(),
    );
    expect(csv.find((r) => r.currency === 'EUR' && r.type === 'deposit')!.note).toBe('\'=HYPERLINK("x")');
    expect(csv.find((r) => r.type === 'buy')).toMatchObject({ instrument: 'AAPL', quantity: '2', price: '150.25', fee: '1.00', date: '2024-02-01', source: 'manual' });

    await page.getByRole('button', { name: 'Export JSON' }).click();
    const jsonPath = await download(page, page.getByRole('link', { name: /^Download bourse-history-.*\.json$/ }), 'alice.json');
    const json = (JSON.parse(readFileSync(jsonPath, 'utf8')) as { activities: Record<string, unknown>[] }).activities;
    expect(json).toHaveLength(7);
    expect(json.map((r) => r.id).sort()).toEqual(csv.map((r) => r.id).sort());
    expect(json.find((r) => r.type === 'deposit' && r.currency === 'EUR')!.note).toBe('=HYPERLINK("x")');
    const aliceRows = await historyRows(page);

    // A new profile gets the same history and balances from the CSV.
    await signOut(page);
    await createProfile(page, 'bob');
    await invoke('instrument:add', { symbol: 'AAPL', name: 'Apple Inc.', assetClass: 'stock', quoteCurrency: 'USD' });
    await goTo(page, 'History');
    const totals = page.getByRole('region', { name: 'Totals' });
    await seeText(totals, '0 entries');
    // Nothing in or out: $0.00 in neither green nor red, as every amount at zero.
    const flow = (term: string) => totals.locator('.total', { has: page.locator('dt', { hasText: new RegExp(`^${term}$`) }) }).locator('dd');
    expect(await flow('In').textContent()).toBe('$0.00');
    expect(await flow('In').getAttribute('class')).toBeNull();
    expect(await flow('Out').getAttribute('class')).toBeNull();
    const importCard = page.getByRole('region', { name: 'Import activities' });
    await importCard.getByLabel('CSV file').setInputFiles(csvPath);
    await seeText(importCard.getByRole('status').first(), '7 rows: 7 new, 0 already in your history.');
    const preview = importCard.getByRole('table', { name: 'Import preview' });
    expect(await preview.getByRole('row').count()).toBe(8);
    await importCard.evaluate((el) => window.scrollTo(0, el.getBoundingClientRect().top + window.scrollY - 130));
    await shot(page, 'history-import-preview');
    await importCard.getByRole('button', { name: 'Import 7 activities' }).click();
    await seeText(importCard.getByRole('status').last(), 'Imported 7 activities.');
    await seeText(page.getByRole('region', { name: 'Totals' }), '7 entries');
    expect(await flow('In').getAttribute('class')).toBe('positive');
    expect(await flow('Out').getAttribute('class')).toBe('negative');
    // Same rows, cell for cell, but the base-currency column: FX history may have synced in between (it is read at
    // each entry's date from the market data, not stored with the entry).
    const withoutBase = (rows: string[][]) => rows.map((r) => r.filter((_, i) => i !== 9));
    await expect.poll(async () => withoutBase(await historyRows(page))).toEqual(withoutBase(aliceRows));
    expect(await walletBalances(page)).toEqual(before);

    // The same file again: recognised row by row, nothing doubled.
    await goTo(page, 'History');
    await importCard.getByLabel('CSV file').setInputFiles(csvPath);
    await seeText(importCard.getByRole('status').first(), '7 rows, all already in your history: nothing new to import.');
    expect(await importCard.getByRole('button', { name: /^Import \d+ activit/ }).isDisabled()).toBe(true);
    await importCard.getByRole('button', { name: 'Choose another file' }).click();
    expect(await entriesCount(page)).toBe('7 entries');
    expect(await walletBalances(page)).toEqual(before);

    // A broker file with one bad row: refused with its line, nothing imported.
    await goTo(page, 'History');
    const broker = join(downloads, 'broker.csv');
    const { writeFileSync } = await import('node:fs');
    writeFileSync(broker, 'Datum;Typ;Betrag;Währung;Notiz\n02.01.2024;Einzahlung;1.000,00;EUR;ok\n03.01.2024;Einzahlung;zwölf;EUR;bad\n');
    await importCard.getByLabel('CSV file').setInputFiles(broker);
    await importCard.getByLabel('Date column', { exact: true }).waitFor();
    expect(await importCard.getByLabel('Amount column', { exact: true }).inputValue()).toBe('Betrag');
    await importCard.getByLabel('Date format').selectOption('DD.MM.YYYY');
    await importCard.getByLabel('Decimal separator').selectOption(',');
    await importCard.getByLabel('Thousands separator').selectOption('.');
    await importCard.getByLabel('Preset name').fill('Meine Bank');
    await importCard.getByRole('button', { name: 'Save preset' }).click();
    await importCard.getByRole('button', { name: 'Preview import' }).click();
    await seeText(importCard.getByRole('region', { name: 'Import errors' }), 'Line 3: amount: "zwölf" is not a number');
    await shot(page, 'history-import-mapping', true);
    expect(await entriesCount(page)).toBe('7 entries');

    // Backup and restore from the same page: a backup, then a restore of it after confirming.
    const backups = page.getByRole('region', { name: 'Backup & restore' });
    await backups.getByRole('button', { name: 'Create backup' }).click();
    await seeText(backups.getByRole('status'), /Backup saved \(\d/);
    const restore = backups.getByRole('table', { name: 'Backups' }).getByRole('button', { name: /^Restore the backup of / }).first();
    await restore.click();
    await backups.getByRole('group', { name: 'Confirm restore' }).getByRole('button', { name: 'Keep current data' }).click();
    expect(await backups.getByRole('group', { name: 'Confirm restore' }).count()).toBe(0);
    await restore.click();
    await backups.getByRole('button', { name: 'Restore now' }).click();
    await seeText(backups.getByRole('status'), 'Restored the backup of');
    await seeText(page.getByRole('region', { name: 'Totals' }), '7 entries');
    expect(await walletBalances(page)).toEqual(before);

    // A broker file into another account, chosen in the import card: its rows land there, not in the default one.
    const savings = await invoke<{ id: string }>('account:create', { name: 'Savings', kind: 'bank' });
    type Balances = { accountId: string; cash: { currency: string; balance: string }[] }[];
    const mainBefore = (await invoke<Balances>('account:balances', {})).find((b) => b.accountId === 'main');
    await goTo(page, 'History');
    const good = join(downloads, 'broker-good.csv');
    writeFileSync(good, 'Datum;Typ;Betrag;Währung;Notiz\n02.01.2024;Einzahlung;1.000,00;EUR;savings\n');
    await importCard.getByLabel('CSV file').setInputFiles(good);
    await importCard.getByLabel('Date column', { exact: true }).waitFor();
    await importCard.getByLabel('Date format').selectOption('DD.MM.YYYY');
    await importCard.getByLabel('Decimal separator').selectOption(',');
    await importCard.getByLabel('Thousands separator').selectOption('.');
    const into = importCard.getByLabel('Into account');
    expect(await into.locator('option:checked').textContent()).toBe('Main');
    await into.selectOption({ label: 'Savings' });
    await importCard.getByRole('button', { name: 'Preview import' }).click();
    await seeText(importCard.getByRole('status').first(), '1 rows: 1 new, 0 already in your history.');
    await into.evaluate((el) => window.scrollTo(0, el.getBoundingClientRect().top + window.scrollY - 130));
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await shot(page, `history-import-account-${scheme}`);
    }
    await page.emulateMedia({ colorScheme: 'light' });
    await importCard.getByRole('button', { name: 'Import 1 activity' }).click();
    await seeText(importCard.getByRole('status').last(), 'Imported 1 activity.');
    const balances = await invoke<Balances>('account:balances', {});
    expect(balances.find((b) => b.accountId === savings.id)!.cash).toEqual([{ currency: 'EUR', balance: '1000.00', reserved: '0.00' }]);
    expect(balances.find((b) => b.accountId === 'main')).toEqual(mainBefore);
    expect(problems).toEqual([]);
  }, 240_000);

  it('broker exports: recognised from the header, instruments matched in the preview, a wider line said', async () => {
    host ??= await spawnWebHost({ dataDir });
    const page = await newPage();
    await page.goto(host.url);
    // The host keeps the session of the test before: sign it out first.
    await page.getByRole('heading', { level: 1 }).first().waitFor();
    if (await page.getByRole('button', { name: 'Sign out' }).isVisible()) await signOut(page);
    await createProfile(page, 'carol');
    await invoke('instrument:add', { symbol: 'AAPL', name: 'Apple Inc.', assetClass: 'stock', quoteCurrency: 'USD' });
    await invoke('instrument:add', { symbol: 'SAP', name: 'SAP SE', assetClass: 'stock', quoteCurrency: 'EUR' });
    await invoke('wallet:deposit', { currency: 'USD', amount: '5000', idempotencyKey: key() });
    await invoke('wallet:deposit', { currency: 'EUR', amount: '5000', idempotencyKey: key() });
    await goTo(page, 'History');
    const importCard = page.getByRole('region', { name: 'Import activities' });
    const fixtures = join(import.meta.dirname, '../fixtures/import');

    // Degiro: its columns, day-month dates and decimal commas come from the file; its ISINs are matched here.
    await importCard.getByLabel('CSV file').setInputFiles(join(fixtures, 'degiro.csv'));
    await seeText(importCard, 'Degiro (transactions), recognised from its columns');
    expect(await importCard.getByLabel('Date format').inputValue()).toBe('DD-MM-YYYY');
    expect(await importCard.getByLabel('Decimal separator').inputValue()).toBe(',');
    expect(await importCard.getByLabel('ISIN column', { exact: true }).inputValue()).toBe('ISIN');
    await seeText(importCard, 'Dates are read day before month: the file has 22-06-2023.');
    await importCard.getByRole('button', { name: 'Preview import' }).click();
    const unknown = importCard.getByRole('region', { name: '2 instruments are not in your catalogue' });
    await seeText(unknown, 'US0378331005 · APPLE INC - COMMON ST · EUR · 1 row from line 2');
    expect(await importCard.getByRole('region', { name: 'Import errors' }).count()).toBe(0);
    await unknown.evaluate((el) => window.scrollTo(0, el.getBoundingClientRect().top + window.scrollY - 200));
    await shot(page, 'history-import-unknown');
    await page.emulateMedia({ colorScheme: 'dark' });
    await shot(page, 'history-import-unknown-dark');
    await page.emulateMedia({ colorScheme: 'light' });
    await seeText(importCard.getByRole('status').first(), '3 rows: 3 name instruments your catalogue does not have.');
    // The catalogue's best match in one click; any instrument through the picker.
    await unknown.getByRole('button', { name: 'Use AAPL · Apple Inc.' }).click();
    const left = importCard.getByRole('region', { name: 'One instrument is not in your catalogue' });
    await seeText(left, 'DE0007164600 · SAP SE');
    await left.getByLabel('or match to').selectOption('SAP');
    await seeText(importCard.getByRole('status').first(), '3 rows: 3 new, 0 already in your history.');
    await seeText(importCard.getByRole('list', { name: 'How the file was read' }), 'One trade gives a total or fee in another currency than the instrument’s');
    await importCard.getByRole('button', { name: 'Import 3 activities' }).click();
    await seeText(importCard.getByRole('status').last(), 'Imported 3 activities.');
    await seeText(page.getByRole('region', { name: 'Totals' }), '5 entries');

    // Interactive Brokers: data lines one field longer than the header are read, and the preview says so.
    await importCard.getByLabel('CSV file').setInputFiles(join(fixtures, 'ibkr-trades.csv'));
    await seeText(importCard, 'Interactive Brokers Flex: trades, recognised from its columns');
    expect(await importCard.getByLabel('Type column', { exact: true }).inputValue()).toBe('Buy/Sell');
    await importCard.getByRole('button', { name: 'Preview import' }).click();
    await seeText(importCard.getByRole('list', { name: 'How the file was read' }), '2 lines have more fields than the header (first on line 2)');
    await seeText(importCard.getByRole('status').first(), '2 rows: 2 new, 0 already in your history.');
    await importCard.getByRole('list', { name: 'How the file was read' }).evaluate((el) => window.scrollTo(0, el.getBoundingClientRect().top + window.scrollY - 420));
    await shot(page, 'history-import-broker');
    await page.emulateMedia({ colorScheme: 'dark' });
    await shot(page, 'history-import-broker-dark');
    await page.emulateMedia({ colorScheme: 'light' });
    await importCard.getByRole('button', { name: 'Import 2 activities' }).click();
    await seeText(importCard.getByRole('status').last(), 'Imported 2 activities.');
    await seeText(page.getByRole('region', { name: 'Totals' }), '7 entries');
    expect(problems).toEqual([]);
  }, 240_000);
});
