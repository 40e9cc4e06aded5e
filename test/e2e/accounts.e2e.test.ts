import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshotDir } from '../support/screenshots.js';
import { type WebHost, invokeOn, spawnWebHost } from '../support/web-host.js';
import { goTo, launchChromium, seeText, shots } from '../support/e2e-page.js';

/**
 * Accounts and the tax year end to end, as a new user, in Debian's Chromium against the built browser host (`npm run
 * build` first), selecting by role and label only: two accounts, a deposit in each (Wallets), a buy in one (Activity),
 * a transfer of part of it to the other (Accounts), a 2:1 split of the instrument (Activity, the corporate action
 * form, sent with the keyboard), a sell (Activity), then the Reports page for the year with its figures, and its CSV
 * and PDF downloads read back (csv-parse, pdftotext). Screenshots of Accounts, the corporate action form, Reports and
 * the pickers on Wallets, History and Portfolio, light and dark.
 */
const SHOTS = screenshotDir();
const PASSWORD = 'correct horse battery';
const YEAR = new Date().getUTCFullYear();
// Days early in the year so that they are never in the future (the app refuses a future activity).
const BUY_DAY = `${YEAR}-01-05`;
const MOVE_DAY = `${YEAR}-01-10`;
const SPLIT_DAY = `${YEAR}-01-15`;
const SELL_DAY = `${YEAR}-01-20`;

let browser: Browser;
let dataDir: string;
let downloads: string;
let host: WebHost | null = null;
const problems: string[] = [];

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  dataDir = mkdtempSync(join(tmpdir(), 'bourse-e2e-accounts-'));
  downloads = mkdtempSync(join(tmpdir(), 'bourse-e2e-accounts-dl-'));
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await host?.stop();
  for (const d of [dataDir, downloads]) if (d) rmSync(d, { recursive: true, force: true });
});

/** The catalogue entry the test needs, through the host's API (adding an instrument has its own E2E test). */
const invoke = <T>(channel: string, payload: unknown) => invokeOn<T>(host!, channel, payload);

async function deposit(page: Page, account: string, amount: string): Promise<void> {
  const form = page.getByRole('region', { name: 'Deposit or withdraw' });
  await form.getByLabel('Account').selectOption({ label: account });
  await form.getByLabel('Currency').selectOption('USD');
  await form.getByLabel('Amount').fill(amount);
  await form.getByRole('button', { name: 'Deposit', exact: true }).click();
  await seeText(form.getByRole('status'), 'Deposited');
}

async function trade(page: Page, account: string, type: 'buy' | 'sell', quantity: string, price: string, date: string): Promise<void> {
  const form = page.getByRole('region', { name: 'Record activity' });
  await form.getByLabel('Activity type').selectOption(type);
  await form.getByLabel('Account').selectOption({ label: account });
  await form.getByLabel('Date').fill(date);
  await form.getByLabel('Instrument', { exact: true }).selectOption('AAPL');
  await form.getByLabel('Quantity').fill(quantity);
  await form.getByLabel('Price per unit').fill(price);
  await form.getByRole('button', { name: 'Record activity' }).click();
  await seeText(form.getByRole('status'), /recorded/);
}

async function download(page: Page, link: Locator, name: string): Promise<string> {
  const [d] = await Promise.all([page.waitForEvent('download'), link.click()]);
  const path = join(downloads, name);
  await d.saveAs(path);
  return path;
}

