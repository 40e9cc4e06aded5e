import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Locator, Page, Route } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFeedServer, type FeedServer } from '../../feed/server.js';
import { FIXTURE_LAST_DAY, recentShiftDays, shiftDate, startFixtureServer, type FixtureServer } from '../support/fixture-server.js';
import { screenshotDir } from '../support/screenshots.js';
import { spawnWebHost } from '../support/web-host.js';
import { createProfileThroughFirstRun } from '../support/e2e-first-run.js';
import { goTo, launchChromium, seeText } from '../support/e2e-page.js';

/**
 * Market data end to end: real Chromium on the built browser host, a local provider fixture server (recorded
 * Frankfurter/ECB answers) and a local feed in simulate mode. Selects only by role and label.
 *
 * The fixtures hold the week of 2020-02-28 … 2020-03-06. The app syncs the last five years up to today, so the fixture
 * server serves that week shifted by whole weeks to the latest one (weekdays kept): "the Wednesday" below is the
 * recorded 2020-03-04 (EUR→USD 1.1147), "the Saturday" 2020-03-07 (carried forward from Friday's 1.1336), and today
 * falls on or after that Friday, so a conversion for today is real data too.
 */

const SHOTS = screenshotDir();
const USER = 'carol';
const PASSWORD = 'correct horse battery';
const SHIFT = recentShiftDays();
const day = (recorded: string) => shiftDate(recorded, SHIFT);
const WEDNESDAY = day('2020-03-04');
const SATURDAY = day('2020-03-07');
const FRIDAY = day(FIXTURE_LAST_DAY);
const TODAY = new Date().toISOString().slice(0, 10);

const FRANKFURTER = 'Frankfurter (ECB)';
const ECB = 'European Central Bank (XML)';

type Host = Awaited<ReturnType<typeof spawnWebHost>>;

let browser: Browser;
let dataDir: string;
let fixtures: FixtureServer;
let feed: FeedServer | null = null;
let feedPort = 0;
let host: Host | null = null;
const problems: string[] = [];

function usDay(isoDay: string): string {
  return new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(`${isoDay}T00:00:00Z`));
}

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  dataDir = mkdtempSync(join(tmpdir(), 'bourse-e2e-market-'));
  fixtures = await startFixtureServer({ shiftDays: SHIFT });
  feed = await startFeedServer({ port: 0, mode: 'simulate', rate: 20 });
  feedPort = feed.port;
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await host?.stop();
  await feed?.close();
  await fixtures?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

async function newPage(): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, colorScheme: 'light' });
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

async function notSeeText(locator: Locator, text: string, timeout = 15_000): Promise<void> {
  await expect.poll(() => locator.textContent(), { timeout }).not.toContain(text);
}

function converter(page: Page): Locator {
  return page.getByRole('region', { name: 'Convert currencies' });
}

/**
 * Fills the converter and presses Convert until the result says `expected` (the background sync may still be
 * fetching the first time, which shows the "syncing" message): returns the result region.
 */
async function convert(page: Page, amount: string, from: string, to: string, date: string, expected: string): Promise<Locator> {
  const form = converter(page);
  await form.getByLabel('Amount').fill(amount);
  await form.getByLabel('From').selectOption(from);
  await form.getByLabel('To').selectOption(to);
  await form.getByLabel('Date').fill(date);
  const result = form.getByRole('region', { name: 'Conversion result' });
  await expect
    .poll(
      async () => {
        await form.getByRole('button', { name: 'Convert', exact: true }).click();
        await page.waitForTimeout(300);
        return (await result.count()) ? await result.textContent() : await form.textContent();
      },
      { timeout: 30_000, interval: 500 },
    )
    .toContain(expected);
  return result;
}

/**
 * Holds main's answer to the next `channel` calls (main handles each call at once) until `ready()` holds on the page,
 * so the page gets the answer after the progress events that followed it: an order a busy machine produces now and
 * then (a job that ends within milliseconds beats the answer that lists it queued), made certain. Returns a function
 * that removes the hold.
 */
