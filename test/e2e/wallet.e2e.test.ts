import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshotDir } from '../support/screenshots.js';
import { spawnWebHost } from '../support/web-host.js';
import { createProfileThroughFirstRun } from '../support/e2e-first-run.js';
import { launchChromium, seeText as seeTextWithin, signIn as signInAs } from '../support/e2e-page.js';

/**
 * The foundation scenario, end to end: real Chromium against the built browser host (`npm run build` first), selecting
 * only by role and label, as a user (or a screen reader) finds things. It also saves the screenshots the docs show
 * (into docs/screenshots/ with BOURSE_SCREENSHOTS=1, else test-results/screenshots/).
 */

const SHOTS = screenshotDir();
const USER = 'alice';
const PASSWORD = 'correct horse battery';

type Host = Awaited<ReturnType<typeof spawnWebHost>>;

let browser: Browser;
let dataDir: string;
let host: Host | null = null;
const problems: string[] = [];

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  dataDir = mkdtempSync(join(tmpdir(), 'bourse-e2e-'));
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await host?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

async function newPage(): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, colorScheme: 'light' });
  const page = await context.newPage();
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
  page.on('console', (msg) => {
    // CSP violations and React errors surface as console errors; a clean run has none. Network failures are expected
    // once: the event stream breaks when the host is stopped.
    if (msg.type() === 'error' && !/Failed to load resource|net::ERR_/.test(msg.text())) problems.push(`console: ${msg.text()}`);
  });
  return page;
}

async function shot(page: Page, name: string, fullPage = false): Promise<void> {
  await page.screenshot({ path: join(SHOTS, `${name}.png`), animations: 'disabled', caret: 'hide', fullPage });
}

const seeText = (locator: Locator, text: string) => seeTextWithin(locator, text, 10_000);

function moneyForm(page: Page): Locator {
  return page.getByRole('region', { name: 'Deposit or withdraw' });
}

async function move(page: Page, kind: 'Deposit' | 'Withdraw', amount: string, currency: string, note = ''): Promise<void> {
  const form = moneyForm(page);
  await form.getByLabel('Currency').selectOption(currency);
  await form.getByLabel('Amount').fill(amount);
  await form.getByLabel('Note').fill(note);
  await form.getByRole('button', { name: kind, exact: true }).click();
}

function walletBalance(page: Page, code: string, name: string): Locator {
  return page.getByRole('region', { name: `${code} ${name}` }).getByRole('definition');
}

async function signIn(page: Page): Promise<void> {
  await signInAs(page, USER, PASSWORD);
  // The page the profile last had open comes back: Wallets, where this scenario signed out.
  await page.getByRole('heading', { name: 'Wallets', level: 1 }).waitFor();
}

describe('wallets in the browser host', () => {
  it('keeps exact balances across sign-out and a host restart', async () => {
    host = await spawnWebHost({ dataDir });
    const page = await newPage();
    await page.goto(host.url);

    // The launch token is moved out of the address bar at once.
    await page.getByRole('heading', { name: 'Create profile', level: 1 }).waitFor();
    expect(page.url()).not.toContain('token=');
    await shot(page, 'create-profile');

    // A new profile opens on the first run: keep the base currency, start with a deposit.
    await createProfileThroughFirstRun(page, { username: USER, password: PASSWORD });
    await seeText(page.getByRole('banner'), USER);

    const status = moneyForm(page).getByRole('status');
    await move(page, 'Deposit', '100', 'EUR', 'Salary');
    await seeText(status, 'Deposited €100.00 to EUR. New balance: €100.00.');
    await move(page, 'Deposit', '50.25', 'USD');
    await seeText(status, 'Deposited $50.25 to USD. New balance: $50.25.');
    await move(page, 'Withdraw', '30', 'EUR', 'Groceries');
    await seeText(status, 'Withdrew €30.00 from EUR. New balance: €70.00.');
    await seeText(walletBalance(page, 'EUR', 'Euro'), '€70.00');

    // Too much: refused with a clear message, nothing changes.
    await move(page, 'Withdraw', '1000', 'EUR');
    const refusal = moneyForm(page).getByRole('alert');
    await seeText(refusal, 'Not enough EUR');
    await seeText(refusal, 'the balance is €70.00');
    await seeText(walletBalance(page, 'EUR', 'Euro'), '€70.00');
    const eurEntries = page.getByRole('region', { name: 'EUR Euro' }).getByRole('row');
    expect(await eurEntries.count()).toBe(3); // header + deposit + withdrawal
    await shot(page, 'wallets-refused', true);

    // Settings: light as saved by default, then one look at the dark palette.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Settings' }).click();
    await page.getByRole('heading', { name: 'Settings', level: 1 }).waitFor();
    await shot(page, 'settings');
    await page.getByRole('radio', { name: 'Dark' }).check();
    await page.getByRole('button', { name: 'Save settings' }).click();
    await seeText(page.getByRole('main').getByRole('status'), 'Settings saved.');
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    await shot(page, 'settings-dark');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Wallets' }).click();
    await seeText(walletBalance(page, 'USD', 'US Dollar'), '$50.25');
    await shot(page, 'wallets-dark', true);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Settings' }).click();
    await page.getByRole('radio', { name: 'Light' }).check();
    await page.getByRole('button', { name: 'Save settings' }).click();
    await seeText(page.getByRole('main').getByRole('status'), 'Settings saved.');

    // Lock hides the data until the password is given again.
    await page.getByRole('button', { name: 'Lock' }).click();
    await page.getByRole('heading', { name: 'Bourse is locked', level: 1 }).waitFor();
    expect(await page.getByRole('region', { name: 'EUR Euro' }).count()).toBe(0);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Unlock' }).click();
    await page.getByRole('heading', { name: 'Settings', level: 1 }).waitFor(); // back where we were
    // The page forgot the balances behind the lock and loads them afresh.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Wallets' }).click();
    await seeText(walletBalance(page, 'USD', 'US Dollar'), '$50.25');

    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Sign in', level: 1 }).waitFor();

    // Stop the host and start a new one on the same data folder (new port, new token).
    await host.stop();
    host = await spawnWebHost({ dataDir });
    await page.goto(host.url);
    await page.getByRole('heading', { name: 'Sign in', level: 1 }).waitFor();
    await shot(page, 'sign-in');

    // A wrong password first: a clear message, still signed out.
    await page.getByRole('button', { name: USER }).click();
    await page.getByLabel('Password').fill('not the password');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await seeText(page.getByRole('alert'), 'Wrong username or password.');

    await signIn(page);
    await seeText(walletBalance(page, 'EUR', 'Euro'), '70.00');
    await seeText(walletBalance(page, 'USD', 'US Dollar'), '50.25');
    expect(await walletBalance(page, 'EUR', 'Euro').textContent()).toBe('€70.00');
    expect(await walletBalance(page, 'USD', 'US Dollar').textContent()).toBe('$50.25');
    await shot(page, 'wallets', true);

    expect(problems).toEqual([]);
  });
});
