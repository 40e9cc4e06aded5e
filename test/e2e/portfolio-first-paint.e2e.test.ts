import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page, Route } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prepareManyHoldings } from '../support/many-holdings.js';
import { offlineProviderEnv } from '../support/offline-providers.js';
import { screenshotDir } from '../support/screenshots.js';
import { spawnWebHost, type WebHost } from '../support/web-host.js';
import { launchChromium, signIn as signInAs } from '../support/e2e-page.js';

/**
 * The first Portfolio page after sign-in with many holdings (200, the first-render benchmark's instruments), in real
 * Chromium against the built browser host: the first frame with figures holds the headline figures and the holdings
 * rows in the table's box only (it never draws the others), under the kept note and masked when privacy mode is on;
 * the value chart and the allocation come in the frames after it, still under the note, which goes only when the fresh snapshot replaces the
 * kept one. A MutationObserver installed before the app loads records what each frame had.
 */
const USER = 'many';
const PASSWORD = 'correct horse battery';
const MASK = '•••••';

let browser: Browser;
let dataDir: string;
let host: WebHost | undefined;

beforeAll(async () => {
  mkdirSync(screenshotDir(), { recursive: true });
  dataDir = mkdtempSync(join(tmpdir(), 'bourse-e2e-first-paint-'));
  browser = await launchChromium();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await host?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

declare global {
  interface Window {
    drawn?: { rows: number; kept: boolean; chart: boolean; allocation: boolean; totals: string; firstRows: string }[];
  }
}

/** Records, per change of the page, how many holdings rows and which parts are drawn, once the totals are there. */
function recordFrames(page: Page): Promise<void> {
  return page.addInitScript(() => {
    window.drawn = [];
    const look = () => {
      const totals = document.querySelector('section.totals');
      if (!totals) return;
      const rows = [...document.querySelectorAll('section[aria-labelledby="holdings-title"] tbody tr[data-index]')];
      const frame = {
        rows: rows.length,
        kept: document.querySelector('[data-kept]') !== null,
        chart: document.querySelector('#value-title') !== null,
        allocation: document.querySelector('#allocation-title') !== null,
        totals: totals.textContent ?? '',
        firstRows: rows
          .slice(0, 3)
          .map((r) => r.textContent)
          .join('|'),
      };
      const last = window.drawn!.at(-1);
      if (!last || JSON.stringify(last) !== JSON.stringify(frame)) window.drawn!.push(frame);
    };
    new MutationObserver(look).observe(document, { subtree: true, childList: true, characterData: true });
  });
}

async function signIn(page: Page): Promise<void> {
  await signInAs(page, USER, PASSWORD);
  await page.getByRole('heading', { name: 'Portfolio', level: 1 }).waitFor({ timeout: 60_000 });
}

/** How many holdings the table holds (it draws only the rows in view): its `aria-rowcount` less the header row. */
const holdingsCount = async (page: Page) => Number(await page.getByRole('region', { name: 'Holdings' }).getByRole('table').getAttribute('aria-rowcount')) - 1;

describe('the first Portfolio page after sign-in with 200 holdings', () => {
  it('paints the headline figures and the rows in view first, kept and masked, then the rest', async () => {
    // A profile whose last page is the Portfolio, then filled on disk: 200 instruments, ten years of closes.
    await prepareManyHoldings(browser, dataDir, { username: USER, password: PASSWORD, activities: 3_000 });

    // First sign-in after the fill: nothing kept matches, so the figures are computed; then privacy mode on, and the
    // sign-out keeps this snapshot.
    host = await spawnWebHost({ dataDir, env: offlineProviderEnv() });
    let context = await browser.newContext({ viewport: { width: 1280, height: 860 }, colorScheme: 'light' });
    let page = await context.newPage();
    await page.goto(host.url);
    await signIn(page);
    await expect.poll(() => holdingsCount(page), { timeout: 60_000 }).toBe(200);
    expect(await page.locator('[data-kept]').count()).toBe(0);
    const totals = page.getByRole('region', { name: 'Totals' });
    const liveTotals = (await totals.textContent())!;
    // Digit runs of the figures the page showed unmasked: none may show while privacy mode is on.
    const figures = [...liveTotals.matchAll(/\d[\d,.]{3,}/g)].map((m) => m[0]);
    expect(figures.length).toBeGreaterThan(2);
    // The switch is remembered for the profile once main has it: sign out only after that answer.
    const saved = page.waitForResponse((r) => r.request().postData()?.includes('"settings:update"') ?? false);
    await page.keyboard.press('Control+Shift+H');
    await expect.poll(() => page.getByRole('button', { name: 'Privacy' }).getAttribute('aria-pressed')).toBe('true');
    expect((await saved).ok()).toBe(true);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Sign in', level: 1 }).waitFor();
    await context.close();

    // Signed in again: the kept snapshot answers, and the fresh one is held until the kept page was looked at.
    context = await browser.newContext({ viewport: { width: 1280, height: 860 }, colorScheme: 'light' });
    page = await context.newPage();
    const problems: string[] = [];
    page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
    await recordFrames(page);
    const held: Route[] = [];
    let asked = 0;
    await page.route('**/*', (route) => {
      if (route.request().postData()?.includes('"portfolio:snapshot"') && ++asked === 2) held.push(route);
      else void route.continue();
    });
    await page.goto(host.url);
    await signIn(page);
    await expect.poll(() => holdingsCount(page), { timeout: 30_000 }).toBe(200);
    await page.locator('#allocation-title').waitFor();
    await expect.poll(() => held.length).toBe(1);
    // Everything is drawn and still under the note: kept figures are never shown as live.
    expect(await page.locator('[data-kept]').count()).toBe(1);
    const frames = (await page.evaluate(() => window.drawn)) ?? [];
    const first = frames[0]!;
    // The first frame with figures: the headline figures and the rows in the table's box (and a few around them),
    // kept, masked, nothing else yet.
    expect(first.kept).toBe(true);
    expect(first.rows).toBeGreaterThan(0);
    expect(first.rows).toBeLessThanOrEqual(20);
    expect(first.chart).toBe(false);
    expect(first.allocation).toBe(false);
    expect(first.totals).toContain(MASK);
    expect(first.firstRows).toContain(MASK);
    // Every frame drawn before the fresh snapshot: kept, masked, none of the figures' digits.
    for (const f of frames) {
      expect(f.kept).toBe(true);
      for (const n of figures) {
        expect(f.totals).not.toContain(n);
        expect(f.firstRows).not.toContain(n);
      }
    }
    // The rest came after, in order: the value chart and the allocation; never more rows than a box shows.
    expect(frames.some((f) => f.chart && f.allocation)).toBe(true);
    for (const f of frames) expect(f.rows).toBeLessThanOrEqual(20);
    // Photographed without privacy mode, so the pictures show the figures: kept, then live.
    const privacy = page.getByRole('button', { name: 'Privacy' });
    await page.keyboard.press('Control+Shift+H');
    await expect.poll(() => privacy.getAttribute('aria-pressed')).toBe('false');
    await page.evaluate(() => window.scrollTo(0, 0));
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await page.screenshot({ path: join(screenshotDir(), `portfolio-first-paint-kept-${scheme}.png`), animations: 'disabled', caret: 'hide' });
    }
    await page.locator('#holdings-title').scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(screenshotDir(), 'portfolio-first-paint-kept-holdings-light.png'), animations: 'disabled', caret: 'hide' });
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.emulateMedia({ colorScheme: 'light' });
    expect(await page.locator('[data-kept]').count()).toBe(1);

    await held[0]!.continue();
    await expect.poll(() => page.locator('[data-kept]').count(), { timeout: 60_000 }).toBe(0);
    expect(await holdingsCount(page)).toBe(200);
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await page.screenshot({ path: join(screenshotDir(), `portfolio-first-paint-live-${scheme}.png`), animations: 'disabled', caret: 'hide' });
      await page.locator('section.chart-card').screenshot({ path: join(screenshotDir(), `portfolio-first-paint-chart-${scheme}.png`), animations: 'disabled' });
    }
    // The live figures are masked too once privacy mode is back on.
    await page.keyboard.press('Control+Shift+H');
    await expect.poll(() => privacy.getAttribute('aria-pressed')).toBe('true');
    const live = (await page.getByRole('region', { name: 'Totals' }).textContent())!;
    expect(live).toContain(MASK);
    for (const n of figures) expect(live).not.toContain(n);
    expect(problems).toEqual([]);
    await context.close();
  }, 240_000);
});