async function answerLate(page: Page, channel: string, ready: () => Promise<unknown>): Promise<() => Promise<void>> {
  const handler = async (route: Route) => {
    if ((route.request().postDataJSON() as { channel?: string } | null)?.channel !== channel) return route.continue();
    const answer = await route.fetch();
    await ready().catch(() => undefined); // on a timeout, the assertions that follow say what the page shows
    // A poll still held when release() unroutes is handed on by Playwright itself ("Route is already handled"): it
    // has its answer either way, and a rejection here would be unhandled (it failed a CI run after all tests passed).
    await route.fulfill({ response: answer }).catch((err: Error) => {
      if (!/already handled/.test(err.message)) throw err;
    });
  };
  await page.route('**/api/invoke', handler);
  return () => page.unroute('**/api/invoke', handler);
}

function priceRow(page: Page, symbol: string): Locator {
  return page.getByRole('region', { name: 'Watchlist' }).getByRole('row', { name: new RegExp(`^${symbol}\\b`) });
}

describe('market data in the browser host', () => {
  it('converts with published rates, follows the provider order, and marks prices stale when the feed stops', async () => {
    host = await spawnWebHost({ dataDir, env: { ...fixtures.env, BOURSE_FEED_URL: feed!.url } });
    const page = await newPage();
    try {
      await scenario(page, host);
    } catch (err) {
      // Leave evidence: what the page showed and what the host said.
      await page.screenshot({ path: join(screenshotDir(), 'market-failure.png'), fullPage: true }).catch(() => undefined);
      throw new Error(`${(err as Error).message}\n--- page:\n${await page.locator('body').innerText().catch(() => '')}\n--- host stderr:\n${host.stderr()}`, { cause: err });
    }
    expect(problems).toEqual([]);
  });
});

