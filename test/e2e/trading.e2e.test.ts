import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshotDir } from '../support/screenshots.js';
import { spawnWebHost } from '../support/web-host.js';
import { offlineProviderEnv } from '../support/offline-providers.js';
import { createProfileThroughFirstRun } from '../support/e2e-first-run.js';
import { goTo, launchChromium, seeText } from '../support/e2e-page.js';
import { startPricePump, type PricePump } from '../support/price-pump.js';

/**
 * Trading and the portfolio end to end: real Chromium against the built browser host, following a real socket.io feed
 * server whose prices this test sets (republished twice a second, so they stay live). Selecting only by role and label.
 */
const SHOTS = screenshotDir();
type Host = Awaited<ReturnType<typeof spawnWebHost>>;
let browser: Browser;
let dataDir: string;
let host: Host | null = null;
let feed: PricePump | null = null;
const prices: Record<string, string> = { AAPL: '190.00', 'BTC-USD': '65000.00' };
const problems: string[] = [];

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  dataDir = mkdtempSync(join(tmpdir(), 'bourse-e2e-trading-'));
  feed = await startPricePump(prices);
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await host?.stop();
  await feed?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

async function shot(page: Page, name: string, fullPage = false): Promise<void> {
  await page.screenshot({ path: join(SHOTS, `${name}.png`), animations: 'disabled', caret: 'hide', fullPage });
}

async function addInstrument(page: Page, symbol: string, name: string, assetClass: 'stock' | 'crypto'): Promise<void> {
  const instruments = page.getByRole('region', { name: 'Instruments' });
  const add = instruments.getByRole('form', { name: 'Add an instrument' });
  await add.getByLabel('Symbol', { exact: true }).fill(symbol);
  await add.getByLabel('Name', { exact: true }).fill(name);
  await add.getByLabel('Asset class').selectOption(assetClass);
  await add.getByLabel('Quote currency').selectOption('USD');
  await add.getByRole('button', { name: 'Add instrument' }).click();
  await seeText(instruments.getByRole('status'), `Added ${symbol} — ${name}.`);
}

interface OrderForm {
  symbol: string;
  side: 'Buy' | 'Sell';
  type: 'Market' | 'Limit';
  quantity?: string;
  amount?: string;
  limit?: string;
}

async function placeOrder(page: Page, o: OrderForm): Promise<void> {
  const form = page.getByRole('region', { name: 'New order' });
  await form.getByLabel('Instrument').selectOption(o.symbol);
  await form.getByRole('radio', { name: o.side, exact: true }).check();
  await form.getByRole('radio', { name: o.type, exact: true }).check();
  if (o.quantity) {
    await form.getByRole('radio', { name: 'By quantity' }).check();
    await form.getByLabel('Quantity', { exact: true }).fill(o.quantity);
  } else {
    await form.getByRole('radio', { name: /^By amount/ }).check();
    await form.getByLabel('Amount', { exact: true }).fill(o.amount!);
  }
  if (o.limit) await form.getByLabel('Limit price').fill(o.limit);
  // The estimate follows the typing (debounced quote): wait for it before placing, as a user would.
  await seeText(page.getByRole('region', { name: 'Price and estimate' }), o.side === 'Buy' ? 'Total cost' : 'You receive');
  await form.getByRole('button', { name: 'Place order' }).click();
  await seeText(form.getByRole('status'), 'Order placed.');
}

function orderRow(page: Page, description: string): Locator {
  return page.getByRole('region', { name: 'Order list' }).getByRole('row').filter({ hasText: description }).first();
}

