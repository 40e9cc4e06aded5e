import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousViolations } from '../support/e2e-axe.js';
import { screenshotDir } from '../support/screenshots.js';
import { spawnWebHost } from '../support/web-host.js';
import { createProfileThroughFirstRun } from '../support/e2e-first-run.js';
import { launchChromium, seeText as seeTextWithin } from '../support/e2e-page.js';

/**
 * Settings → Password in real Chromium against the built browser host: the profile's database is re-encrypted under
 * the new password, which then signs in while the old one does not; a backup made before the change restores, by
 * keyboard, once the password it was made with is given. Screenshots of the form, of the backup's password prompt
 * and of the export box's notice, light and dark.
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
  browser = await launchChromium();
  host = await spawnWebHost({ dataDir });
});

afterAll(async () => {
  await browser?.close();
  await host?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

async function page(colorScheme: 'light' | 'dark'): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, colorScheme, acceptDownloads: true });
  return context.newPage();
}

/** Waits until the locator's text contains `text` (vitest's expect does not retry like Playwright's). */
const seeText = (locator: Locator, text: string) => seeTextWithin(locator, text, 30_000);

async function deposit(p: Page, amount: string, note: string): Promise<void> {
  const form = p.getByRole('region', { name: 'Deposit or withdraw' });
  await form.getByLabel('Currency').selectOption('EUR');
  await form.getByLabel('Amount').fill(amount);
  await form.getByLabel('Note').fill(note);
  await form.getByRole('button', { name: 'Deposit', exact: true }).click();
  await seeText(form.getByRole('status'), 'Deposited');
}

function eurBalance(p: Page): Locator {
  return p.getByRole('region', { name: 'EUR Euro' }).getByRole('definition');
}

/** The oldest listed backup's restore button (the list is newest first): the one made before the password change. */
function oldestRestore(backups: Locator): Locator {
  return backups.getByRole('table', { name: 'Backups' }).getByRole('button', { name: /^Restore the backup of / }).last();
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
    await deposit(p, '100', 'Before the password change');
    await seeText(eurBalance(p), '€100.00');

    await nav(p, 'History');
    await p.getByText('An export is a plain, unencrypted file').waitFor();
    await p.screenshot({ path: join(SHOTS, 'history-export-notice.png'), fullPage: true });
    // A backup under the old password, restored at the end of this scenario.
    const backups = p.getByRole('region', { name: 'Backup & restore' });
    await backups.getByRole('button', { name: 'Create backup' }).click();
    await seeText(backups.getByRole('status'), 'Backup saved');

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
    await dark.context().close();
  }, 120_000);

  it('restores a backup made before the change once the password it was made with is given, by keyboard', async () => {
    const p = await page('light');
    await p.goto(host!.url);
    await p.getByRole('heading', { name: 'Settings', level: 1 }).waitFor();
    await nav(p, 'Wallets');
    await deposit(p, '50', 'After the password change');
    await seeText(eurBalance(p), '€150.00');

    await nav(p, 'History');
    const backups = p.getByRole('region', { name: 'Backup & restore' });
    await oldestRestore(backups).focus();
    await p.keyboard.press('Enter');
    const confirm = backups.getByRole('group', { name: 'Confirm restore' });
    await confirm.getByRole('button', { name: 'Restore now' }).focus();
    await p.keyboard.press('Enter');
    // Refused under the current key: the prompt opens with the focus in its field.
    const prompt = confirm.getByRole('form', { name: 'Password of this backup' });
    const field = prompt.getByLabel('Password the backup was made with');
    await field.waitFor();
    await expect.poll(() => field.evaluate((el) => el === document.activeElement)).toBe(true);
    await prompt.scrollIntoViewIfNeeded();
    await p.screenshot({ path: join(SHOTS, 'history-backup-password-light.png'), animations: 'disabled', caret: 'hide' });
    expect(await seriousViolations(p, 'backup password prompt, light')).toEqual([]);

    // The new password is not the one this backup was made with: refused again, nothing changed.
    await p.keyboard.type(NEW);
    await p.keyboard.press('Enter');
    await seeText(prompt.getByRole('alert'), 'This password does not open the backup either.');
    await expect.poll(() => field.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await field.inputValue()).toBe('');
    await p.screenshot({ path: join(SHOTS, 'history-backup-password-wrong-light.png'), animations: 'disabled', caret: 'hide' });

    await p.keyboard.type(OLD);
    await p.keyboard.press('Enter');
    await seeText(backups.getByRole('status'), 'Restored the backup of');
    expect(await confirm.count()).toBe(0);
    await nav(p, 'Wallets');
    await seeText(eurBalance(p), '€100.00');
    expect(await eurBalance(p).textContent()).not.toContain('150');

    // Dark, through a file: the old backup saved from the list and chosen again (the browser host's upload). Escape
    // keeps the current data; chosen once more, the prompt retries the same upload with the password.
    const dark = await page('dark');
    await dark.goto(host!.url);
    await dark.getByRole('heading', { name: 'Wallets', level: 1 }).waitFor();
    await deposit(dark, '7', 'Before the restore from a file');
    await seeText(eurBalance(dark), '€107.00');
    await nav(dark, 'History');
    const darkBackups = dark.getByRole('region', { name: 'Backup & restore' });
    const table = darkBackups.getByRole('table', { name: 'Backups' });
    await table.getByRole('button', { name: /^Download the backup of / }).last().click();
    const [download] = await Promise.all([dark.waitForEvent('download'), table.getByRole('link', { name: 'Save file' }).click()]);
    const file = join(dataDir, 'old-password.bourse-backup');
    await download.saveAs(file);
    const chooseFile = darkBackups.getByLabel('Restore from a backup file');
    const darkConfirm = darkBackups.getByRole('group', { name: 'Confirm restore' });
    const darkPrompt = darkConfirm.getByRole('form', { name: 'Password of this backup' });
    const darkField = darkPrompt.getByLabel('Password the backup was made with');

    await chooseFile.setInputFiles(file);
    await darkConfirm.getByRole('button', { name: 'Restore now' }).click();
    await darkField.waitFor();
    await darkPrompt.scrollIntoViewIfNeeded();
    await dark.screenshot({ path: join(SHOTS, 'history-backup-password-dark.png'), animations: 'disabled', caret: 'hide' });
    expect(await seriousViolations(dark, 'backup password prompt, dark')).toEqual([]);
    await dark.keyboard.press('Escape');
    await expect.poll(() => darkConfirm.count()).toBe(0);

    await chooseFile.setInputFiles(file);
    await darkConfirm.getByRole('button', { name: 'Restore now' }).click();
    await darkField.waitFor();
    await expect.poll(() => darkField.evaluate((el) => el === document.activeElement)).toBe(true);
    await dark.keyboard.type(OLD);
    await dark.keyboard.press('Enter');
    await seeText(darkBackups.getByRole('status'), 'Restored the backup of');
    await nav(dark, 'Wallets');
    await seeText(eurBalance(dark), '€100.00');
  }, 120_000);
});
