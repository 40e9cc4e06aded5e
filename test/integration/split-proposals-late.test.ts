import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startFeedServer, type FeedServer } from '../../feed/server.js';
import type { App } from '../../main/compose.js';
import type { SplitProposalView } from '../../shared/contract/index.js';
import { startFixtureServer, type FixtureServer } from '../support/fixture-server.js';
import { callerOf, composeWithWorker, setEnv, until as untilAfter } from '../support/worker-app.js';

/**
 * The usual order: an instrument is added (its first sync covers five years and asks for its splits at once), then
 * the past-dated buy that makes it held. The split (AAPL 4-for-1 on 2020-08-31, Yahoo's chart events from the
 * loopback fixture server) reached main while nothing was held; it is proposed when the buy is recorded, with no new
 * download, and not later (the next syncs fetch only the last days, which do not reach the split). Likewise a split
 * published while another profile was signed in comes to the profile holding it at its sign-in, and one published
 * before a restart is still proposed when the holding is recorded after it (the profile keeps it in its database).
 */
describe('a split published before the holding was recorded', () => {
  let fixture: FixtureServer;
  let feed: FeedServer;
  let dir: string;
  let app: App;
  let restoreEnv: () => void;
  let k = 0;
  const key = () => `late-${process.pid}-${++k}`;

  beforeAll(async () => {
    fixture = await startFixtureServer();
    restoreEnv = setEnv(fixture.env);
  });
  afterAll(async () => {
    restoreEnv();
    await fixture.close();
  });
  beforeEach(async () => {
    today = '2020-12-01';
    fixture.reset();
    fixture.clearRequests();
    fixture.setScenario('yahoo', 'splits');
    feed = await startFeedServer({ port: 0, mode: 'simulate', symbols: [], seedPrices: {}, rate: 1 });
    dir = mkdtempSync(join(tmpdir(), 'bourse-proposals-late-'));
    app = await open();
  });
  afterEach(async () => {
    await app.close();
    await feed.close();
    rmSync(dir, { recursive: true, force: true });
  });

  let today = '2020-12-01';
  // Months after the split (a refresh's last days do not reach it), unless a test says otherwise.
  const open = () => composeWithWorker(dir, { today: () => today, feedUrl: feed.url });
  const call = callerOf(() => app);
  const until = <T>(probe: () => Promise<T>, ok: (v: T) => boolean, ms = 10_000) => untilAfter(probe, ok, ms);
  const yahooRequests = () => fixture.requestsFor('yahoo').length;
  /**
   * The runner's request for the splits over the whole job (after its last daily chunk): monthly bars from the
   * job's first day, five years back. (Daily chunks ask for their own range's splits too, to undo Yahoo's adjustment.)
   */
  const jobSplitsCount = () => fixture.requestsFor('yahoo').filter((r) => r.query.interval === '1mo' && Number(r.query.period1) <= Date.parse('2016-01-01') / 1000).length;
  const jobSplitsAsked = () => jobSplitsCount() > 0;
  const proposals = () => call<SplitProposalView[]>('corporate:proposals', { all: true });

  /** A profile with cash, then AAPL added: its first sync runs and asks for the splits while nothing is held. */
  async function addedBeforeTheBuy(): Promise<void> {
    await call('profile:create', { username: 'sam', password: 'correct horse' });
    await call('activity:record', { type: 'deposit', currency: 'USD', amount: '10000', date: '2020-08-03', idempotencyKey: key() });
    await call('instrument:add', { symbol: 'AAPL', name: 'Apple Inc.', assetClass: 'stock', quoteCurrency: 'USD' });
    await until(async () => jobSplitsAsked(), (asked) => asked);
    // The answer crosses to main a macrotask later and is checked on the profile's writer: nothing was held.
    await new Promise((r) => setTimeout(r, 300));
    expect(await proposals()).toEqual([]);
  }

  it('is proposed when the buy is recorded, without a new download', async () => {
    await addedBeforeTheBuy();
    const asked = yahooRequests();
    await call('activity:record', { type: 'buy', symbol: 'AAPL', quantity: '10', price: '400', date: '2020-08-03', idempotencyKey: key() });
    const [p] = await until(proposals, (ps) => ps.length > 0);
    expect([p!.symbol, p!.date, p!.numerator, p!.denominator, p!.provider, p!.state]).toEqual(['AAPL', '2020-08-31', '4', '1', 'yahoo', 'proposed']);
    // Only the split of a day the buy holds: the 7-for-1 of 2014 is before it (and outside the five years).
    expect(await proposals()).toHaveLength(1);
    expect(yahooRequests()).toBe(asked);
  });

  it('a buy after the split date brings none, one before it does, and a dismissed one does not come back', async () => {
    await addedBeforeTheBuy();
    await call('activity:record', { type: 'buy', symbol: 'AAPL', quantity: '10', price: '130', date: '2020-09-01', idempotencyKey: key() });
    await new Promise((r) => setTimeout(r, 300));
    expect(await proposals()).toEqual([]);
    await call('activity:record', { type: 'buy', symbol: 'AAPL', quantity: '1', price: '400', date: '2020-08-10', idempotencyKey: key() });
    const [p] = await until(proposals, (ps) => ps.length > 0);
    await call('corporate:dismiss', { id: p!.id });
    await call('activity:record', { type: 'buy', symbol: 'AAPL', quantity: '1', price: '400', date: '2020-08-11', idempotencyKey: key() });
    await new Promise((r) => setTimeout(r, 300));
    expect((await proposals()).map((x) => x.state)).toEqual(['dismissed']);
  });

  /** Closes the app and opens it again on the same data folder (the run's memory is gone), then signs in. */
  async function restart(username = 'sam'): Promise<void> {
    await app.close();
    app = await open();
    await call('profile:login', { username, password: 'correct horse' });
  }

  it('is proposed when the buy is recorded after a restart, without a new download of it', async () => {
    await addedBeforeTheBuy();
    await restart();
    // The sign-in's refresh fetches only the last days: Yahoo is not asked again for the splits of August.
    const asked = jobSplitsCount();
    await call('activity:record', { type: 'buy', symbol: 'AAPL', quantity: '10', price: '400', date: '2020-08-03', idempotencyKey: key() });
    const [p] = await until(proposals, (ps) => ps.length > 0);
    expect([p!.symbol, p!.date, p!.numerator, p!.denominator, p!.provider, p!.state]).toEqual(['AAPL', '2020-08-31', '4', '1', 'yahoo', 'proposed']);
    expect(jobSplitsCount()).toBe(asked);
  });

  it('a proposal still to decide is there after a restart, and a dismissed one does not come back after one', async () => {
    await addedBeforeTheBuy();
    await call('activity:record', { type: 'buy', symbol: 'AAPL', quantity: '10', price: '400', date: '2020-08-03', idempotencyKey: key() });
    const [p] = await until(proposals, (ps) => ps.length > 0);
    await restart();
    expect((await call<SplitProposalView[]>('corporate:proposals', {})).map((x) => [x.id, x.state])).toEqual([[p!.id, 'proposed']]);
    await call('corporate:dismiss', { id: p!.id });
    await restart();
    // The log changes at a past date again: whatever the profile kept is checked once more.
    await call('activity:record', { type: 'buy', symbol: 'AAPL', quantity: '1', price: '400', date: '2020-08-11', idempotencyKey: key() });
    await new Promise((r) => setTimeout(r, 300));
    expect((await proposals()).map((x) => [x.id, x.state])).toEqual([[p!.id, 'dismissed']]);
    expect(await call<SplitProposalView[]>('corporate:proposals', {})).toEqual([]);
  });

  it('a split published while another profile was signed in is proposed at the sign-in of one that held it', async () => {
    // Two days after the split: a forced refresh's last days reach it.
    today = '2020-09-02';
    await app.close();
    app = await open();
    // Kim holds AAPL since August; her sync found no split (Yahoo's answer then had none).
    fixture.setScenario('yahoo', 'normal');
    await call('profile:create', { username: 'kim', password: 'correct horse' });
    await call('activity:record', { type: 'deposit', currency: 'USD', amount: '10000', date: '2020-08-03', idempotencyKey: key() });
    await call('instrument:add', { symbol: 'AAPL', name: 'Apple Inc.', assetClass: 'stock', quoteCurrency: 'USD' });
    await call('activity:record', { type: 'buy', symbol: 'AAPL', quantity: '10', price: '400', date: '2020-08-03', idempotencyKey: key() });
    await until(async () => jobSplitsAsked(), (asked) => asked);
    await new Promise((r) => setTimeout(r, 300));
    expect(await proposals()).toEqual([]);
    await call('profile:logout', {});

    // Sam, holding nothing, syncs again: now Yahoo publishes the split, which is nothing to Sam.
    fixture.setScenario('yahoo', 'splits');
    await call('profile:create', { username: 'sam', password: 'correct horse' });
    await call('instrument:add', { symbol: 'AAPL', name: 'Apple Inc.', assetClass: 'stock', quoteCurrency: 'USD' });
    const before = jobSplitsCount();
    await call('sync:run', {});
    // The job fetches every day since five years back (Sam has no activity to reach back to), then the splits.
    await until(async () => jobSplitsCount(), (n) => n > before);
    await new Promise((r) => setTimeout(r, 300));
    expect(await proposals()).toEqual([]);
    await call('profile:logout', {});

    // Kim signs in: AAPL was synced minutes ago, so nothing is downloaded, and the split is proposed to her.
    const asked = yahooRequests();
    await call('profile:login', { username: 'kim', password: 'correct horse' });
    const [p] = await until(proposals, (ps) => ps.length > 0);
    expect([p!.symbol, p!.date, p!.numerator, p!.denominator, p!.provider]).toEqual(['AAPL', '2020-08-31', '4', '1', 'yahoo']);
    expect(yahooRequests()).toBe(asked);
  });

  it('one published while another profile was signed in is kept by a profile of whose catalogue it is, across a restart', async () => {
    today = '2020-09-02';
    await app.close();
    app = await open();
    // Kim has AAPL in her catalogue, not held yet; her sync found no split.
    fixture.setScenario('yahoo', 'normal');
    await call('profile:create', { username: 'kim', password: 'correct horse' });
    await call('activity:record', { type: 'deposit', currency: 'USD', amount: '10000', date: '2020-08-03', idempotencyKey: key() });
    await call('instrument:add', { symbol: 'AAPL', name: 'Apple Inc.', assetClass: 'stock', quoteCurrency: 'USD' });
    await until(async () => jobSplitsAsked(), (asked) => asked);
    await new Promise((r) => setTimeout(r, 300));
    await call('profile:logout', {});

    // Sam's sync publishes the split; nobody holds AAPL on its date.
    fixture.setScenario('yahoo', 'splits');
    await call('profile:create', { username: 'sam', password: 'correct horse' });
    await call('instrument:add', { symbol: 'AAPL', name: 'Apple Inc.', assetClass: 'stock', quoteCurrency: 'USD' });
    const before = jobSplitsCount();
    await call('sync:run', {});
    await until(async () => jobSplitsCount(), (n) => n > before);
    await new Promise((r) => setTimeout(r, 300));
    await call('profile:logout', {});

    // Kim signs in (nothing to propose: she holds nothing), then the app restarts and she records the buy.
    await call('profile:login', { username: 'kim', password: 'correct horse' });
    await new Promise((r) => setTimeout(r, 300));
    expect(await proposals()).toEqual([]);
    fixture.setScenario('yahoo', 'normal');
    await restart('kim');
    await call('activity:record', { type: 'buy', symbol: 'AAPL', quantity: '10', price: '400', date: '2020-08-03', idempotencyKey: key() });
    const [p] = await until(proposals, (ps) => ps.length > 0);
    expect([p!.symbol, p!.date, p!.numerator, p!.denominator, p!.provider, p!.state]).toEqual(['AAPL', '2020-08-31', '4', '1', 'yahoo', 'proposed']);
  });
});
