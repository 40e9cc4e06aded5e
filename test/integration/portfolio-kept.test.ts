import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PortfolioSnapshot } from '../../shared/contract/portfolio.js';
import { DEFAULT_SETTINGS, type Settings } from '../../shared/contract/settings.js';
import { PortfolioService } from '../../main/portfolio/service.js';
import type { Store } from '../../main/store/data-source.js';
import { openMarketStore } from '../../main/store/market-store.js';
import { openProfileStore } from '../../main/store/profile-store.js';
import { testKey } from '../support/db-key.js';

/**
 * The kept snapshot (docs/design.md#the-kept-snapshot) across two sessions on real encrypted SQLite files: the first
 * computes the live snapshot and keeps it when it closes; the second, on the database opened again, answers its first
 * request with the kept figures, marked, before any replay, and the fresh ones after. A change of the log, the base
 * currency or the accounts in between means the kept figures are not shown at all.
 */
let dir: string;
let profile: Store;
let market: Store;
let settings: Settings;
let seq = 0;
const today = '2024-03-08';
const now = Date.parse('2024-03-08T15:00:00Z');

const sql = (store: Store, text: string, ...args: unknown[]) => store.writer.write((db) => db.prepare(text).run(...args));
const activity = (type: string, date: string, currency: string, amount: string, symbol?: string, quantity?: string, price?: string) =>
  sql(
    profile,
    `INSERT INTO activities (id, type, date, symbol, quantity, price, fee, currency, amount, source, created_at) VALUES (?, ?, ?, ?, ?, ?, '0', ?, ?, 'manual', ?)`,
    `act-${++seq}`,
    type,
    date,
    symbol ?? null,
    quantity ?? null,
    price ?? null,
    currency,
    amount,
    `${date}T12:00:00.000Z`,
  );

/** A session: the service as profile-scope.ts builds it. */
function session() {
  const errors: unknown[] = [];
  const service = new PortfolioService({
    profile,
    market,
    livePrice: () => undefined,
    settings: () => settings,
    today: () => today,
    now: () => now,
    logError: (_m, err) => errors.push(err),
  });
  return { service, errors };
}

/** Sign-out and sign-in again: the service keeps its snapshot on close, the profile database is closed and reopened. */
async function signOutIn(service: PortfolioService): Promise<void> {
  await service.close();
  await profile.close();
  profile = await openProfileStore(join(dir, 'bourse.db'), testKey);
}

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'bourse-portfolio-kept-'));
  profile = await openProfileStore(join(dir, 'bourse.db'), testKey);
  market = await openMarketStore(join(dir, 'market.db'));
  settings = { ...DEFAULT_SETTINGS, baseCurrency: 'USD', costMethod: 'fifo' };
  seq = 0;
  await sql(profile, `INSERT INTO instruments (symbol, name, asset_class, quote_currency, created_at, updated_at) VALUES ('AAPL', 'Apple Inc.', 'stock', 'USD', 'x', 'x')`);
  await activity('deposit', '2024-03-01', 'USD', '10000.00');
  await activity('buy', '2024-03-01', 'USD', '1000.00', 'AAPL', '10', '100');
  await sql(profile, `INSERT INTO wallets (currency, balance, reserved, created_at, updated_at) VALUES ('USD', '9000.00', '0', 'x', 'x') ON CONFLICT(account_id, currency) DO UPDATE SET balance = excluded.balance`);
  for (const [d, c] of [['2024-03-01', '100'], ['2024-03-07', '130']] as const) {
    await sql(market, `INSERT INTO daily_bars (symbol, date, source, currency, close) VALUES ('AAPL', ?, 'yahoo', 'USD', ?)`, d, c);
  }
});

afterEach(async () => {
  await profile.close();
  await market.close();
  rmSync(dir, { recursive: true, force: true });
});

/** The first session: one live snapshot (10 AAPL at 130 + 9,000 cash = 10,300), kept on sign-out. */
async function firstSession(): Promise<PortfolioSnapshot> {
  const { service, errors } = session();
  const first = PortfolioSnapshot.parse(await service.snapshot({ kept: true }));
  expect(first.kept).toBeUndefined(); // nothing was kept yet: computed
  expect(first.totals.value).toBe('10300.00');
  expect(service.replays).toBe(1);
  await signOutIn(service);
  expect(errors).toEqual([]);
  return first;
}

