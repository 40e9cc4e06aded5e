import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousViolations } from '../support/e2e-axe.js';
import { createProfileThroughFirstRun } from '../support/e2e-first-run.js';
import { startFixtureServer, type FixtureServer } from '../support/fixture-server.js';
import { screenshotDir } from '../support/screenshots.js';
import { type WebHost, invokeOn, spawnWebHost } from '../support/web-host.js';
import { goTo, launchChromium, seeText, shots } from '../support/e2e-page.js';

/**
 * A split proposal end to end, in Debian's Chromium against the built browser host (`npm run build` first): the
 * loopback fixture server answers as Yahoo's chart does, with `events.splits` (test/fixtures/providers/yahoo/splits:
 * AAPL's 4-for-1 of 2020-08-31 and 7-for-1 of 2014-06-09). A profile holding 10 AAPL since 2020-08-03 syncs from
 * the Sync page; the 2020 split is proposed (the 2014 one was before the holding), shown on the Portfolio page with
 * its ratio, date and source, applies nothing until confirmed, and is confirmed with the keyboard: the holding becomes
 * 40. axe-core on the notice in both themes; screenshots of it on Portfolio and Activity, light and dark.
 */
const SHOTS = screenshotDir();
const PASSWORD = 'correct horse battery';

let browser: Browser;
let dataDir: string;
let fixtures: FixtureServer;
let host: WebHost | null = null;
const problems: string[] = [];

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  dataDir = mkdtempSync(join(tmpdir(), 'bourse-e2e-corporate-'));
  fixtures = await startFixtureServer();
  fixtures.setScenario('yahoo', 'splits');
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await host?.stop();
  await fixtures?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

async function audit(page: Page, where: string): Promise<string[]> {
  const found: string[] = [];
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.waitForTimeout(300);
    found.push(...(await seriousViolations(page, `${where} (${scheme})`)));
  }
  await page.emulateMedia({ colorScheme: 'light' });
  return found;
}

/** A control's accessible description from aria-describedby (null when it has none). */
async function description(locator: Locator): Promise<string | null> {
  const ids = await locator.getAttribute('aria-describedby');
  if (!ids) return null;
  return locator.page().evaluate((list) => list.split(' ').map((id) => document.getElementById(id)?.textContent ?? '').join(' '), ids);
}

/** Setup the test is not about (recording a buy has its own E2E tests), through the host's API. */
const invoke = <T>(channel: string, payload: unknown) => invokeOn<T>(host!, channel, payload);

/** The profile's holdings as main reports them: units and total cost. */
async function holdings(): Promise<string[]> {
  const snap = await invoke<{ holdings: { symbol: string; quantity: string; totalCost: string }[] }>('portfolio:snapshot', {});
  return snap.holdings.map((h) => `${h.symbol} ${h.quantity} at a cost of ${h.totalCost}`);
}

