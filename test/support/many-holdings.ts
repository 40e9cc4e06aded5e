import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { openMarketStore } from '../../main/store/market-store.js';
import { openProfileStore } from '../../main/store/profile-store.js';
import { profileKeyOf } from './db-key.js';
import { createProfileThroughFirstRun } from './e2e-first-run.js';
import { offlineProviderEnv } from './offline-providers.js';
import { fill } from './portfolio-bench-data.js';
import { spawnWebHost, type SpawnWebHostOptions } from './web-host.js';

export interface ManyHoldingsOptions {
  username: string;
  password: string;
  /** Activities to fill the log with (portfolio-bench-data.ts: 200 instruments, ten years of closes and rates). */
  activities: number;
  /** Another build's host (a benchmark comparing two trees); default this tree's. */
  cliPath?: SpawnWebHostOptions['cliPath'];
}

/**
 * A data folder holding one profile with many holdings whose last page is the Portfolio: made through the browser
 * host's first run (deposit and paper-trade), signed out, then its log filled on disk with the portfolio benchmarks'
 * data set. Resolves with what the fill wrote. The host is stopped again; the caller starts its own.
 */
export async function prepareManyHoldings(browser: Browser, dataDir: string, opts: ManyHoldingsOptions): ReturnType<typeof fill> {
  const host = await spawnWebHost({ dataDir, env: offlineProviderEnv(), ...(opts.cliPath ? { cliPath: opts.cliPath } : {}) });
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 860 }, colorScheme: 'light' });
    const page = await context.newPage();
    await page.goto(host.url);
    await createProfileThroughFirstRun(page, { username: opts.username, password: opts.password, start: 'paper' });
    await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Portfolio', exact: true }).click();
    await page.getByRole('heading', { name: 'Portfolio', level: 1 }).waitFor();
    // Signing out waits for the last page to be saved with the profile's settings.
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Sign in', level: 1 }).waitFor();
    await context.close();
  } finally {
    await host.stop();
  }
  const [id] = readdirSync(join(dataDir, 'profiles'));
  const file = join(dataDir, 'profiles', id!, 'bourse.db');
  const profile = await openProfileStore(file, profileKeyOf(file, opts.password));
  const market = await openMarketStore(join(dataDir, 'market.db'));
  try {
    return await fill(profile, market, opts.activities);
  } finally {
    await profile.close();
    await market.close();
  }
}
