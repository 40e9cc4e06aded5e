import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { chromium, type Browser, type Page } from 'playwright-core';
import { spawnWebHost } from '../test/support/web-host.js';

/**
 * Cold start of the browser host to the first rendered wallet page. Chromium is launched once, before any
 * clock starts (a user's browser is already running). A data folder is prepared with one host run: a profile with
 * EUR, USD and JPY wallets. Then, per run, in a fresh browser context (no cache, no cookies):
 *   spawn → `Bourse web:` line   process start, app.db/market.db open and migrated, HTTP server listening
 *   goto(url) → sign-in visible  HTML, bundle, session:get, the profile list rendered
 *   click "Sign in" → balances   scrypt, the profile database opened, wallets fetched and rendered
 * The total is wall time from spawn to the balances on screen (it includes the few ms Playwright takes to pick the
 * profile and type the password, which belong to no component). The host runs exactly as `npm run web` runs it after
 * its build: `node dist/host/cli.js --port 0 --data-dir <dir>`, with its background worker and embedded feed.
 */

const USER = 'bench';
const PASSWORD = 'bench password 123';
const WALLETS: [code: string, name: string, amount: string, shown: string][] = [
  ['EUR', 'Euro', '100', '€100.00'],
  ['USD', 'US Dollar', '50.25', '$50.25'],
  ['JPY', 'Yen', '1000', '¥1,000'],
];

async function newPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, colorScheme: 'light' });
  return context.newPage();
}

function balance(page: Page, code: string, name: string) {
  return page.getByRole('region', { name: `${code} ${name}` }).getByRole('definition');
}

/** Resolves when every wallet shows its expected balance; polls like a user glancing at the page. */
async function balancesShown(page: Page): Promise<void> {
  for (const [code, name, , shown] of WALLETS) {
    const el = balance(page, code, name);
    await el.waitFor();
    for (;;) {
      if ((await el.textContent())?.includes(shown)) break;
      await new Promise((r) => setTimeout(r, 5));
    }
  }
}

async function prepare(browser: Browser, dataDir: string): Promise<void> {
  const host = await spawnWebHost({ dataDir });
  try {
    const page = await newPage(browser);
    await page.goto(host.url);
    await page.getByRole('heading', { name: 'Create profile', level: 1 }).waitFor();
    await page.getByLabel('Username').fill(USER);
    await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
    await page.getByLabel('Confirm password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Create profile' }).click();
    await page.getByRole('heading', { name: 'Wallets', level: 1 }).waitFor();
    const form = page.getByRole('region', { name: 'Deposit or withdraw' });
    for (const [code, , amount, shown] of WALLETS) {
      await form.getByLabel('Currency').selectOption(code);
      await form.getByLabel('Amount').fill(amount);
      await form.getByRole('button', { name: 'Deposit', exact: true }).click();
      await form.getByRole('status').filter({ hasText: shown }).waitFor({ timeout: 10_000 }).catch(async (err: unknown) => {
        throw new Error(`depositing ${amount} ${code} did not show ${shown}; the page said: ${await page.getByRole('main').innerText()}`, { cause: err });
      });
    }
    await page.context().close();
  } finally {
    await host.stop();
  }
}

interface Run {
  spawnToLineMs: number;
  gotoToSignInMs: number;
  signInClickToWalletsMs: number;
  /** Playwright picking the profile and typing the password: in the total, in no component. */
  typingMs: number;
  totalSpawnToWalletsMs: number;
}

async function once(browser: Browser, dataDir: string): Promise<Run> {
  const page = await newPage(browser);
  const t0 = performance.now();
  const host = await spawnWebHost({ dataDir });
  try {
    const tLine = performance.now();
    await page.goto(host.url);
    await page.getByRole('heading', { name: 'Sign in', level: 1 }).waitFor();
    const tSignIn = performance.now();
    await page.getByRole('button', { name: USER }).click();
    await page.getByLabel('Password').fill(PASSWORD);
    const tClick = performance.now();
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByRole('heading', { name: 'Wallets', level: 1 }).waitFor();
    await balancesShown(page);
    const tWallets = performance.now();
    return {
      spawnToLineMs: Math.round(tLine - t0),
      gotoToSignInMs: Math.round(tSignIn - tLine),
      signInClickToWalletsMs: Math.round(tWallets - tClick),
      typingMs: Math.round(tClick - tSignIn),
      totalSpawnToWalletsMs: Math.round(tWallets - t0),
    };
  } finally {
    await page.context().close();
    await host.stop();
  }
}

function stats(xs: number[]) {
  const s = [...xs].sort((a, b) => a - b);
  // `runs` in run order: a first run slower than the rest would say the OS cache was cold.
  return { p50: s[Math.floor((s.length - 1) / 2)] ?? NaN, max: s.at(-1) ?? NaN, min: s[0] ?? NaN, runs: xs };
}

export async function benchColdStart(opts: { runs?: number } = {}) {
  const runs = opts.runs ?? 7;
  const dataDir = mkdtempSync(join(tmpdir(), 'bourse-bench-coldstart-'));
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  try {
    await prepare(browser, dataDir);
    const results: Run[] = [];
    for (let i = 0; i < runs; i++) results.push(await once(browser, dataDir));
    const pick = (k: keyof Run) => stats(results.map((r) => r[k]));
    return {
      name: 'browser-host-cold-start-to-wallets',
      runs,
      wallets: WALLETS.map(([code]) => code),
      spawnToLineMs: pick('spawnToLineMs'),
      gotoToSignInMs: pick('gotoToSignInMs'),
      signInClickToWalletsMs: pick('signInClickToWalletsMs'),
      typingMs: pick('typingMs'),
      totalSpawnToWalletsMs: pick('totalSpawnToWalletsMs'),
      note: 'process cold start on a warm OS file cache; Chromium already running; fresh browser context per run',
    };
  } finally {
    await browser.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
