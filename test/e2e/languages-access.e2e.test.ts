import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousViolations } from '../support/e2e-axe.js';
import { createProfileThroughFirstRun } from '../support/e2e-first-run.js';
import { offlineProviderEnv } from '../support/offline-providers.js';
import { screenshotDir } from '../support/screenshots.js';
import { spawnWebHost, type WebHost } from '../support/web-host.js';
import { launchChromium, shots } from '../support/e2e-page.js';

/**
 * Languages and access, in Debian's Chromium against the built browser host: axe-core on every page (the sign-in
 * screens, the first run and each page of the sidebar, with the sample profile's data) in the light and the dark
 * theme; then the language switched to German in Settings, every page read in German (and screenshot), and back.
 */

const SHOTS = screenshotDir();
const PASSWORD = 'correct horse battery';

/** Every sidebar page: its name in English and in German (the page's heading and its sidebar button). */
const PAGES = [
  ['Portfolio', 'Portfolio'],
  ['Wallets', 'Geldbörsen'],
  ['Convert', 'Umrechnen'],
  ['Trade', 'Handeln'],
  ['Orders', 'Aufträge'],
  ['Activity', 'Aktivitäten'],
  ['History', 'Verlauf'],
  ['Markets', 'Märkte'],
  ['Catalogue', 'Katalog'],
  ['Data sources', 'Datenquellen'],
  ['Sync', 'Synchronisierung'],
  ['Alerts', 'Kursalarme'],
  ['Data health', 'Datenqualität'],
  ['Settings', 'Einstellungen'],
] as const;
const NAV = { en: 'Main', de: 'Hauptnavigation' } as const;

let browser: Browser;
let dataDir: string;
let host: WebHost | null = null;
const problems: string[] = [];

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  dataDir = mkdtempSync(join(tmpdir(), 'bourse-e2e-i18n-'));
  browser = await launchChromium();
  host = await spawnWebHost({ dataDir, env: offlineProviderEnv() });
});

afterAll(async () => {
  await browser?.close();
  await host?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

function heading(page: Page, name: string | RegExp) {
  return page.getByRole('heading', { name, level: 1 });
}

async function go(page: Page, lang: 'en' | 'de', name: string): Promise<void> {
  await page.getByRole('navigation', { name: NAV[lang] }).getByRole('button', { name, exact: true }).click();
  await heading(page, name).waitFor();
}

/** Pages load their data on mount (the event stream never lets the network go idle): wait for no busy region. */
async function settle(page: Page): Promise<void> {
  await expect.poll(() => page.locator('[aria-busy="true"]').count(), { timeout: 15_000 }).toBe(0);
  await page.waitForTimeout(500);
}

/** axe in both themes (the profile follows the system's, emulated here); the violations go to `found`. */
async function audit(page: Page, where: string, found: string[]): Promise<void> {
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    // The contrast rules read colours as they are drawn: wait for the page to take the theme (it follows the system's
    // from a media query listener) and for every colour transition that started to end; a fixed wait was too short
    // on a loaded machine.
    await expect.poll(() => page.evaluate(() => document.documentElement.dataset.theme), { timeout: 10_000 }).toBe(scheme);
    await expect
      .poll(() => page.evaluate(() => document.getAnimations().filter((a) => a instanceof CSSTransition && a.playState === 'running').length), { timeout: 10_000 })
      .toBe(0);
    found.push(...(await seriousViolations(page, `${where} (${scheme})`)));
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

async function chooseLanguage(page: Page, lang: 'en' | 'de', label: string, save: string): Promise<void> {
  await page.getByRole('radio', { name: label, exact: true }).check();
  await page.getByRole('button', { name: save }).click();
  await page.getByRole('status').filter({ hasText: lang === 'de' ? 'Einstellungen gespeichert.' : 'Settings saved.' }).waitFor();
}

describe('languages and access', () => {
  it('has no serious or critical axe violation on any page, light or dark; reads every page in German and back', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, colorScheme: 'light', locale: 'en-US' });
    const page = await context.newPage();
    page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
    page.on('console', (msg) => {
      if (msg.type() === 'error' && !/Failed to load resource|net::ERR_/.test(msg.text())) problems.push(`console: ${msg.text()}`);
    });
    const violations: string[] = [];

    await page.goto(host!.url);
    await heading(page, 'Create profile').waitFor();
    await audit(page, 'create profile', violations);
    await createProfileThroughFirstRun(page, { username: 'lea', password: PASSWORD, start: 'sample' });
    await page.getByRole('region', { name: 'Sample profile' }).waitFor();

    for (const [en] of PAGES) {
      await go(page, 'en', en);
      await settle(page);
      await audit(page, en, violations);
    }

    // German, chosen in Settings: the pages, the sidebar and the sign-in screen speak it.
    await go(page, 'en', 'Settings');
    await expect.poll(() => page.getByRole('button', { name: 'Save settings' }).isEnabled(), { timeout: 10_000 }).toBe(true);
    await chooseLanguage(page, 'de', 'Deutsch', 'Einstellungen speichern');
    await heading(page, 'Einstellungen').waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('de');
    for (const [, de] of PAGES) {
      await go(page, 'de', de);
      await settle(page);
      await shots(page, `de-${de.toLowerCase().replace(/[^a-zäöü]+/g, '-')}`);
      await audit(page, `${de} (de)`, violations);
    }

    await page.getByRole('button', { name: 'Abmelden' }).click();
    await heading(page, 'Anmelden').waitFor();
    await shots(page, 'de-anmelden');
    await audit(page, 'Anmelden (de)', violations);
    await page.getByRole('button', { name: 'lea' }).click();
    await page.getByLabel('Passwort').fill(PASSWORD);
    await page.getByRole('button', { name: 'Anmelden', exact: true }).click();
    await go(page, 'de', 'Einstellungen');

    // And back to English.
    await expect.poll(() => page.getByRole('button', { name: 'Einstellungen speichern' }).isEnabled(), { timeout: 10_000 }).toBe(true);
    await chooseLanguage(page, 'en', 'English', 'Save settings');
    await heading(page, 'Settings').waitFor();
    await go(page, 'en', 'Portfolio');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');

    // The first run, reached again by deleting the sample.
    const banner = page.getByRole('region', { name: 'Sample profile' });
    await banner.getByRole('button', { name: 'Delete the sample…' }).click();
    await banner.getByRole('button', { name: 'Delete the sample', exact: true }).click();
    await heading(page, /^Welcome to Bourse/).waitFor();
    await audit(page, 'first run', violations);

    expect(violations).toEqual([]);
    expect(problems).toEqual([]);
    await context.close();
  }, 900_000);
});
