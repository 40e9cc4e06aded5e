import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { offlineProviderEnv } from '../support/offline-providers.js';
import { screenshotDir } from '../support/screenshots.js';
import { spawnWebHost } from '../support/web-host.js';
import { createProfileThroughFirstRun } from '../support/e2e-first-run.js';
import { launchChromium, seeText, shots as shotsOf } from '../support/e2e-page.js';
import { startPricePump, type PricePump } from '../support/price-pump.js';

/**
 * Getting around: the sidebar, the command palette, the first run and privacy mode, in real Chromium against the
 * built browser host. The first scenario touches nothing with the mouse: every flow (create a profile, deposit,
 * record activity, order, export) is driven by the keyboard alone, as a user who cannot or will not use a pointer.
 */

const SHOTS = screenshotDir();
const PASSWORD = 'correct horse battery';

type Host = Awaited<ReturnType<typeof spawnWebHost>>;

let browser: Browser;
let dataDir: string;
let downloads: string;
let host: Host | null = null;
let feed: PricePump | null = null;
const problems: string[] = [];

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  dataDir = mkdtempSync(join(tmpdir(), 'bourse-e2e-nav-'));
  downloads = mkdtempSync(join(tmpdir(), 'bourse-e2e-nav-downloads-'));
  feed = await startPricePump({ AAPL: '190.00' });
  browser = await launchChromium();
  host = await spawnWebHost({ dataDir, env: { BOURSE_FEED_URL: feed.url, ...offlineProviderEnv() } });
});

afterAll(async () => {
  await browser?.close();
  await host?.stop();
  await feed?.close();
  for (const d of [dataDir, downloads]) if (d) rmSync(d, { recursive: true, force: true });
});

async function newContext(width = 1280, height = 800): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width, height }, colorScheme: 'light', acceptDownloads: true });
  const page = await context.newPage();
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
  page.on('console', (msg) => {
    if (msg.type() === 'error' && !/Failed to load resource|net::ERR_/.test(msg.text())) problems.push(`console: ${msg.text()}`);
  });
  return { context, page };
}

/** The same screen in the light and the dark theme (the profile follows the system's, emulated here). */
const shots = (page: Page, name: string) => shotsOf(page, name, { fullPage: false });

/** The accessible name of the focused element, roughly as a screen reader reads it (its label, else its text). */
function focusedName(page: Page): Promise<string> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return '';
    const labelled = (el as HTMLInputElement).labels?.[0]?.innerText;
    return (el.getAttribute('aria-label') ?? labelled ?? el.innerText ?? '').replace(/\s+/g, ' ').trim();
  });
}

/** Presses Tab (Shift+Tab backwards) until the focused control's name matches: how a keyboard user reaches it. */
async function tabTo(page: Page, name: RegExp, backwards = false): Promise<void> {
  const seen: string[] = [];
  for (let i = 0; i < 80; i++) {
    await page.keyboard.press(backwards ? 'Shift+Tab' : 'Tab');
    const now = await focusedName(page);
    if (name.test(now)) return;
    seen.push(now);
  }
  throw new Error(`no control named ${name} within 80 Tabs; passed: ${seen.slice(0, 40).join(' | ')}`);
}

async function palette(page: Page, command: string): Promise<void> {
  await page.keyboard.press('Control+K');
  const input = page.getByRole('dialog', { name: 'Command palette' }).getByRole('combobox');
  await input.waitFor();
  await page.keyboard.type(command);
  await page.keyboard.press('Enter');
  await page.getByRole('dialog', { name: 'Command palette' }).waitFor({ state: 'detached' });
}

function heading(page: Page, name: string | RegExp): Locator {
  return page.getByRole('heading', { name, level: 1 });
}

/** The host's session outlives a browser context: start each scenario signed out, whatever the last one left. */
async function openSignedOut(page: Page): Promise<void> {
  await page.goto(host!.url);
  const signOut = page.getByRole('button', { name: 'Sign out' });
  await Promise.race([heading(page, 'Sign in').waitFor(), signOut.waitFor()]);
  if (await signOut.isVisible()) await signOut.click();
  await heading(page, 'Sign in').waitFor();
}

