import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prepareManyHoldings } from '../support/many-holdings.js';
import { offlineProviderEnv } from '../support/offline-providers.js';
import { screenshotDir } from '../support/screenshots.js';
import { spawnWebHost, type WebHost } from '../support/web-host.js';
import { launchChromium, shots, signIn } from '../support/e2e-page.js';
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
 *
 * The table draws only the rows in view in its scroll box: far fewer rows are in the DOM than holdings, and scrolling
 * the box, or moving the focus through the rows' Sell buttons, brings every holding into view, in order, to the last.
 */
const USER = 'daily';
const PASSWORD = 'correct horse battery';
const SYMBOL = 'S0';

let browser: Browser;
let dataDir: string;
let host: WebHost | undefined;
let feed: PricePump | undefined;
const prices: Record<string, string> = { [SYMBOL]: '432.10' };
const MASK = '•••••';
/** The data set's holdings (portfolio-bench-data.ts), in the order of the snapshot: by symbol. */
const SYMBOLS = Array.from({ length: 200 }, (_, i) => (i >= 150 ? `C${i}-USD` : `S${i}`)).sort((a, b) => a.localeCompare(b));
/** The page of the first test, which the second goes on with. */
let page: Page;
const problems: string[] = [];

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
  for (const tr of document.querySelectorAll('section[aria-labelledby="holdings-title"] tbody tr[data-index]')) {
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
    page = await context.newPage();
    page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
    await page.goto(host.url);
    await signIn(page, USER, PASSWORD);
    await page.getByRole('heading', { name: 'Portfolio', level: 1 }).waitFor({ timeout: 60_000 });

    const holdings = page.getByRole('region', { name: 'Holdings' });
    const rows = holdings.locator('tbody tr[data-index]');
    const row = rows.filter({ has: page.locator('.holding-symbol', { hasText: new RegExp(`^${SYMBOL}$`) }) });
    const priceOf = () => row.locator('.price-main').textContent();
    await expect.poll(() => holdings.getByRole('table').getAttribute('aria-rowcount'), { timeout: 60_000 }).toBe('201');
    await page.locator('#allocation-title').waitFor();
    await expect.poll(() => page.locator('[data-kept]').count(), { timeout: 60_000 }).toBe(0);
    // S0 comes after the 50 coins: the table's box is scrolled until its row is drawn, then to it.
    await scrollBoxTo(page, SYMBOL);
    // The live price is on the page: the feed reaches main and each tick's snapshot reaches the page.
    await expect.poll(priceOf, { timeout: 60_000 }).toContain('432.10');
    const before = {
      others: await rows.evaluateAll((trs) => trs.filter((tr) => !tr.textContent?.startsWith('S0')).map((tr) => tr.textContent)),
      totals: await page.getByRole('region', { name: 'Totals' }).textContent(),
    };

    const drawn = await rows.count();
    expect(await record(page)).toBe(drawn + 3);
    prices[SYMBOL] = '432.20';
    await expect.poll(priceOf, { timeout: 30_000 }).toContain('432.20');
    // Two more seconds of ticks (each a new snapshot, S0's time moving) and of price ages growing.
    await page.waitForTimeout(2_000);
    expect(await redrawn(page)).toEqual(['(totals)', SYMBOL]);

    // What did not move still reads as it did; the totals took the new price.
    expect(await rows.count()).toBe(drawn);
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
  }, 300_000);

  it('draws only the rows in view, and scrolling or the keyboard brings every holding into view, to the last', async () => {
    const holdings = page.getByRole('region', { name: 'Holdings' });
    const table = holdings.getByRole('table');
    const box = holdings.locator('.table-scroll');
    const rows = holdings.locator('tbody tr[data-index]');
    await box.evaluate((b) => b.scrollTo({ top: 0 }));
    await frames(page);
    // 200 holdings, a screenful of rows (and a few around it) in the DOM; the table says how many there are.
    expect(await table.getAttribute('aria-rowcount')).toBe('201');
    const drawn = await rows.count();
    expect(drawn).toBeGreaterThan(0);
    expect(drawn).toBeLessThanOrEqual(30);

    // Scrolled through, a box at a time: every holding comes into view, in the snapshot's order, with its figures.
    const seen = new Map<number, { symbol: string; quantity: string; value: string }>();
    for (let step = 0; step < 200; step++) {
      for (const r of await rows.evaluateAll((els) =>
        (els as HTMLTableRowElement[]).map((tr) => ({ index: Number(tr.getAttribute('aria-rowindex')), symbol: tr.querySelector('.holding-symbol')!.textContent!, quantity: tr.cells[1]!.textContent!, value: tr.cells[5]!.textContent! })),
      ))
        seen.set(r.index, r);
      expect(await rows.count()).toBeLessThanOrEqual(30);
      const end = await box.evaluate((b) => b.scrollTop + b.clientHeight >= b.scrollHeight - 1);
      if (end && seen.has(201)) break;
      await box.evaluate((b) => b.scrollBy({ top: b.clientHeight * 0.8 }));
      await frames(page);
    }
    expect([...seen.keys()].sort((a, b) => a - b)).toEqual(SYMBOLS.map((_, i) => i + 2));
    expect([...seen.entries()].sort(([a], [b]) => a - b).map(([, r]) => r.symbol)).toEqual(SYMBOLS);
    for (const r of seen.values()) {
      expect(r.quantity).toMatch(/^\d[\d,.]*$/);
      expect(r.value).toMatch(/^\$[\d,]+\.\d\d$/);
    }
    // The last holding is in view at the end of the box, with its figures.
    const last = rows.filter({ has: page.locator('.holding-symbol', { hasText: new RegExp(`^${SYMBOLS.at(-1)}$`) }) });
    expect(await last.getAttribute('aria-rowindex')).toBe('201');
    expect(await inView(last)).toBe(true);
    expect(await last.locator('.price-main').textContent()).toMatch(/\d/);
    await box.evaluate((b) => b.scrollIntoView({ block: 'center' }));
    await shots(page, 'portfolio-rows-end', { fullPage: false });

    // Privacy mode masks the rows drawn as they scroll into view too.
    await page.keyboard.press('Control+Shift+H');
    await expect.poll(() => page.getByRole('button', { name: 'Privacy' }).getAttribute('aria-pressed')).toBe('true');
    await box.evaluate((b) => b.scrollTo({ top: b.scrollHeight / 2 }));
    await frames(page);
    const masked = await rows.evaluateAll((els) => (els as HTMLTableRowElement[]).map((tr) => tr.cells[5]!.textContent));
    expect(masked.length).toBeGreaterThan(0);
    for (const v of masked) expect(v).toBe(`$${MASK}`);
    await page.keyboard.press('Control+Shift+H');
    await expect.poll(() => page.getByRole('button', { name: 'Privacy' }).getAttribute('aria-pressed')).toBe('false');

    // By keyboard: from the first row's Sell button, Tab moves through the rows in order, past the ones drawn at first,
    // the box scrolling along.
    await box.evaluate((b) => b.scrollTo({ top: 0 }));
    await frames(page);
    await holdings.getByRole('button', { name: `Sell ${SYMBOLS[0]}` }).focus();
    for (let i = 1; i <= 40; i++) {
      await page.keyboard.press('Tab');
      await frames(page);
      expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe(`Sell ${SYMBOLS[i]}`);
      expect(await inView(page.locator(':focus'))).toBe(true);
    }
    // The focused row stays drawn when the box is scrolled away from it.
    await box.evaluate((b) => b.scrollTo({ top: b.scrollHeight }));
    await frames(page);
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe(`Sell ${SYMBOLS[40]}`);
    await page.keyboard.press('Shift+Tab');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe(`Sell ${SYMBOLS[39]}`);
    expect(problems).toEqual([]);
    await page.context().close();
  }, 300_000);
});