describe('trading in the browser host', () => {
  it('buys, aggregates small orders, fills a limit on a crossing tick, cancels, and shows the portfolio', async () => {
    const env: NodeJS.ProcessEnv = { BOURSE_FEED_URL: feed!.url, ...offlineProviderEnv() };
    host = await spawnWebHost({ dataDir, env });
    const context = await browser.newContext({ viewport: { width: 1360, height: 900 }, colorScheme: 'light' });
    const page = await context.newPage();
    page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
    page.on('console', (msg) => {
      if (msg.type() === 'error' && !/Failed to load resource|net::ERR_/.test(msg.text())) problems.push(`console: ${msg.text()}`);
    });
    // The settings once answered after the deposit form was filled in, and their arrival remounted the form (emptying
    // the amount). The shell now shows no page until the profile's settings are in (components/Shell.tsx).
    await page.goto(host.url);
    // A new profile opens on the first run: keep the base currency, start with a deposit.
    await createProfileThroughFirstRun(page, { username: 'trader', password: 'correct horse battery' });

    // Deposit 1,000 USD.
    const money = page.getByRole('region', { name: 'Deposit or withdraw' });
    await money.getByLabel('Currency').selectOption('USD');
    await money.getByLabel('Amount').fill('1000');
    await money.getByRole('button', { name: 'Deposit', exact: true }).click();
    await seeText(money.getByRole('status'), 'New balance: $1,000.00.');

    await goTo(page, 'Catalogue');
    await addInstrument(page, 'AAPL', 'Apple Inc.', 'stock');
    await addInstrument(page, 'BTC-USD', 'Bitcoin', 'crypto');

    // --- Buy 2 AAPL at market: 190 × 1.0005 = 190.095; 380.19 + 0.38 fee = 380.57.
    await goTo(page, 'Trade');
    const estimate = page.getByRole('region', { name: 'Price and estimate' });
    await page.getByRole('region', { name: 'New order' }).getByLabel('Instrument').selectOption('AAPL');
    await seeText(estimate, 'AAPL live price');
    await seeText(estimate, '$190.00');
    await page.getByRole('region', { name: 'New order' }).getByLabel('Quantity', { exact: true }).fill('2');
    await seeText(estimate, '$380.57');
    await seeText(estimate, 'Source: e2e-feed');
    await shot(page, 'trade', true);
    await placeOrder(page, { symbol: 'AAPL', side: 'Buy', type: 'Market', quantity: '2' });

    // --- BTC for 5 USD, then 6 USD: the first waits in the book; the second brings it to 11 USD and both fill.
    await placeOrder(page, { symbol: 'BTC-USD', side: 'Buy', type: 'Market', amount: '5' });
    await goTo(page, 'Orders');
    await seeText(orderRow(page, 'Buy BTC-USD for $5.00 at market'), 'Aggregating');
    await shot(page, 'orders-aggregating', true);
    await goTo(page, 'Trade');
    await placeOrder(page, { symbol: 'BTC-USD', side: 'Buy', type: 'Market', amount: '6' });
    await goTo(page, 'Orders');
    await seeText(orderRow(page, 'Buy BTC-USD for $5.00 at market'), 'Filled');
    await seeText(orderRow(page, 'Buy BTC-USD for $6.00 at market'), 'Filled');
    // Both came from one venue order at one average price.
    await orderRow(page, 'Buy BTC-USD for $5.00 at market').getByRole('button', { name: /^Details of/ }).click();
    const detail = page.getByRole('region', { name: 'Buy BTC-USD for $5.00 at market' });
    await seeText(detail, 'Book reached the threshold: 2 orders');
    await seeText(detail, 'Aggregating');
    await detail.getByRole('button', { name: 'Close details' }).click();

    // --- A limit sell above the market rests, then fills when the feed crosses it.
    await goTo(page, 'Trade');
    await placeOrder(page, { symbol: 'AAPL', side: 'Sell', type: 'Limit', quantity: '1', limit: '200' });
    // --- A limit buy below the market reserves its cash; cancelling returns it.
    await placeOrder(page, { symbol: 'AAPL', side: 'Buy', type: 'Limit', quantity: '1', limit: '180' });
    await goTo(page, 'Wallets');
    const usd = page.getByRole('region', { name: 'USD US Dollar' });
    await seeText(usd, 'Reserved by open orders');
    await seeText(usd, '$180.18');
    await goTo(page, 'Orders');
    await seeText(orderRow(page, 'Sell 1 AAPL, limit $200.00'), 'Open');
    await shot(page, 'orders', true);
    prices.AAPL = '201.00'; // 201 × 0.9995 = 200.8995 ≥ 200: crossed
    await seeText(orderRow(page, 'Sell 1 AAPL, limit $200.00'), 'Filled', 20_000);
    await orderRow(page, 'Buy 1 AAPL, limit $180.00').getByRole('button', { name: /^Cancel/ }).click();
    await seeText(page.getByRole('main').getByRole('status').first(), 'available again');
    await seeText(orderRow(page, 'Buy 1 AAPL, limit $180.00'), 'Cancelled');
    await goTo(page, 'Wallets');
    await expect.poll(async () => (await usd.textContent()) ?? '', { timeout: 10_000 }).not.toContain('Reserved by open orders');

    // --- The portfolio: holdings, P&L and the charts.
    await goTo(page, 'Portfolio');
    const holdings = page.getByRole('region', { name: 'Holdings' });
    await seeText(holdings, 'AAPL');
    await seeText(holdings, 'BTC-USD');
    const aapl = holdings.getByRole('row').filter({ hasText: 'Apple Inc.' });
    await seeText(aapl, '$201.00');
    await seeText(page.getByRole('region', { name: 'Totals' }), 'Realized P&L');
    await seeText(page.getByRole('region', { name: 'Allocation' }), 'Stocks');
    await seeText(page.getByRole('region', { name: 'Cash' }), 'USD');
    await shot(page, 'portfolio', true);
    await page.getByRole('region', { name: 'Allocation' }).locator('svg.recharts-surface').first().waitFor();

    // --- Outside activity: a dividend a month ago gives the value chart its history.
    await page.getByRole('button', { name: 'Record activity' }).click();
    const form = page.getByRole('region', { name: 'Record activity' });
    await form.getByLabel('Activity type').selectOption('dividend');
    const monthAgo = new Date(Date.now() - 30 * 86_400_000).toISOString().slice(0, 10);
    await form.getByLabel('Date').fill(monthAgo);
    await form.getByLabel('Currency').selectOption('USD');
    await form.getByLabel('Amount', { exact: true }).fill('12.34');
    await form.getByRole('button', { name: 'Record activity' }).click();
    await seeText(form.getByRole('status'), '12.34');
    await goTo(page, 'Portfolio');
    const chart = page.getByRole('region', { name: 'Value over time' });
    await chart.locator('svg.recharts-surface').first().waitFor();
    await chart.getByRole('button', { name: /^1M/ }).click();
    await seeText(page.getByRole('region', { name: 'Cash' }), '$821.48');
    await shot(page, 'portfolio', true);

    expect(problems).toEqual([]);
  }, 240_000);
});
