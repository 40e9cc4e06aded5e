import { join } from 'node:path';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { expect } from 'vitest';
import { screenshotDir } from './screenshots.js';

/** Debian's Chromium (or CHROMIUM_PATH) through playwright-core, headless, without anything that reaches the network. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

/** Opens a page from the sidebar (the "Main" navigation, in English) and waits for its heading. */
export async function goTo(page: Page, name: string): Promise<void> {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name, exact: true }).click();
  await page.getByRole('heading', { name, level: 1 }).waitFor();
}

/**
 * Waits until the locator's text contains `text` (or matches it): vitest's expect does not retry like Playwright's.
 */
export async function seeText(locator: Locator, text: string | RegExp, timeout = 15_000): Promise<void> {
  if (typeof text === 'string') await expect.poll(() => locator.textContent(), { timeout }).toContain(text);
  else await expect.poll(() => locator.textContent(), { timeout }).toMatch(text);
}

/**
 * What is on screen now in both colour schemes, as `<name>-light.png` and `<name>-dark.png` in the screenshot folder
 * (whole page unless `fullPage` is false); light again afterwards.
 */
export async function shots(page: Page, name: string, opts: { fullPage?: boolean } = {}): Promise<void> {
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.evaluate('new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))');
    await page.screenshot({ path: join(screenshotDir(), `${name}-${scheme}.png`), animations: 'disabled', caret: 'hide', fullPage: opts.fullPage ?? true });
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

/** Signs in to an existing profile from the sign-in screen (the caller waits for the page it opens on). */
export async function signIn(page: Page, username: string, password: string): Promise<void> {
  await page.getByRole('heading', { name: 'Sign in', level: 1 }).waitFor();
  await page.getByRole('button', { name: username }).click();
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
}
