import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prepareManyHoldings } from '../support/many-holdings.js';
import { offlineProviderEnv } from '../support/offline-providers.js';
import { screenshotDir } from '../support/screenshots.js';
import { spawnWebHost, type WebHost } from '../support/web-host.js';
import { launchChromium, signIn } from '../support/e2e-page.js';
import { startPricePump, type PricePump } from '../support/price-pump.js';

/**
 * The Portfolio page in daily use, 200 holdings, a live feed moving one of them: real Chromium on the built browser
 * host, a real socket.io feed that republishes S0's price twice a second (each tick refetches the snapshot). After
 * the price moves, only S0's row has been drawn again; the other 199 rows, the cash and the realized tables were
 * not, over snapshots and over the seconds their price ages tick.
 *
 * "Drawn again" is read from React's own bookkeeping on the DOM: each element carries the props object React last
 * rendered it with (the `__reactProps$…` key, set when the element is created and whenever its component renders it
 * again). A row whose component did not run keeps the very same object.
 */
const USER = 'daily';
const PASSWORD = 'correct horse battery';
const SYMBOL = 'S0';

let browser: Browser;
let dataDir: string;
let host: WebHost | undefined;
let feed: PricePump | undefined;
const prices: Record<string, string> = { [SYMBOL]: '432.10' };

beforeAll(async () => {
  mkdirSync(screenshotDir(), { recursive: true });
  dataDir = mkdtempSync(join(tmpdir(), 'bourse-e2e-portfolio-rows-'));
  feed = await startPricePump(prices);
  browser = await launchChromium();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await host?.stop();
  await feed?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

declare global {
  interface Window {
    /** The props object React last rendered each element with, by name, as recorded by `record`. */
    rendered?: Map<string, unknown>;
  }
}

/** The elements whose redraws are counted: every holdings row by its symbol, and the tables a price leaves alone. */
const WATCHED = () => {
  const out: [string, Element][] = [];
  for (const tr of document.querySelectorAll('section[aria-labelledby="holdings-title"] tbody tr')) {
    out.push([tr.querySelector('.holding-symbol')?.textContent ?? '?', tr]);
  }
  const totals = document.querySelector('section.totals');
  const cash = document.querySelector('table.cash');
  const realized = document.querySelector('section[aria-labelledby="realized-title"] table');
  if (totals) out.push(['(totals)', totals]);
  if (cash) out.push(['(cash)', cash]);
  if (realized) out.push(['(realized)', realized]);
  return out;
};

async function record(page: Page): Promise<number> {
  return page.evaluate(`(() => {
    const watched = (${WATCHED.toString()})();
    const props = (el) => el[Object.keys(el).find((k) => k.startsWith('__reactProps$'))];
    window.rendered = new Map(watched.map(([name, el]) => [name, props(el)]));
    return window.rendered.size;
  })()`);
}

/** The names of the watched elements drawn again since `record` (or gone, or new). */
async function redrawn(page: Page): Promise<string[]> {
  return page.evaluate(`(() => {
    const watched = (${WATCHED.toString()})();
    const props = (el) => el[Object.keys(el).find((k) => k.startsWith('__reactProps$'))];
    const now = new Map(watched.map(([name, el]) => [name, props(el)]));
    const names = new Set([...now.keys(), ...window.rendered.keys()]);
    return [...names].filter((n) => now.get(n) !== window.rendered.get(n)).sort();
  })()`);
}

describe('the Portfolio page with 200 holdings and a live price', () => {
  it('draws again only the row of the holding whose price moved', async () => {
    await prepareManyHoldings(browser, dataDir, { username: USER, password: PASSWORD, activities: 3_000 });
    host = await spawnWebHost({ dataDir, env: { BOURSE_FEED_URL: feed!.url, ...offlineProviderEnv() } });
    const context = await browser.newContext({ viewport: { width: 1280, height: 860 }, colorScheme: 'light' });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
    await page.goto(host.url);
    await signIn(page, USER, PASSWORD);
    await page.getByRole('heading', { name: 'Portfolio', level: 1 }).waitFor({ timeout: 60_000 });

    const holdings = page.getByRole('region', { name: 'Holdings' });
    const rows = holdings.locator('tbody tr');
    const row = rows.filter({ has: page.locator('.holding-symbol', { hasText: new RegExp(`^${SYMBOL}$`) }) });
    const priceOf = () => row.locator('.price-main').textContent();
    await expect.poll(() => rows.count(), { timeout: 60_000 }).toBe(200);
    await page.locator('#allocation-title').waitFor();
    await expect.poll(() => page.locator('[data-kept]').count(), { timeout: 60_000 }).toBe(0);
    // The live price is on the page: the feed reaches main and each tick's snapshot reaches the page.
    await expect.poll(priceOf, { timeout: 60_000 }).toContain('432.10');
    const before = {
      others: await rows.evaluateAll((trs) => trs.filter((tr) => !tr.textContent?.startsWith('S0')).map((tr) => tr.textContent)),
      totals: await page.getByRole('region', { name: 'Totals' }).textContent(),
    };

    expect(await record(page)).toBe(203);
    prices[SYMBOL] = '432.20';
    await expect.poll(priceOf, { timeout: 30_000 }).toContain('432.20');
    // Two more seconds of ticks (each a new snapshot, S0's time moving) and of price ages growing.
    await page.waitForTimeout(2_000);
    expect(await redrawn(page)).toEqual(['(totals)', SYMBOL]);

    // What did not move still reads as it did; the totals took the new price.
    expect(await rows.count()).toBe(200);
    expect(await rows.evaluateAll((trs) => trs.filter((tr) => !tr.textContent?.startsWith('S0')).map((tr) => tr.textContent))).toEqual(before.others);
    expect(await page.getByRole('region', { name: 'Totals' }).textContent()).not.toEqual(before.totals);

    // The page after the change, light and dark, at the row that moved.
    await row.evaluate((tr) => tr.scrollIntoView({ block: 'center' }));
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
      await page.screenshot({ path: join(screenshotDir(), `portfolio-rows-${scheme}.png`), animations: 'disabled', caret: 'hide' });
      // The donuts, drawn again only when their shape changes, after the same ticks.
      await page.locator('#allocation-title').evaluate((h) => h.scrollIntoView({ block: 'center' }));
      await page.screenshot({ path: join(screenshotDir(), `portfolio-rows-allocation-${scheme}.png`), animations: 'disabled', caret: 'hide' });
      await row.evaluate((tr) => tr.scrollIntoView({ block: 'center' }));
    }
    expect(problems).toEqual([]);
    await context.close();
  }, 300_000);
});
