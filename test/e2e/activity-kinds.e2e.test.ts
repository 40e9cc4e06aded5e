import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seriousViolations } from '../support/e2e-axe.js';
import { createProfileThroughFirstRun } from '../support/e2e-first-run.js';
import { screenshotDir } from '../support/screenshots.js';
import { type WebHost, invokeOn, spawnWebHost } from '../support/web-host.js';
import { launchChromium, seeText, shots } from '../support/e2e-page.js';

/**
 * The Activity list's rows that move no money of the profile, in Debian's Chromium against the built browser host
 * (`npm run build` first): a transfer of units and one of cash between two accounts say what moved from which account
 * to which, in a neutral colour (no green $0.00), and transfers, splits, reverse splits, stock dividends and symbol
 * changes each have a label of their own. axe-core in both themes; screenshots light and dark, in English and German.
 */
const SHOTS = screenshotDir();
const PASSWORD = 'correct horse battery';

let browser: Browser;
let dataDir: string;
let host: WebHost | null = null;
const problems: string[] = [];

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  dataDir = mkdtempSync(join(tmpdir(), 'bourse-e2e-activity-kinds-'));
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await host?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

const invoke = <T>(channel: string, payload: unknown) => invokeOn<T>(host!, channel, payload);

let k = 0;
const key = () => `e2e-kinds-${++k}`;

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

/** Each row of the table as its cells' texts. */
async function rows(table: Locator): Promise<string[][]> {
  return table.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent?.trim() ?? '')));
}

function watch(page: Page): void {
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
  page.on('console', (msg) => {
    if (msg.type() === 'error' && !/Failed to load resource|net::ERR_/.test(msg.text())) problems.push(`console: ${msg.text()}`);
  });
}