async function scenario(page: Page, host: Host): Promise<void> {
  await page.goto(host.url);

  // A new profile opens on the first run: keep the base currency, start with a deposit.
  await createProfileThroughFirstRun(page, { username: USER, password: PASSWORD });

  // The money form restarts from the profile's settings once they arrive (dropping anything typed before): wait
  // for them, as Settings shows by enabling its Save button.
  await goTo(page, 'Settings');
  await expect.poll(() => page.getByRole('button', { name: 'Save settings' }).isEnabled(), { timeout: 10_000 }).toBe(true);
  await goTo(page, 'Wallets');

  // A EUR wallet in a USD profile: EUR-USD is synced and watched.
  const money = page.getByRole('region', { name: 'Deposit or withdraw' });
  await money.getByLabel('Currency').selectOption('EUR');
  await money.getByLabel('Amount').fill('250');
  await money.getByRole('button', { name: 'Deposit', exact: true }).click();
  await seeText(money.getByRole('status'), 'New balance: €250.00.');

  // --- Convert: a past weekday, as recorded by Frankfurter (first in the FX order).
  await goTo(page, 'Convert');
  const form = converter(page);
  expect(await form.getByLabel('Date').inputValue()).toBe(TODAY);
  expect(await form.getByLabel('Date').getAttribute('max')).toBe(TODAY);
  let result = await convert(page, '100', 'EUR', 'USD', WEDNESDAY, '$111.47');
  await seeText(result, '€100.00 =');
  await seeText(result, '1 EUR = 1.1147 USD');
  await seeText(result, `Published${usDay(WEDNESDAY)}`);
  await seeText(result, `Source${FRANKFURTER}`);
  await seeText(result, 'direct EUR→USD rate');
  expect(await result.textContent()).not.toMatch(/carried forward/i);

  // A Saturday: Friday's rate, carried forward and said so.
  result = await convert(page, '100', 'EUR', 'USD', SATURDAY, '$113.36');
  await seeText(result, '1 EUR = 1.1336 USD');
  await seeText(result, `Carried forward from ${usDay(FRIDAY)} (weekend/holiday)`);

  // Today (the default day): the latest publication, Friday's, carried forward unless today is that Friday.
  await form.getByLabel('Date').fill(TODAY);
  result = await convert(page, '100', 'EUR', 'USD', TODAY, '$113.36');
  await seeText(result, `Published${usDay(FRIDAY)}`);
  if (TODAY !== FRIDAY) await seeText(result, `Carried forward from ${usDay(FRIDAY)}`);

  // Swap: USD→EUR through the stored EUR→USD rate, inverted.
  await form.getByRole('button', { name: 'Swap currencies' }).click();
  expect(await form.getByLabel('From').inputValue()).toBe('USD');
  expect(await form.getByLabel('To').inputValue()).toBe('EUR');
  await form.getByRole('button', { name: 'Convert', exact: true }).click();
  await seeText(form.getByRole('region', { name: 'Conversion result' }), 'inverse of the stored EUR→USD rate');
  await seeText(form.getByRole('region', { name: 'Conversion result' }), '$100.00 =');

  // Nothing stored for a pair nobody uses: a clear message, no result.
  await form.getByLabel('From').selectOption('GBP');
  await form.getByLabel('To').selectOption('JPY');
  await form.getByLabel('Date').fill(WEDNESDAY);
  await form.getByRole('button', { name: 'Convert', exact: true }).click();
  await seeText(form.getByRole('alert'), `No GBP→JPY rate stored for ${usDay(WEDNESDAY)} yet — data sources are syncing`);
  expect(await form.getByRole('region', { name: 'Conversion result' }).count()).toBe(0);

  // Back to EUR→USD on the Wednesday, and the chart of the pair.
  await convert(page, '100', 'EUR', 'USD', WEDNESDAY, '$111.47');
  const chart = page.getByRole('region', { name: 'EUR → USD history' });
  await chart.getByRole('button', { name: '1M', exact: true }).click();
  expect(await chart.getByRole('button', { name: '1M', exact: true }).getAttribute('aria-pressed')).toBe('true');
  const figure = chart.getByRole('figure');
  await seeText(figure, `${usDay(day('2020-02-28'))} – ${usDay(FRIDAY)}`);
  await seeText(figure, 'last 1.1336');
  await seeText(figure, `low 1.0977 (${usDay(day('2020-02-28'))})`);
  for (const r of ['3M', '1Y', '5Y', 'Max']) await chart.getByRole('button', { name: r, exact: true }).waitFor();
  // The tooltip: hover the plot near its right end (the latest days).
  const plot = figure.locator('.recharts-surface').first();
  const box = await plot.boundingBox();
  expect(box).not.toBeNull();
  await page.mouse.move(box!.x + box!.width * 0.97, box!.y + box!.height / 2);
  const tip = chart.locator('.chart-tip');
  await tip.waitFor();
  await seeText(tip, '1 EUR = 1.1336 USD');
  await shot(page, 'converter');

  // --- Catalogue: an instrument (watched by the feed), a refused removal, and bars from a CSV file.
  await goTo(page, 'Catalogue');
  const instruments = page.getByRole('region', { name: 'Instruments' });
  const add = instruments.getByRole('form', { name: 'Add an instrument' });
  await add.getByLabel('Symbol', { exact: true }).fill('BTC-USD');
  await add.getByLabel('Name', { exact: true }).fill('Bitcoin');
  await add.getByLabel('Asset class').selectOption('crypto');
  await add.getByLabel('Quote currency').selectOption('USD');
  await add.getByLabel('Provider symbols').fill('coinbase=BTC-USD\nbinance=BTCUSDT');
  await add.getByRole('button', { name: 'Add instrument' }).click();
  await seeText(instruments.getByRole('status'), 'Added BTC-USD — Bitcoin.');
  await seeText(instruments.getByRole('row', { name: /^BTC-USD/ }), 'binance=BTCUSDT');
  await add.getByLabel('Symbol', { exact: true }).fill('BTC-USD');
  await add.getByLabel('Name', { exact: true }).fill('Bitcoin again');
  await add.getByRole('button', { name: 'Add instrument' }).click();
  await seeText(add.getByRole('alert'), 'BTC-USD is already in the catalogue. Nothing was changed.');

  const currencies = page.getByRole('region', { name: 'Currencies' });
  await currencies.getByLabel('Filter currencies').fill('EUR');
  await currencies.getByRole('button', { name: 'Remove EUR' }).click();
  await seeText(currencies.getByRole('alert'), 'EUR is used by a wallet or an instrument and cannot be removed.');
  await currencies.getByLabel('Filter currencies').fill('');

  const bars = page.getByRole('region', { name: 'Import daily bars from CSV' });
  await bars.getByLabel('Instrument').selectOption('BTC-USD');
  await bars.getByLabel('CSV file').setInputFiles({
    name: 'btc.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from('date,open,high,low,close,volume\n2024-01-02,42000,45500,41800,44950.5,1200\n2024-01-03,44950.5,45000,40700,42850,2100\n'),
  });
  await bars.getByRole('button', { name: 'Import bars' }).click();
  await seeText(bars.getByRole('status'), 'Imported 2 rows for BTC-USD from Jan 2, 2024 to Jan 3, 2024.');
  await page.evaluate(() => window.scrollTo(0, 0));
  await shot(page, 'catalogue', true);

  // --- Markets: live (simulated) prices for what the profile holds and watches.
  await goTo(page, 'Markets');
  const feedBox = page.getByRole('region', { name: 'Live feed' });
  await seeText(feedBox, 'Connected');
  await seeText(feedBox, `Feed at ${feed!.url}`);
  for (const symbol of ['EUR-USD', 'BTC-USD']) {
    await seeText(priceRow(page, symbol), 'Simulated');
    await seeText(priceRow(page, symbol), 'Live');
    await seeText(priceRow(page, symbol), 'simulate');
  }
  await seeText(priceRow(page, 'BTC-USD'), 'USD');
  await expect.poll(async () => /\d s ago|just now/.test((await priceRow(page, 'BTC-USD').textContent()) ?? ''), { timeout: 10_000 }).toBe(true);
  await shot(page, 'watchlist');

  // --- Data sources: ECB above Frankfurter, saved; a Test of ECB.
  await goTo(page, 'Data sources');
  const fx = page.getByRole('region', { name: 'FX', exact: true });
  const ecb = fx.getByRole('region', { name: ECB, exact: true });
  await ecb.getByRole('button', { name: `Move ${ECB} up` }).click();
  const order = await fx.getByRole('heading', { level: 3 }).allTextContents();
  expect(order.slice(0, 2)).toEqual([ECB, FRANKFURTER]);
  await fx.getByRole('button', { name: 'Save FX sources' }).click();
  await seeText(fx.getByRole('status').last(), 'Saved.');
  await ecb.getByRole('button', { name: `Test ${ECB}` }).click();
  await seeText(ecb.getByRole('status'), 'OK in');
  await seeText(ecb.getByRole('status'), `1.1336 USD on ${usDay(FRIDAY)}`);
  const oxr = fx.getByRole('region', { name: 'Open Exchange Rates', exact: true });
  await oxr.getByRole('button', { name: 'Test Open Exchange Rates' }).click();
  await seeText(oxr.getByRole('status'), 'Failed (auth)');
  await seeText(page.getByRole('region', { name: 'Live feed' }), `Now: Connected — ${feed!.url}`);

  // An API key is write-only: after saving only its hint shows; it can be replaced or removed.
  const stocks = page.getByRole('region', { name: 'Stocks', exact: true });
  const av = stocks.getByRole('region', { name: 'Alpha Vantage', exact: true });
  await av.getByLabel('API key').fill('demo-key-98761234');
  await stocks.getByRole('button', { name: 'Save Stocks sources' }).click();
  await seeText(av, 'Key stored: ••••1234');
  expect(await av.getByLabel('API key').count()).toBe(0);
  expect(await page.content()).not.toContain('demo-key-98761234');
  await av.getByRole('button', { name: 'Replace key for Alpha Vantage' }).waitFor();
  await page.evaluate(() => window.scrollTo(0, 0));
  await shot(page, 'data-sources', true);
  await av.getByRole('button', { name: 'Remove key for Alpha Vantage' }).click();
  await stocks.getByRole('button', { name: 'Save Stocks sources' }).click();
  await seeText(av, 'Needs a key');
  await av.getByLabel('API key').waitFor();

  // --- Sync: the re-sync after the new order finishes, fetched from ECB.
  await goTo(page, 'Sync');
  const running = page.getByRole('region', { name: 'Running and queued' });
  const recent = page.getByRole('region', { name: 'Recent' });
  await seeText(recent, `Provider: ${ECB}`, 60_000);
  await seeText(running, 'Nothing is running.', 60_000);
  await seeText(recent, 'Refresh EUR-USD');
  await recent.getByText(/provider attempts?/).first().click();
  const eurRefreshes = recent.getByRole('listitem').filter({ hasText: 'Refresh EUR-USD' });
  const oneMoreRefresh = async (before: number) => expect.poll(() => eurRefreshes.count(), { timeout: 30_000 }).toBe(before + 1);
  let refreshes = await eurRefreshes.count();

  // The next conversion comes from the new first provider.
  await goTo(page, 'Convert');
  result = await convert(page, '100', 'EUR', 'USD', WEDNESDAY, `Source${ECB}`);
  await seeText(result, '1 EUR = 1.1147 USD');

  // --- The feed stops: prices stay, marked stale; it comes back on the same port: live again.
  await goTo(page, 'Markets');
  await seeText(priceRow(page, 'EUR-USD'), 'Live');
  await feed!.close();
  feed = null;
  await seeText(feedBox, 'Disconnected');
  for (const symbol of ['EUR-USD', 'BTC-USD']) await seeText(priceRow(page, symbol), 'Stale');
  // Nothing arrives now: the age keeps counting up.
  await expect.poll(async () => /[2-9] s ago/.test((await priceRow(page, 'BTC-USD').textContent()) ?? ''), { timeout: 15_000 }).toBe(true);
  await shot(page, 'watchlist-stale');

  feed = await startFeedServer({ port: feedPort, mode: 'simulate', rate: 20 });
  await seeText(feedBox, 'Connected', 60_000);
  for (const symbol of ['EUR-USD', 'BTC-USD']) {
    await notSeeText(priceRow(page, symbol), 'Stale', 60_000);
    await seeText(priceRow(page, symbol), 'Live');
  }

  // --- Frankfurter back on top while it throttles (HTTP 429): the re-sync falls through to ECB and says why.
  // Frankfurter is slow too, so the job list the Sync page asks for when it opens is read while that re-sync is under
  // way; it reaches the page only after the page has shown the re-sync end, which must then stay ended.
  fixtures.setScenario('frankfurter', 'rate_limited', { retryAfter: '30', delayMs: 2_000 });
  await goTo(page, 'Data sources');
  await fx.getByRole('region', { name: FRANKFURTER, exact: true }).getByRole('button', { name: `Move ${FRANKFURTER} up` }).click();
  await fx.getByRole('button', { name: 'Save FX sources' }).click();
  await seeText(fx.getByRole('status').last(), 'Saved.');
  let release = await answerLate(page, 'sync:jobs', () => oneMoreRefresh(refreshes));
  await goTo(page, 'Sync');
  // Newest first: the first EUR-USD job listed is the one just run.
  const latest = recent.getByRole('listitem').filter({ hasText: 'Refresh EUR-USD' }).first();
  // Throttled on the first request, then skipped while its Retry-After lasts.
  await expect
    .poll(() => latest.textContent(), { timeout: 60_000 })
    .toMatch(/Frankfurter \(ECB\) → (failed|skipped) \((rate limited|retry after)\)/);
  await seeText(latest, `Provider: ${ECB}`, 60_000);
  await seeText(running, 'Nothing is running.', 60_000);
  await release();
  await latest.getByText(/provider attempts?/).click();
  await page.evaluate(() => window.scrollTo(0, 0));
  await shot(page, 'sync', true);

  // A job that hangs (every crypto provider times out) can be cancelled.
  // "Sync now" answers with the jobs it queued; the EUR-USD refresh (ECB) ends at once, and that answer reaches the
  // page only after the page has shown it end: it must not show it queued again.
  for (const p of ['binance', 'coingecko', 'coinbase'] as const) fixtures.setScenario(p, 'timeout');
  refreshes = await eurRefreshes.count();
  release = await answerLate(page, 'sync:run', () => oneMoreRefresh(refreshes));
  await page.getByRole('button', { name: 'Sync now' }).click();
  await seeText(page.getByRole('main').getByRole('status'), 'Started');
  await release();
  const cancel = running.getByRole('button', { name: 'Cancel refresh BTC-USD' });
  await cancel.waitFor({ timeout: 15_000 });
  await cancel.click();
  await seeText(running, 'Nothing is running.');
  await seeText(recent.getByRole('listitem').filter({ hasText: 'Refresh BTC-USD' }).first(), 'Cancelled');
  fixtures.reset();
}