describe('accounts and the tax year in the browser host', () => {
  it('two accounts, deposits, a buy, a transfer of units, a 2:1 split, a sell, and the year’s realized gains with CSV and PDF', async () => {
    host = await spawnWebHost({ dataDir });
    const context = await browser.newContext({ viewport: { width: 1360, height: 900 }, colorScheme: 'light', acceptDownloads: true });
    const page = await context.newPage();
    page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
    page.on('console', (msg) => {
      if (msg.type() === 'error' && !/Failed to load resource|net::ERR_/.test(msg.text())) problems.push(`console: ${msg.text()}`);
    });
    await page.goto(host.url);

    // A new user: create the profile and skip to the Wallets page.
    await page.getByRole('heading', { name: /^(Sign in|Create profile)$/, level: 1 }).waitFor();
    const create = page.getByRole('button', { name: 'Create a new profile' });
    if (await create.isVisible()) await create.click();
    await page.getByLabel('Username').fill('ada');
    await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
    await page.getByLabel('Confirm password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Create profile' }).click();
    await page.getByRole('heading', { name: /^Welcome to Bourse/, level: 1 }).waitFor();
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('button', { name: /^Deposit and paper-trade/ }).click();
    await page.getByRole('heading', { name: 'Wallets', level: 1 }).waitFor();
    await invoke('instrument:add', { symbol: 'AAPL', name: 'Apple Inc.', assetClass: 'stock', quoteCurrency: 'USD' });

    // A second account, a brokerage with its own method.
    await goTo(page, 'Accounts');
    const add = page.getByRole('region', { name: 'Add account' });
    await add.getByLabel('Name').fill('Broker');
    await add.getByLabel('Kind').selectOption('brokerage');
    await add.getByLabel('Institution (optional)').fill('Interactive Brokers');
    await add.getByLabel('Cost-basis method').selectOption('lifo');
    await add.getByRole('button', { name: 'Add account' }).click();
    await seeText(add.getByRole('status'), 'Broker added.');
    await page.getByRole('region', { name: 'Broker' }).waitFor();

    // A deposit in each.
    await goTo(page, 'Wallets');
    await deposit(page, 'Main', '1000');
    await deposit(page, 'Broker', '5000');

    // A buy in the broker account, then part of it moved to Main with its cost.
    await goTo(page, 'Activity');
    await trade(page, 'Broker', 'buy', '10', '100', BUY_DAY);
    await goTo(page, 'Accounts');
    const broker = page.getByRole('region', { name: 'Broker' });
    await seeText(broker.getByRole('list'), '10 AAPL');
    await seeText(broker.getByRole('list'), '$4,000.00');
    const move = page.getByRole('region', { name: 'Transfer between accounts' });
    await move.getByRole('radio', { name: 'Units' }).check();
    await move.getByLabel('From').selectOption({ label: 'Broker' });
    await move.getByLabel('To').selectOption({ label: 'Main' });
    await move.getByLabel('Instrument').selectOption('AAPL');
    await move.getByLabel('Quantity').fill('4');
    await move.getByLabel('Date').fill(MOVE_DAY);
    await move.getByRole('button', { name: 'Transfer' }).click();
    await seeText(move.getByRole('status'), 'Transferred.');
    await seeText(broker.getByRole('list'), '6 AAPL');
    await seeText(page.getByRole('region', { name: 'Main' }).getByRole('list'), '4 AAPL');
    await shots(page, 'accounts');

    // A 2:1 split of AAPL, recorded once for the instrument: both accounts' units double, their cost stays.
    await goTo(page, 'Activity');
    const corporate = page.getByRole('region', { name: 'Corporate action' });
    await corporate.getByRole('radio', { name: 'Split', exact: true }).check();
    await corporate.getByLabel('Instrument').selectOption('AAPL');
    await corporate.getByLabel('New units', { exact: true }).fill('2');
    await corporate.getByLabel('For every (units held)').fill('1');
    await corporate.getByLabel(/^Effective date/).fill(SPLIT_DAY);
    await seeText(corporate, /Applies to every account holding AAPL from Jan 15, \d{4}: units become 2 for every 1 held\. Units change, cost does not/);
    await shots(page, 'corporate-form');
    // Sent with the keyboard: Enter in a field submits the form.
    await corporate.getByLabel('New units', { exact: true }).press('Enter');
    await seeText(corporate.getByRole('status'), /^Recorded: AAPL 2 for 1 from Jan 15, \d{4}, in every account holding it\.$/);
    await seeText(page.getByRole('table', { name: 'Recently added activities' }), 'AAPL 2 for 1, in every account');
    await goTo(page, 'Accounts');
    await seeText(page.getByRole('region', { name: 'Broker' }).getByRole('list'), '12 AAPL');
    await seeText(page.getByRole('region', { name: 'Main' }).getByRole('list'), '8 AAPL');

    // A sell in Main of 6 of the 8 units it holds after the split, at 80 (the price is in the new units too).
    await goTo(page, 'Activity');
    await trade(page, 'Main', 'sell', '6', '80', SELL_DAY);

    // A 1-for-10 reverse split dated before that sell would leave Main 0.8 units of the 6 it sold: refused by its
    // code (INSUFFICIENT_HOLDING), in words, and nothing changes (the report below still has the same figures).
    await corporate.getByRole('radio', { name: 'Reverse split', exact: true }).check();
    await corporate.getByLabel('New units', { exact: true }).fill('1');
    await corporate.getByLabel('For every (units held)').fill('10');
    await corporate.getByLabel(/^Effective date/).fill(`${YEAR}-01-16`);
    await corporate.getByRole('button', { name: 'Record corporate action' }).click();
    await seeText(corporate.getByRole('alert'), 'On that date this would leave fewer AAPL units than later sales or transfers took: check the ratio and the date. Nothing was changed.');

    // The year's report: the lot kept its purchase date and cost through the transfer.
    await goTo(page, 'Reports');
    const realized = page.getByRole('region', { name: `Realized gains ${YEAR}` });
    const table = realized.getByRole('table', { name: 'Realized gains' });
    await expect.poll(async () => table.getByRole('row').count()).toBe(2);
    const cells = (await table.getByRole('row').nth(1).getByRole('cell').allTextContents()).map((c) => c.trim());
    // By hand: 10 bought at 100 (no fee), cost 1,000.00; 4 of them moved to Main with their cost, 400.00. The 2:1
    // split makes them 8 units at 50.00 each, still 400.00 in all. Selling 6 of the 8 at 80: proceeds 6 × 80 =
    // 480.00, cost 6 × 50 = 300.00 (released pro rata, 400.00 × 6 / 8), gain 480.00 − 300.00 = 180.00, short
    // term (held 15 days), acquired on the buy's date: neither the transfer nor the split restarts it.
    expect(cells).toEqual(['Main', 'AAPL', '6', BUY_DAY, SELL_DAY, 'Short', '$480.00', '$300.00', '$0.00', '$180.00']);
    const totals = realized.getByRole('definition');
    // Proceeds, cost, fees, gain, long-term gain, short-term gain.
    expect((await totals.allTextContents()).map((t) => t.trim())).toEqual(['$480.00', '$300.00', '$0.00', '$180.00', '$0.00', '$180.00']);
    await shots(page, 'reports');

    // Only the broker account: nothing was sold there.
    await page.getByRole('group', { name: 'Accounts shown' }).getByRole('button', { name: 'Broker' }).click();
    await seeText(realized, `No lot was closed in ${YEAR}.`);
    await page.getByRole('group', { name: 'Accounts shown' }).getByRole('button', { name: 'All accounts' }).click();
    await expect.poll(async () => table.getByRole('row').count()).toBe(2);

    // CSV: the same figures.
    await realized.getByRole('button', { name: 'CSV' }).click();
    const csvLink = page.getByRole('link', { name: `bourse-realized-gains-${YEAR}.csv` });
    const csvPath = await download(page, csvLink, 'realized.csv');
    const rows = parse(readFileSync(csvPath, 'utf8'), { columns: true, bom: true }) as Record<string, string>[];
    expect(rows.filter((r) => r.symbol).map((r) => [r.account, r.quantity, r.acquired, r.sold, r.proceeds, r.cost, r.gain, r.term])).toEqual([
      ['Main', '6', BUY_DAY, SELL_DAY, '480.00', '300.00', '180.00', 'short'],
    ]);
    expect(rows.find((r) => r.account === 'Total')?.baseGain).toBe('180.00');

    // PDF: a real statement whose text holds the lot and the totals.
    await realized.getByRole('button', { name: 'PDF statement' }).click();
    const pdfLink = page.getByRole('link', { name: `bourse-realized-gains-${YEAR}.pdf` });
    const pdfPath = await download(page, pdfLink, 'realized.pdf');
    expect(readFileSync(pdfPath).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const text = execFileSync('pdftotext', ['-layout', pdfPath, '-'], { encoding: 'utf8' });
    expect(text).toContain(`Realized gains ${YEAR}`);
    expect(text).toMatch(new RegExp(`Main\\s+AAPL\\s+6\\s+${BUY_DAY}\\s+${SELL_DAY}\\s+short\\s+480\\.00 USD\\s+300\\.00 USD\\s+0\\.00\\s+180\\.00`));
    expect(text).toMatch(/Realized gain\s+180\.00 USD/);

    // The pickers: Wallets by account, History of one account, Portfolio with its per-account table.
    await goTo(page, 'Wallets');
    await page.getByRole('heading', { name: 'Broker', level: 2 }).waitFor();
    await shots(page, 'wallets-accounts');
    await goTo(page, 'History');
    await page.getByRole('group', { name: 'Accounts shown' }).getByRole('button', { name: 'Broker' }).click();
    await seeText(page.getByRole('region', { name: 'Totals' }), /Entries3 entries/);
    await shots(page, 'history-accounts');
    await goTo(page, 'Portfolio');
    await page.getByRole('region', { name: 'By account' }).waitFor();
    // Main is FIFO and Broker LIFO: the figures for all accounts follow each account's own method, and say so.
    await page.getByText("In USD, cost by each account's own method (set on the Accounts page).").waitFor();
    await shots(page, 'portfolio-accounts');
    expect(problems).toEqual([]);
  }, 240_000);
});