/** Two animation frames: the box's scroll has reached the table and React has drawn the rows it brings. */
function frames(page: Page): Promise<void> {
  return page.evaluate(() => new Promise<void>((r) => requestAnimationFrame(() => requestAnimationFrame(() => r()))));
}

/** Whether an element is inside its scroll box's visible part. */
function inView(el: Locator): Promise<boolean> {
  return el.evaluate((e) => {
    const r = e.getBoundingClientRect();
    const b = e.closest('.table-scroll')!.getBoundingClientRect();
    return r.top >= b.top - 1 && r.bottom <= b.bottom + 1;
  });
}

/** Scrolls the holdings table's box until `symbol`'s row is drawn, then brings that row to the middle of it. */
async function scrollBoxTo(page: Page, symbol: string): Promise<void> {
  const box = page.getByRole('region', { name: 'Holdings' }).locator('.table-scroll');
  const row = box.locator('tbody tr', { has: page.locator('.holding-symbol', { hasText: new RegExp(`^${symbol}$`) }) });
  for (let i = 0; i < 100 && (await row.count()) === 0; i++) {
    await box.evaluate((b) => b.scrollBy({ top: b.clientHeight / 2 }));
    await frames(page);
  }
  await row.evaluate((tr) => tr.scrollIntoView({ block: 'center' }));
  await frames(page);
}