describe('activity kinds in the browser host', () => {
  it('transfers say what moved between which accounts, neutrally; each kind has its own label', async () => {
    host = await spawnWebHost({ dataDir });
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, colorScheme: 'light', locale: 'en-US' });
    const page = await context.newPage();
    watch(page);
    await page.goto(host.url);
    await createProfileThroughFirstRun(page, { username: 'ida', password: PASSWORD, fromSignIn: true });

    await invoke('instrument:add', { symbol: 'AAPL', name: 'Apple Inc.', assetClass: 'stock', quoteCurrency: 'USD' });
    await invoke('instrument:add', { symbol: 'META', name: 'Meta Platforms', assetClass: 'stock', quoteCurrency: 'USD' });
    await invoke('instrument:add', { symbol: 'FB', name: 'Facebook', assetClass: 'stock', quoteCurrency: 'USD' });
    const broker = await invoke<{ id: string }>('account:create', { name: 'Broker', kind: 'brokerage' });
    await invoke('activity:record', { type: 'deposit', currency: 'USD', amount: '5000', date: '2024-01-02', idempotencyKey: key() });
    await invoke('activity:record', { type: 'buy', symbol: 'AAPL', quantity: '10', price: '100', date: '2024-01-03', idempotencyKey: key() });
    await invoke('activity:record', { type: 'buy', symbol: 'FB', quantity: '2', price: '300', date: '2024-01-03', idempotencyKey: key() });
    await invoke('account:transfer', { fromAccountId: 'main', toAccountId: broker.id, date: '2024-02-01', symbol: 'AAPL', quantity: '4', idempotencyKey: key() });
    await invoke('account:transfer', { fromAccountId: 'main', toAccountId: broker.id, date: '2024-02-02', currency: 'USD', amount: '250', idempotencyKey: key() });
    await invoke('activity:record', { type: 'split', symbol: 'AAPL', date: '2024-03-01', numerator: '2', denominator: '1', idempotencyKey: key() });
    await invoke('activity:record', { type: 'split', symbol: 'AAPL', date: '2024-04-01', numerator: '1', denominator: '2', idempotencyKey: key() });
    await invoke('activity:record', { type: 'stock-dividend', symbol: 'AAPL', date: '2024-05-01', numerator: '1', denominator: '10', idempotencyKey: key() });
    await invoke('activity:record', { type: 'symbol-change', symbol: 'FB', newSymbol: 'META', date: '2024-06-03', idempotencyKey: key() });

    await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Activity', exact: true }).click();
    const table = page.getByRole('table', { name: 'Recently added activities' });
    await expect.poll(async () => (await rows(table)).length, { timeout: 15_000 }).toBe(11);
    const seen = (await rows(table)).map(([, type, details, cash, , note]) => [type, details, cash, note]);
    expect(seen.slice(0, 8)).toEqual([
      ['Symbol change', 'FB is now META', '—', '—'],
      ['Stock dividend', 'AAPL: 1 new for every 10 held', '—', '—'],
      ['Reverse split', 'AAPL 1 for 2, in every account', '—', '—'],
      ['Split', 'AAPL 2 for 1, in every account', '—', '—'],
      ['Transfer in', '$250.00 from Main to Broker', '+$250.00', '—'],
      ['Transfer out', '$250.00 from Main to Broker', '-$250.00', '—'],
      ['Transfer in', '4 AAPL from Main to Broker', '—', '—'],
      ['Transfer out', '4 AAPL from Main to Broker', '—', '—'],
    ]);
    // Neither green nor red for money that stayed in the profile; each kind's label has its own class.
    const transferCash = table.locator('tbody tr').nth(4).locator('td').nth(3);
    expect(await transferCash.getAttribute('class')).toBe('num amount transfer');
    const colours = await table.locator('tbody tr .kind').evaluateAll((spans) => spans.map((s) => `${s.textContent}: ${getComputedStyle(s).color}`));
    const byLabel = new Map(colours.map((c) => [c.split(': ')[0], c.split(': ')[1]]));
    expect(new Set(['Transfer in', 'Split', 'Stock dividend', 'Symbol change', 'Deposit', 'Buy'].map((l) => byLabel.get(l))).size).toBe(6);

    await shots(page, 'activity-kinds');
    const violations = await audit(page, 'Activity with transfers and corporate actions');
    expect(violations).toEqual([]);

    // The History page reads a cash transfer's legs as a transfer too, with the accounts where no note was given,
    // neither red nor green.
    await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'History', exact: true }).click();
    const history = page.getByRole('rowgroup', { name: 'History entries' });
    const historyRows = () =>
      history.locator('[role="row"]').evaluateAll((trs) =>
        trs.map((tr) => {
          const cell = (c: string) => tr.querySelector(`.hc-${c}`);
          return [cell('type')?.textContent ?? '', cell('amount')?.textContent ?? '', cell('note')?.textContent ?? '', cell('amount')?.className ?? ''];
        }),
      );
    await expect.poll(async () => (await historyRows()).filter(([type]) => type!.startsWith('Transfer')).length, { timeout: 15_000 }).toBe(4);
    const transfers = (await historyRows()).filter(([type]) => type!.startsWith('Transfer'));
    expect(transfers.filter(([, amount]) => amount!.includes('250'))).toEqual(
      expect.arrayContaining([
        ['Transfer out', '-$250.00', 'From Main to Broker', 'hcell hc-amount num'],
        ['Transfer in', '+$250.00', 'From Main to Broker', 'hcell hc-amount num'],
      ]),
    );
    // Splits and transfers of units move no cash: a dash, neither red nor green (not a green $0.00).
    const noCash = (await historyRows()).filter(([type]) => type === 'Split' || type === 'Reverse split' || type === 'Stock dividend');
    expect(noCash.length).toBeGreaterThanOrEqual(3);
    for (const row of noCash) expect([row[0], row[1], row[3]]).toEqual([row[0], '—', 'hcell hc-amount num']);
    // The totals leave out the legs that stayed in the accounts shown (all of them) and say so.
    const totals = page.getByRole('region', { name: 'Totals' });
    await seeText(totals, '4 entries are legs of transfers between the accounts shown: money that stayed, in neither In nor Out.');
    await shots(page, 'history-transfers');
    expect(await audit(page, 'History with transfers')).toEqual([]);

    // The type filter finds every leg of a transfer, cash and units, and nothing else.
    await page.getByRole('region', { name: 'Filters' }).getByLabel('Type').selectOption({ label: 'Transfers' });
    await expect.poll(async () => (await historyRows()).map(([type, amount]) => `${type} ${amount}`).sort(), { timeout: 15_000 }).toEqual(['Transfer in +$250.00', 'Transfer in —', 'Transfer out -$250.00', 'Transfer out —']);
    await seeText(totals, 'Entries4 entries');
    await shots(page, 'history-transfers-filter');
    expect(await audit(page, 'History filtered to transfers')).toEqual([]);
    await page.getByRole('region', { name: 'Filters' }).getByLabel('Type').selectOption({ label: 'All types' });

    // One account shown: its transfer out is money out of it (Main: $1,600.00 of buys and the $250.00 to Broker).
    await page.getByRole('button', { name: 'Main', exact: true, pressed: false }).click();
    await seeText(totals, 'Out$1,850.00');
    expect(await totals.textContent()).not.toContain('legs of transfers');
    await shots(page, 'history-transfers-account');

    // In German, from a browser that speaks it.
    const de = await browser.newContext({ viewport: { width: 1400, height: 900 }, colorScheme: 'light', locale: 'de-DE' });
    const dePage = await de.newPage();
    watch(dePage);
    // The browser host has one session (main's): the second window opens signed in.
    await dePage.goto(host.url);
    await dePage.getByRole('navigation', { name: 'Hauptnavigation' }).getByRole('button', { name: 'Aktivitäten', exact: true }).click();
    const deTable = dePage.getByRole('table', { name: 'Zuletzt hinzugefügte Aktivitäten' });
    await expect.poll(async () => (await rows(deTable)).length, { timeout: 15_000 }).toBe(11);
    const deSeen = (await rows(deTable)).map(([, type, details]) => [type, details]);
    expect(deSeen[2]).toEqual(['Umgekehrter Split', 'AAPL 1 für 2, in allen Konten']);
    expect(deSeen[7]).toEqual(['Übertrag aus', '4 AAPL von Main nach Broker']);
    await shots(dePage, 'activity-kinds-de');
    expect(problems).toEqual([]);
  }, 180_000);
});
