import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshotDir } from '../support/screenshots.js';
import { spawnWebHost } from '../support/web-host.js';
import { createProfileThroughFirstRun } from '../support/e2e-first-run.js';

/**
 * Settings → Password in real Chromium against the built browser host: the profile's database is re-encrypted under
 * the new password, which then signs in while the old one does not. Screenshots of the form and of the export box's
 * notice, light and dark.
 */

const SHOTS = screenshotDir();
const USER = 'grace';
const OLD = 'grace-password';
const NEW = 'grace-new-password';

let browser: Browser;
let dataDir: string;
let host: Awaited<ReturnType<typeof spawnWebHost>> | null = null;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  dataDir = mkdtempSync(join(tmpdir(), 'bourse-e2e-pw-'));
  browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--no-first-run'] });
  host = await spawnWebHost({ dataDir });
});

afterAll(async () => {
  await browser?.close();
  await host?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

async function page(colorScheme: 'light' | 'dark'): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, colorScheme });
  return context.newPage();
}

async function nav(p: Page, name: string): Promise<void> {
  await p.getByRole('navigation', { name: 'Main' }).getByRole('button', { name }).click();
  await p.getByRole('heading', { name, level: 1 }).waitFor();
}

describe('changing the password', () => {
  it('re-encrypts the profile: the new password signs in, the old one no longer does', async () => {
    const p = await page('light');
    await p.goto(host!.url);
    // A new profile opens on the first run: keep the base currency, start with a deposit.
    await createProfileThroughFirstRun(p, { username: USER, password: OLD });

    await nav(p, 'History');
    await p.getByText('An export is a plain, unencrypted file').waitFor();
    await p.screenshot({ path: join(SHOTS, 'history-export-notice.png'), fullPage: true });

    await nav(p, 'Settings');
    const form = p.getByRole('form', { name: 'Password' });
    await form.getByLabel('Current password').fill(OLD);
    await form.getByLabel('New password', { exact: true }).fill(NEW);
    await form.getByLabel('New password again').fill(NEW + 'x');
    await form.getByText('The two new passwords differ.').waitFor();
    await form.getByLabel('New password again').fill(NEW);
    await form.getByRole('button', { name: 'Change password' }).click();
    await expect.poll(() => form.getByRole('status').textContent(), { timeout: 30_000 }).toContain('Password changed');
    await form.scrollIntoViewIfNeeded();
    await p.screenshot({ path: join(SHOTS, 'settings-password-light.png'), fullPage: true });

    await p.getByRole('button', { name: 'Sign out' }).click();
    await p.getByRole('heading', { name: 'Sign in', level: 1 }).waitFor();
    await p.getByRole('button', { name: USER }).click();
    await p.getByLabel('Password').fill(OLD);
    await p.getByRole('button', { name: 'Sign in', exact: true }).click();
    await expect.poll(() => p.getByRole('alert').textContent()).toContain('Wrong username or password.');
    await p.getByLabel('Password').fill(NEW);
    await p.getByRole('button', { name: 'Sign in', exact: true }).click();
    // The profile reopens on the page it last had open (Settings), read from its re-encrypted database.
    await p.getByRole('heading', { name: 'Settings', level: 1 }).waitFor();

    const dark = await page('dark');
    await dark.goto(host!.url);
    await dark.getByRole('heading', { name: 'Settings', level: 1 }).waitFor();
    await nav(dark, 'Settings');
    await dark.getByRole('form', { name: 'Password' }).scrollIntoViewIfNeeded();
    await dark.screenshot({ path: join(SHOTS, 'settings-password-dark.png'), fullPage: true });
  }, 120_000);
});