describe('split proposals in the browser host', () => {
  it('proposes a published split of a held stock after a sync, applies nothing, and records it when confirmed', async () => {
    host = await spawnWebHost({ dataDir, env: fixtures.env });
    const context = await browser.newContext({ viewport: { width: 1280, height: 860 }, colorScheme: 'light', locale: 'en-US' });
    const page = await context.newPage();
    page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
    page.on('console', (msg) => {
      if (msg.type() === 'error' && !/Failed to load resource|net::ERR_/.test(msg.text())) problems.push(`console: ${msg.text()}`);
    });
    await page.goto(host.url);
    await createProfileThroughFirstRun(page, { username: 'ida', password: PASSWORD, fromSignIn: true });

    await invoke('instrument:add', { symbol: 'AAPL', name: 'Apple Inc.', assetClass: 'stock', quoteCurrency: 'USD' });
    await invoke('activity:record', { type: 'deposit', currency: 'USD', amount: '5000', date: '2020-08-03', idempotencyKey: 'e2e-corporate-deposit' });
    await invoke('activity:record', { type: 'buy', symbol: 'AAPL', quantity: '10', price: '400', date: '2020-08-03', idempotencyKey: 'e2e-corporate-buy' });

    // The sync reaches back to the first activity; after AAPL's job the runner asks Yahoo for its splits over the
    // days it fetched. A job planned when AAPL entered the catalogue, before the back-dated buy, covers only the
    // default years and keeps the next plan waiting while it runs: Sync now again, each time the runner has asked for
    // splits, until a job covered the split's date.
    await goTo(page, 'Sync');
    const SPLIT_AT = Date.parse('2020-08-31T00:00:00Z') / 1000;
    const asked = () => fixtures.requestsFor('yahoo').filter((r) => r.query.events === 'split');
    const covered = () => asked().filter((r) => Number(r.query.period1) <= SPLIT_AT).length;
    for (let attempt = 0; attempt < 4 && covered() === 0; attempt++) {
      const before = asked().length;
      await page.getByRole('button', { name: 'Sync now' }).click();
      await expect.poll(() => asked().length, { timeout: 30_000 }).toBeGreaterThan(before);
    }
    expect(covered()).toBeGreaterThan(0);

    // Counted beside Portfolio in the sidebar, whichever page is open: drawn as a number, described to screen readers
    // (the button's name stays the page's), and announced once as it arrives.
    const sidebar = page.getByRole('navigation', { name: 'Main' });
    const portfolioLink = sidebar.getByRole('button', { name: 'Portfolio', exact: true });
    await expect.poll(() => description(portfolioLink), { timeout: 30_000 }).toBe('1 split to decide');
    expect(await portfolioLink.locator('.nav-badge').textContent()).toBe('1');
    await seeText(sidebar.getByRole('status'), 'A split proposal arrived: 1 to decide on the Portfolio page');
    await shots(page, 'proposals-sidebar');
    await page.setViewportSize({ width: 900, height: 700 });
    await shots(page, 'proposals-sidebar-narrow');
    const violations = await audit(page, 'Sync with a split proposal counted in the sidebar, icons only');
    await page.setViewportSize({ width: 1280, height: 860 });

    // Shown on the Portfolio page, whichever page was open when it arrived.
    await goTo(page, 'Portfolio');
    const notice = page.getByRole('region', { name: 'A split to confirm' });
    await seeText(notice, 'AAPL: 4-for-1 split from Aug 31, 2020', 30_000);
    await seeText(notice, /Published by Yahoo Finance\. Confirm records it in every account holding AAPL: units become 4 for every 1 held/);
    expect(await notice.getByRole('listitem').count()).toBe(1);
    // Nothing applied yet.
    expect(await holdings()).toEqual(['AAPL 10 at a cost of 4000.00']);
    await shots(page, 'proposals-portfolio');
    violations.push(...(await audit(page, 'Portfolio with a split proposal')));

    // The same notice on the Activity page.
    await goTo(page, 'Activity');
    await seeText(page.getByRole('region', { name: 'A split to confirm' }), 'AAPL: 4-for-1 split from Aug 31, 2020');
    await shots(page, 'proposals-activity');
    violations.push(...(await audit(page, 'Activity with a split proposal')));
    expect(violations).toEqual([]);

    // Confirmed with the keyboard.
    const confirm = page.getByRole('region', { name: 'A split to confirm' }).getByRole('button', { name: 'Confirm the AAPL split' });
    await confirm.focus();
    await page.keyboard.press('Enter');
    // Decided: the notice stays to say so, under another name, until the page is left.
    const done = page.getByRole('region', { name: 'Split proposals' });
    await seeText(done.getByRole('status'), 'AAPL split recorded in every account holding it.');
    await expect.poll(() => done.getByRole('listitem').count()).toBe(0);
    // The keyboard goes on from the notice, whose button is gone.
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Split proposals');
    const recent = page.getByRole('table', { name: 'Recently added activities' });
    await seeText(recent, 'AAPL 4 for 1, in every account');
    // Who published it, by the provider's name and in the reader's language (the activity itself has no note).
    await seeText(recent, 'Split published by Yahoo Finance, confirmed by you');
    // Nothing left to decide: the count is gone from the sidebar.
    await expect.poll(() => description(portfolioLink)).toBe(null);
    expect(await portfolioLink.locator('.nav-badge').count()).toBe(0);
    await shots(page, 'proposals-confirmed');

    // The holding is four times what it was, at the same cost.
    await goTo(page, 'Accounts');
    await seeText(page.getByRole('region', { name: 'Main' }).getByRole('list'), '40 AAPL');
    expect(await holdings()).toEqual(['AAPL 40 at a cost of 4000.00']);
    expect(await invoke('corporate:proposals', {})).toEqual([]);
    expect(problems).toEqual([]);
  }, 180_000);
});
