import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFeedServer, type FeedServer } from '../../feed/server.js';
import { recentShiftDays, startFixtureServer, type FixtureServer } from '../support/fixture-server.js';
import { screenshotDir } from '../support/screenshots.js';
import { spawnWebHost } from '../support/web-host.js';
import { createProfileThroughFirstRun } from '../support/e2e-first-run.js';
import { goTo, launchChromium, shots as shotsOf } from '../support/e2e-page.js';

/**
 * Finding an instrument as a new user: real Chromium on the built browser host; the providers' base URLs
 * (BOURSE_<PROVIDER>_URL, the fallback of Settings → Data sources) point at the loopback fixture server, which answers
 * Yahoo's search for "apple" in Yahoo's shape; a local feed in simulate mode prices what is watched. Selects by role
 * and label only. Screenshots of the search in each place, light and dark.
 */

const SHOTS = screenshotDir();
const USER = 'newcomer';
const PASSWORD = 'correct horse battery';

type Host = Awaited<ReturnType<typeof spawnWebHost>>;

let browser: Browser;
let dataDir: string;
let fixtures: FixtureServer;
let feed: FeedServer | null = null;
let host: Host | null = null;
const problems: string[] = [];

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  dataDir = mkdtempSync(join(tmpdir(), 'bourse-e2e-search-'));
  fixtures = await startFixtureServer({ shiftDays: recentShiftDays() });
  feed = await startFeedServer({ port: 0, mode: 'simulate', rate: 20 });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await host?.stop();
  await feed?.close();
  await fixtures?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

const shots = (page: Page, name: string) => shotsOf(page, name, { fullPage: false });

async function seeText(locator: Locator, text: string | RegExp, timeout = 15_000): Promise<void> {
  await expect.poll(async () => (await locator.textContent()) ?? '', { timeout }).toMatch(text);
}

/** Types into a search field and waits until the providers answered (the "Searching…" line is gone). */
async function searchFor(page: Page, field: Locator, words: string): Promise<Locator> {
  await field.fill(words);
  const list = page.getByRole('listbox', { name: `Instruments matching ${words}` });
  await list.waitFor();
  await expect.poll(() => page.getByText('Searching the data sources…').count(), { timeout: 15_000 }).toBe(0);
  return list;
}

describe('instrument search in the browser host', () => {
  it('a new user finds "apple" in the watchlist, adds it and sees its price; the search works in every place', async () => {
    host = await spawnWebHost({ dataDir, env: { ...fixtures.env, BOURSE_FEED_URL: feed!.url } });
    const context = await browser.newContext({ viewport: { width: 1280, height: 860 }, colorScheme: 'light' });
    const page = await context.newPage();
    page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
    page.on('console', (msg) => {
      if (msg.type() === 'error' && !/Failed to load resource|net::ERR_/.test(msg.text())) problems.push(`console: ${msg.text()}`);
    });
    try {
      await scenario(page);
    } catch (err) {
      await page.screenshot({ path: join(SHOTS, 'search-failure.png'), fullPage: true }).catch(() => undefined);
      throw new Error(`${(err as Error).message}\n--- page:\n${await page.locator('body').innerText().catch(() => '')}\n--- host stderr:\n${host.stderr()}`, { cause: err });
    }
    expect(problems).toEqual([]);
  });
});

