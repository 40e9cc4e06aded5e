import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Locator } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { offlineProviderEnv } from '../support/offline-providers.js';
import { screenshotDir } from '../support/screenshots.js';
import { spawnWebHost } from '../support/web-host.js';
import { createProfileThroughFirstRun } from '../support/e2e-first-run.js';
import { goTo, launchChromium, seeText as seeTextWithin, shots } from '../support/e2e-page.js';
import { startPricePump, type PricePump } from '../support/price-pump.js';

/**
 * Alerts and data health as a user meets them: real Chromium on the built browser host, a real socket.io feed whose
 * AAPL price this test sets (republished twice a second), network providers unreachable (the bundled FX history
 * answers). Sets an alert, moves the price across it, sees it fire in the app; follows a Portfolio warning to its
 * data health row. Selects only by role and label.
 */
const SHOTS = screenshotDir();
type Host = Awaited<ReturnType<typeof spawnWebHost>>;
let browser: Browser;
let dataDir: string;
let host: Host | null = null;
let feed: PricePump | null = null;
const prices: Record<string, string> = { AAPL: '190.00' };
const problems: string[] = [];

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  dataDir = mkdtempSync(join(tmpdir(), 'bourse-e2e-alerts-'));
  feed = await startPricePump(prices);
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await host?.stop();
  await feed?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

const seeText = (locator: Locator, text: string | RegExp, timeout = 20_000) => seeTextWithin(locator, text, timeout);

describe('alerts and data health in the browser host', () => {
  it('sets an alert, sees it fire on a tick across it, and follows a warning to its data health row', async () => {
    host = await spawnWebHost({ dataDir, env: { BOURSE_FEED_URL: feed!.url, ...offlineProviderEnv() } });
    const context = await browser.newContext({ viewport: { width: 1360, height: 900 }, colorScheme: 'light' });
    const page = await context.newPage();
    page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
    page.on('console', (msg) => {
      if (msg.type() === 'error' && !/Failed to load resource|net::ERR_/.test(msg.text())) problems.push(`console: ${msg.text()}`);
    });
    await page.goto(host.url);
    // A new profile opens on the first run: keep the base currency, start with a deposit.
    await createProfileThroughFirstRun(page, { username: 'watcher', password: 'correct horse battery' });

    // Money in euros: with no live EUR rate, the Portfolio values it at the last stored (bundled) rate and says so.
    const money = page.getByRole('region', { name: 'Deposit or withdraw' });
    // The settings may arrive after the form was filled and remount it: fill again until the deposit is made.
    for (let i = 0; i < 5 && (await money.getByText(/New balance/).count()) === 0; i++) {
      await money.getByLabel('Currency').selectOption('EUR');
      await money.getByLabel('Amount').fill('250');
      await money.getByRole('button', { name: 'Deposit', exact: true }).click();
      await page.waitForTimeout(1000);
    }
    await seeText(money.getByRole('status'), 'New balance');

    await goTo(page, 'Catalogue');
    const instruments = page.getByRole('region', { name: 'Instruments' });
    const add = instruments.getByRole('form', { name: 'Add an instrument' });
    await add.getByLabel('Symbol', { exact: true }).fill('AAPL');
    await add.getByLabel('Name', { exact: true }).fill('Apple Inc.');
    await add.getByLabel('Asset class').selectOption('stock');
    await add.getByLabel('Quote currency').selectOption('USD');
    await add.getByRole('button', { name: 'Add instrument' }).click();
    await seeText(instruments.getByRole('status'), 'Added AAPL — Apple Inc.');

    // --- An alert above 200 while AAPL trades at 190.
    await goTo(page, 'Alerts');
    const form = page.getByRole('region', { name: 'New alert' });
    await form.getByLabel('Instrument or pair').fill('AAPL');
    await seeText(form, 'Now 190.00 USD');
    await form.getByLabel('When').selectOption('above');
    await form.getByLabel('Price').fill('200');
    await form.getByRole('button', { name: 'Set alert' }).click();
    await seeText(form.getByRole('status'), 'Alert set: AAPL, Price at or above 200.00.');
    const list = page.getByRole('region', { name: 'Your alerts' });
    await seeText(list.getByRole('row', { name: /AAPL/ }), 'Armed');

    // --- A tick across it: the alert fires once, in the app, and is listed with its history.
    prices.AAPL = '205.00';
    const toast = page.locator('.alert-toasts');
    await seeText(toast, 'Alert: AAPL');
    await seeText(toast, 'AAPL is at 205.00 USD, at or above 200.');
    await seeText(list.getByRole('row', { name: /AAPL/ }), 'Fired');
    await seeText(list, 'AAPL is at 205.00 USD, at or above 200.');
    // More ticks above it change nothing: still one firing.
    await page.waitForTimeout(1500);
    expect(await list.getByRole('listitem').count()).toBe(1);
    await shots(page, 'alerts');
    await toast.getByRole('button', { name: 'Dismiss the AAPL alert' }).click();

    // --- A Portfolio warning links to its row on the data health page.
    await goTo(page, 'Portfolio');
    const warnings = page.getByRole('region', { name: 'Warnings' });
    await seeText(warnings, 'No current EUR rate', 60_000);
    await warnings.getByRole('button', { name: 'EUR', exact: true }).click();
    await page.getByRole('heading', { name: 'Data health', level: 1 }).waitFor();
    const row = page.getByRole('row', { name: /^EUR-USD/ });
    await seeText(row, 'bundled');
    await expect.poll(() => row.evaluate((el) => el === document.activeElement)).toBe(true);
    const aapl = page.getByRole('row', { name: /^AAPL/ });
    await seeText(aapl, 'Watchlist');
    await seeText(aapl, /Live|Stale/);
    await seeText(aapl, /No close is stored yet/);
    await shots(page, 'data-health');
    // At the common window widths the table fits its card: no column (the Problem column last) is cut or scrolled.
    for (const width of [1280, 900]) {
      await page.setViewportSize({ width, height: 900 });
      const fit = await page.locator('table.health').evaluate((t) => ({ scroll: t.parentElement!.scrollWidth, client: t.parentElement!.clientWidth }));
      expect(fit.scroll, `the health table at ${width} px`).toBeLessThanOrEqual(fit.client);
      await shots(page, `data-health-${width}`);
    }

    expect(problems).toEqual([]);
  }, 180_000);
});