describe('the kept snapshot', () => {
  it('answers a second sign-in with the kept figures, marked with their time, before any replay; the fresh ones follow', async () => {
    const first = await firstSession();
    const { service } = session();
    const answer = PortfolioSnapshot.parse(await service.snapshot({ kept: true }));
    expect(service.replays).toBe(0);
    expect(answer.kept).toEqual({ computedAt: first.asOf });
    expect(answer.totals).toEqual(first.totals);
    expect(answer.holdings.map((h) => [h.symbol, h.quantity, h.marketValue])).toEqual([['AAPL', '10', '1300.00']]);
    // The page asks again at once (renderer/src/stores/portfolio.ts): the fresh snapshot, replayed.
    const live = PortfolioSnapshot.parse(await service.snapshot({ kept: true }));
    expect(live.kept).toBeUndefined();
    expect(live.totals.value).toBe('10300.00');
    expect(service.replays).toBe(1);
    await service.snapshot({ kept: true });
    expect(service.replays).toBe(1); // kept in memory now: later requests replay nothing
    await signOutIn(service);
  });

  it('is only answered to a request that allows it, and only once a session', async () => {
    await firstSession();
    const a = session();
    expect((await a.service.snapshot()).kept).toBeUndefined();
    expect(a.service.replays).toBe(1);
    await signOutIn(a.service);
    const b = session();
    expect((await b.service.snapshot({ kept: true })).kept).toBeDefined();
    expect((await b.service.snapshot({ kept: true })).kept).toBeUndefined();
    await signOutIn(b.service);
  });

  it('is not shown when the log changed since it was kept', async () => {
    await firstSession();
    await activity('deposit', '2024-03-06', 'USD', '500.00');
    await sql(profile, `UPDATE wallets SET balance = '9500.00' WHERE currency = 'USD'`);
    const { service } = session();
    const answer = PortfolioSnapshot.parse(await service.snapshot({ kept: true }));
    expect(answer.kept).toBeUndefined();
    expect(answer.totals.value).toBe('10800.00');
    expect(service.replays).toBe(1);
    await signOutIn(service);
  });

  it('is not shown when an activity was added without moving a wallet (the log alone changed)', async () => {
    await firstSession();
    await activity('dividend', '2024-03-06', 'USD', '1.00', 'AAPL');
    const { service } = session();
    expect((await service.snapshot({ kept: true })).kept).toBeUndefined();
    await signOutIn(service);
  });

  it('is not shown when the base currency or the cost method changed', async () => {
    await firstSession();
    settings = { ...settings, baseCurrency: 'EUR' };
    const a = session();
    const inEur = await a.service.snapshot({ kept: true });
    expect(inEur.kept).toBeUndefined();
    expect(inEur.baseCurrency).toBe('EUR');
    await signOutIn(a.service);
    // The EUR snapshot is kept now: back to USD, neither is shown.
    settings = { ...settings, baseCurrency: 'USD', costMethod: 'average' };
    const b = session();
    expect((await b.service.snapshot({ kept: true })).kept).toBeUndefined();
    await signOutIn(b.service);
  });

  it('is not shown when the accounts changed', async () => {
    await firstSession();
    await sql(profile, `INSERT INTO accounts (id, name, kind, cost_method, archived, created_at, updated_at) VALUES ('acc-2', 'Broker', 'brokerage', 'lifo', 0, 'x', 'x')`);
    const a = session();
    expect((await a.service.snapshot({ kept: true })).kept).toBeUndefined();
    await signOutIn(a.service);
    // A change of an account's cost-basis method alone.
    await sql(profile, `UPDATE accounts SET cost_method = 'hifo' WHERE id = 'acc-2'`);
    const b = session();
    expect((await b.service.snapshot({ kept: true })).kept).toBeUndefined();
    await signOutIn(b.service);
  });

  it('is not kept when the log moved between the snapshot and the write', async () => {
    const { service } = session();
    await service.snapshot();
    await activity('deposit', '2024-03-06', 'USD', '500.00');
    await service.flushKept();
    const row = await profile.writer.read((db) => db.prepare('SELECT COUNT(*) AS n FROM kept_snapshots').get() as { n: number });
    expect(row.n).toBe(0);
    await signOutIn(service);
  });

  it('is written at most once per interval however many snapshots are computed', async () => {
    const { service } = session();
    await service.snapshot();
    await service.flushKept();
    const stamp = () => profile.writer.read((db) => db.prepare(`SELECT computed_at AS c FROM kept_snapshots`).get() as { c: string } | undefined);
    const firstStamp = (await stamp())?.c;
    expect(firstStamp).toBeDefined();
    // Later snapshots (as on ticks) within KEEP_EVERY_MS of the first write leave the kept row alone until it is due.
    await service.snapshot();
    await service.snapshot();
    await new Promise((r) => setTimeout(r, 50));
    expect((await stamp())?.c).toBe(firstStamp);
    await signOutIn(service);
  });
});
