import type { Page } from 'playwright-core';

export interface FirstRunOptions {
  username: string;
  password: string;
  /** A base currency other than the one offered (picked in the first-run step); default: keep the offered one. */
  baseCurrency?: string;
  /** How the profile starts: deposit and paper-trade (on Wallets), or the sample profile (on Portfolio). */
  start?: 'paper' | 'sample';
  /** The sign-in screen lists profiles already: open "Create a new profile" first when it is there. */
  fromSignIn?: boolean;
}

/**
 * The steps every E2E run takes to get a new profile to its first page: the create-profile form, then the first run
 * (base currency, then how to start). Resolves once the chosen start page shows its heading. Works in English, the
 * language the E2E contexts run in; a test of another language switches it later, in Settings.
 */
export async function createProfileThroughFirstRun(page: Page, opts: FirstRunOptions): Promise<void> {
  if (opts.fromSignIn) {
    await page.getByRole('heading', { name: /^(Sign in|Create profile)$/, level: 1 }).waitFor();
    const create = page.getByRole('button', { name: 'Create a new profile' });
    if (await create.isVisible()) await create.click();
  }
  await page.getByRole('heading', { name: 'Create profile', level: 1 }).waitFor();
  await page.getByLabel('Username').fill(opts.username);
  await page.getByLabel('Password', { exact: true }).fill(opts.password);
  await page.getByLabel('Confirm password').fill(opts.password);
  await page.getByRole('button', { name: 'Create profile' }).click();

  await page.getByRole('heading', { name: /^Welcome to Bourse/, level: 1 }).waitFor();
  if (opts.baseCurrency) await page.getByLabel('Base currency').selectOption(opts.baseCurrency);
  await page.getByRole('button', { name: 'Continue' }).click();
  if (opts.start === 'sample') {
    await page.getByRole('button', { name: /^Open a sample profile/ }).click();
    await page.getByRole('heading', { name: 'Portfolio', level: 1 }).waitFor();
  } else {
    await page.getByRole('button', { name: /^Deposit and paper-trade/ }).click();
    await page.getByRole('heading', { name: 'Wallets', level: 1 }).waitFor();
  }
}