describe('getting around', () => {
  it('runs every flow by keyboard alone: create a profile, first run, deposit, record, order, export', async () => {
    const { context, page } = await newContext();
    await page.goto(host!.url);
    await heading(page, 'Create profile').waitFor();

    await tabTo(page, /^Username/);
    await page.keyboard.type('kim');
    await tabTo(page, /^Password/);
    await page.keyboard.type(PASSWORD);
    await tabTo(page, /^Confirm password/);
    await page.keyboard.type(PASSWORD);
    await page.keyboard.press('Enter');

    // The first run: the base currency, then how to start.
    await heading(page, 'Welcome to Bourse, kim').waitFor();
    await shots(page, 'first-run-currency');
    await tabTo(page, /^Base currency/);
    await page.keyboard.type('EUR');
    await expect.poll(() => page.getByLabel('Base currency', { exact: true }).inputValue()).toBe('EUR');
    await tabTo(page, /^Continue$/);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: '2. How do you want to start?' }).waitFor();
    await shots(page, 'first-run-start');
    await tabTo(page, /^Deposit and paper-trade/);
    await page.keyboard.press('Enter');

    // Straight into the deposit form, the focus on the amount.
    await heading(page, 'Wallets').waitFor();
    await expect.poll(() => focusedName(page)).toMatch(/^Amount/);
    await page.keyboard.type('250');
    await tabTo(page, /^Deposit$/);
    await page.keyboard.press('Enter');
    const moneyStatus = page.getByRole('region', { name: 'Deposit or withdraw' }).getByRole('status');
    await seeText(moneyStatus, 'Deposited €250.00 to EUR. New balance: €250.00.');

    // The palette starts a deposit filled in; Enter on its focused button makes it.
    await page.keyboard.press('Control+K');
    await page.keyboard.type('deposit 100 eur');
    await shots(page, 'palette-deposit');
    await page.keyboard.press('Enter');
    await page.getByRole('dialog', { name: 'Command palette' }).waitFor({ state: 'detached' });
    await expect.poll(() => focusedName(page)).toBe('Deposit');
    await page.keyboard.press('Enter');
    await seeText(moneyStatus, 'Deposited €100.00 to EUR. New balance: €350.00.');
    await palette(page, 'deposit 1000 usd');
    await expect.poll(() => focusedName(page)).toBe('Deposit');
    await page.keyboard.press('Enter');
    await seeText(moneyStatus, 'Deposited $1,000.00 to USD. New balance: $1,000.00.');

    // An instrument, added in the Catalogue (reached with G then I).
    await page.keyboard.press('Escape');
    await page.locator('#main').focus();
    await page.keyboard.press('g');
    await page.keyboard.press('i');
    await heading(page, 'Catalogue').waitFor();
    await tabTo(page, /^Symbol/);
    await page.keyboard.type('AAPL');
    await tabTo(page, /^Name/);
    await page.keyboard.type('Apple Inc.');
    await tabTo(page, /^Quote currency/);
    await page.keyboard.type('USD');
    await tabTo(page, /^Add instrument$/);
    await page.keyboard.press('Enter');
    await seeText(page.getByRole('region', { name: 'Instruments' }).getByRole('status'), 'Added AAPL — Apple Inc.');

    // Record activity: an interest payment on the euro wallet.
    await palette(page, 'record activity');
    await heading(page, 'Activity').waitFor();
    await tabTo(page, /^Activity type/);
    await page.keyboard.type('Interest');
    await tabTo(page, /^Currency/);
    await page.keyboard.type('EUR');
    await tabTo(page, /^Amount/);
    await page.keyboard.type('1.50');
    await page.keyboard.press('Enter');
    await seeText(page.getByRole('region', { name: 'Record activity' }).getByRole('status'), 'of €1.50 on');

    // An order, started from the palette with its quantity: the form opens filled in, the focus on the quantity.
    await page.keyboard.press('Control+K');
    await page.keyboard.type('buy 2 aapl');
    await expect.poll(() => page.getByRole('option', { name: /Buy 2 AAPL/ }).count()).toBe(1);
    await shots(page, 'palette-order');
    await page.keyboard.press('Enter');
    await heading(page, 'Trade').waitFor();
    await expect.poll(() => focusedName(page)).toMatch(/^Quantity/);
    await seeText(page.getByRole('region', { name: 'Price and estimate' }), 'Total cost');
    await page.keyboard.press('Enter');
    await seeText(page.getByRole('region', { name: 'New order' }).getByRole('status'), 'Order placed.');

    // Export the history, and download it, by keyboard.
    await palette(page, 'export history');
    await heading(page, 'History').waitFor();
    await tabTo(page, /^Export CSV$/);
    await page.keyboard.press('Enter');
    const link = page.getByRole('link', { name: /^Download bourse-history-.*\.csv$/ });
    await link.waitFor();
    await tabTo(page, /^Download bourse-history-/, true);
    const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
    const file = join(downloads, 'kim.csv');
    await download.saveAs(file);
    const csv = readFileSync(file, 'utf8');
    expect(csv).toContain('interest');
    expect(csv.split('\n').filter((l) => /deposit/.test(l))).toHaveLength(3);

    await tabTo(page, /^Sign out$/);
    await page.keyboard.press('Enter');
    await heading(page, 'Sign in').waitFor();
    expect(problems).toEqual([]);
    await context.close();
  });

  it('remembers the page and privacy mode per profile; privacy masks every figure on every page', async () => {
    const { context, page } = await newContext();
    await openSignedOut(page);
    await page.getByRole('button', { name: 'kim' }).click();
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    // The last page kim had open.
    await heading(page, 'History').waitFor();
    const nav = page.getByRole('navigation', { name: 'Main' });
    await expect.poll(() => nav.getByRole('button', { name: 'History' }).getAttribute('aria-current')).toBe('page');
    await shots(page, 'sidebar-wide');

    await nav.getByRole('button', { name: 'Wallets' }).click();
    await heading(page, 'Wallets').waitFor();
    // Balances, a deposit, the order's cost and its ledger note ("Bought 2 AAPL …").
    const known = ['351.50', '351,50', '1,000.00', '1000.00', '380.', 'Bought 2'];
    await seeText(page.locator('#main'), '€351.50');
    await seeText(page.locator('#main'), 'Bought 2 AAPL');

    await page.keyboard.press('Control+Shift+H');
    await expect.poll(() => page.getByRole('button', { name: 'Privacy' }).getAttribute('aria-pressed')).toBe('true');
    await shots(page, 'privacy-wallets');
    const leaks: string[] = [];
    // Every page the sidebar offers, read from it, so a page added later is checked too.
    const pages = (await nav.getByRole('button').allTextContents()).map((n) => n.trim());
    expect(pages).toEqual(expect.arrayContaining(['Portfolio', 'Wallets', 'Accounts', 'Reports', 'History', 'Alerts', 'Data health', 'Settings']));
    for (const name of pages) {
      await nav.getByRole('button', { name, exact: true }).click();
      await heading(page, name).waitFor();
      // Give the page's data time to arrive (each page loads on mount), then read everything on screen. A page that
      // keeps polling (quotes, alerts) never goes network-idle: then what arrived within the wait is what is read.
      await page.waitForLoadState('networkidle', { timeout: 5000 }).catch(() => undefined);
      const text = await page.evaluate(() => document.body.innerText + ' ' + document.title);
      for (const k of known) if (text.includes(k)) leaks.push(`${name}: ${k}`);
      if (name === 'Portfolio') await shots(page, 'privacy-portfolio');
    }
    // The import of a file the mapping has to be told about: its first rows, then the preview, show the file's
    // amounts and notes; with privacy on, none of their digits.
    const file = join(downloads, 'privacy-import.csv');
    writeFileSync(file, 'Date,Type,Amount,Currency,Note\n2024-01-02,Deposit,4321.09,EUR,Invoice 8765 paid\n2024-01-03,Withdrawal,-987.65,EUR,Rent 5544\n');
    await nav.getByRole('button', { name: 'History', exact: true }).click();
    await heading(page, 'History').waitFor();
    const importCard = page.getByRole('region', { name: 'Import activities' });
    await importCard.getByLabel('CSV file').setInputFiles(file);
    await importCard.getByRole('button', { name: 'Preview import' }).waitFor();
    const fileKnown = ['4321', '4,321', '8765', '987', '5544'];
    const importLeaks = async (step: string) => {
      const text = await page.evaluate(() => document.body.innerText + ' ' + document.title);
      for (const k of fileKnown) if (text.includes(k)) leaks.push(`import ${step}: ${k}`);
    };
    await seeText(importCard, 'Invoice');
    await importLeaks('first rows');
    await importCard.getByRole('button', { name: 'Preview import' }).click();
    const preview = importCard.getByRole('table', { name: 'Import preview' });
    await seeText(preview, 'Invoice');
    await seeText(preview, 'Rent');
    await importLeaks('preview');
    await preview.evaluate((el) => el.scrollIntoView({ block: 'center' }));
    await shots(page, 'privacy-import-preview');
    await importCard.getByRole('button', { name: 'Choose another file' }).click();
    expect(leaks).toEqual([]);

    // Remembered for kim: after signing out and in again it is still on, and the page is the last one.
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('button', { name: 'kim' }).click();
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await heading(page, 'History').waitFor();
    await expect.poll(() => page.getByRole('button', { name: 'Privacy' }).getAttribute('aria-pressed')).toBe('true');
    await page.keyboard.press('Control+Shift+H');
    await nav.getByRole('button', { name: 'Wallets' }).click();
    await seeText(page.locator('#main'), '€351.50');
    await page.getByRole('button', { name: 'Sign out' }).click();
    await heading(page, 'Sign in').waitFor();
    expect(problems).toEqual([]);
    await context.close();
  });

  it('opens a sample profile from the first run, marks it on every page, and deletes it in one step', async () => {
    const { context, page } = await newContext(720, 640);
    await openSignedOut(page);
    await createProfileThroughFirstRun(page, { username: 'sam', password: PASSWORD, start: 'sample', fromSignIn: true });
    const banner = page.getByRole('region', { name: 'Sample profile' });
    await seeText(banner, 'made up');
    await shots(page, 'sample-portfolio-narrow');
    await shots(page, 'sidebar-narrow');
    const nav = page.getByRole('navigation', { name: 'Main' });
    for (const name of ['Wallets', 'History', 'Activity']) {
      await nav.getByRole('button', { name, exact: true }).click();
      await heading(page, name).waitFor();
      await seeText(banner, 'Sample profile.');
    }
    await seeText(page.locator('#main'), 'Sample (made up)');

    await banner.getByRole('button', { name: 'Delete the sample…' }).click();
    await banner.getByRole('button', { name: 'Delete the sample', exact: true }).click();
    await heading(page, 'Welcome to Bourse, sam').waitFor();
    expect(await banner.count()).toBe(0);
    await nav.getByRole('button', { name: 'Wallets', exact: true }).click();
    await seeText(page.locator('#main'), 'No wallets yet');
    expect(problems).toEqual([]);
    await context.close();
  });
});