async function scenario(page: Page): Promise<void> {
  await page.goto(host!.url);
  // A new profile opens on the first run: keep the base currency, start with a deposit.
  await createProfileThroughFirstRun(page, { username: USER, password: PASSWORD });

  // --- Markets: the watchlist starts empty and can now add what it watches.
  await goTo(page, 'Markets');
  const watchlist = page.getByRole('region', { name: 'Watchlist' });
  await seeText(watchlist, 'Nothing is watched yet');
  const field = watchlist.getByRole('combobox', { name: 'Add to the watchlist' });
  const list = await searchFor(page, field, 'apple');
  const apple = list.getByRole('option', { name: /^AAPL Apple Inc\./ });
  await seeText(apple, 'Equity · NASDAQ · USD · US0378331005');
  // Yahoo's answer is in: its other listings are there too (its options and crypto are not).
  await list.getByRole('option', { name: /^APC\.DE / }).waitFor();
  expect(await list.getByRole('option', { name: /Apple Fruit|AAPL250117/ }).count()).toBe(0);
  expect(fixtures.requestsFor('yahoo').some((r) => r.path === '/yahoo/v1/finance/search' && r.query.q === 'apple')).toBe(true);
  await shots(page, 'search-watchlist');

  await apple.click();
  await seeText(watchlist.getByRole('status'), 'AAPL is now in your catalogue; its price history is being fetched.');
  const row = watchlist.getByRole('row', { name: /^AAPL\b/ });
  await row.waitFor({ timeout: 15_000 });
  await expect.poll(async () => (await row.getByRole('cell').first().textContent())?.trim(), { timeout: 20_000 }).toMatch(/^\d[\d,]*\.\d+$/);
  await seeText(row, 'USD');

  // --- Catalogue: it is there with Yahoo's symbol filled in; the search marks it as in the catalogue.
  await goTo(page, 'Catalogue');
  await seeText(page.getByRole('region', { name: 'Instruments' }).getByRole('row', { name: /^AAPL/ }), 'yahoo=AAPL');
  const catalogueField = page.getByRole('combobox', { name: 'Find an instrument to add' });
  let found = await searchFor(page, catalogueField, 'apple');
  await seeText(found.getByRole('option').first(), /^AAPL Apple Inc\.In catalogue/);
  await shots(page, 'search-catalogue');
  // A provider down is said in words, and the offline list still answers.
  fixtures.setScenario('yahoo', 'server_error');
  found = await searchFor(page, catalogueField, 'microsoft');
  await found.getByRole('option', { name: /^MSFT Microsoft Corporation/ }).waitFor();
  await seeText(page.getByRole('status').filter({ hasText: 'Yahoo Finance' }), /Yahoo Finance is not answering \(HTTP 503/);
  await shots(page, 'search-provider-down');
  fixtures.reset();

  // --- The command palette finds through the same search: the field's results, in the field's order.
  found = await searchFor(page, catalogueField, 'apple');
  const fieldOrder = await found.getByRole('option').evaluateAll((els) => els.map((e) => e.querySelector('strong')?.textContent ?? ''));
  expect(fieldOrder.length).toBeGreaterThan(2);
  await catalogueField.fill('');
  await page.keyboard.press('Control+K');
  const dialog = page.getByRole('dialog', { name: 'Command palette' });
  await dialog.getByRole('combobox').fill('apple');
  const paletteOrder = () => dialog.getByRole('group', { name: 'Instruments' }).getByRole('option').evaluateAll((els) => els.map((e) => /^Trade (\S+)/.exec(e.textContent ?? '')?.[1] ?? ''));
  await expect.poll(paletteOrder, { timeout: 15_000 }).toEqual(fieldOrder.slice(0, 8));
  await shots(page, 'palette-search');
  // A result not in the catalogue yet: chosen, it is added and the order form opens on it.
  await dialog.getByRole('option', { name: /^Trade APC\.DE / }).click();
  await page.getByRole('heading', { name: 'Trade', level: 1 }).waitFor();
  await expect.poll(() => page.getByLabel('Instrument', { exact: true }).inputValue(), { timeout: 10_000 }).toBe('APC.DE');

  // --- Trade: find another instrument and trade it.
  await goTo(page, 'Trade');
  const tradeField = page.getByRole('combobox', { name: 'Or find another' });
  found = await searchFor(page, tradeField, 'btc');
  await seeText(found.getByRole('option').first(), /^BTC-USD Bitcoin/);
  await shots(page, 'search-trade');
  await tradeField.press('Enter');
  await expect.poll(() => page.getByLabel('Instrument', { exact: true }).inputValue(), { timeout: 10_000 }).toBe('BTC-USD');

  // --- Activity: the same field in the record form.
  await goTo(page, 'Activity');
  const activityField = page.getByRole('combobox', { name: 'Or find another' });
  found = await searchFor(page, activityField, 'US0378331005');
  await seeText(found.getByRole('option').first(), /^AAPL Apple Inc\./);
  await shots(page, 'search-activity');
  await activityField.fill('');

  // --- Import preview: an ISIN the catalogue does not know gets the search's match, added in one click.
  await goTo(page, 'History');
  const importCard = page.getByRole('region', { name: 'Import activities' });
  await importCard.getByLabel('CSV file').setInputFiles(join(import.meta.dirname, '../fixtures/import/degiro.csv'));
  await seeText(importCard, 'Degiro (transactions), recognised from its columns');
  await importCard.getByRole('button', { name: 'Preview import' }).click();
  const unknown = importCard.getByRole('region', { name: /instruments? (is|are) not in your catalogue/ });
  const addSap = unknown.getByRole('button', { name: 'Add SAP.DE · SAP SE (XETRA, EUR)' });
  await addSap.waitFor({ timeout: 15_000 });
  await unknown.evaluate((el) => window.scrollTo(0, el.getBoundingClientRect().top + window.scrollY - 200));
  await shots(page, 'search-import-unknown');
  await addSap.click();
  await expect.poll(() => unknown.getByText('DE0007164600').count(), { timeout: 15_000 }).toBe(0);
}
