import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startFeedServer, type FeedServer } from '../../feed/server.js';
import type { App } from '../../main/compose.js';
import type { SplitProposalView } from '../../shared/contract/index.js';
import { startFixtureServer, type FixtureServer } from '../support/fixture-server.js';
import { positionsIn } from '../support/profile-rows.js';
import { callerOf, composeWithWorker, setEnv, until } from '../support/worker-app.js';

/**
 * Split proposals end to end: the real sync runner asks the provider for the splits over the days it synced (Yahoo's
 * chart events from the loopback fixture server: AAPL 4-for-1 on 2020-08-31), main keeps a split of an instrument
 * held on its date as a proposal, applies nothing, and records it only when the user confirms.
 */
describe('split proposals', () => {
  let fixture: FixtureServer;
  let feed: FeedServer;
  let dir: string;
  let app: App;
  let events: { event: string; payload: unknown }[];
  let restoreEnv: () => void;
  let k = 0;
  const key = () => `proposal-${process.pid}-${++k}`;

  beforeAll(async () => {
    fixture = await startFixtureServer();
    restoreEnv = setEnv(fixture.env);
  });
  afterAll(async () => {
    restoreEnv();
    await fixture.close();
  });
  beforeEach(async () => {
    fixture.reset();
    fixture.clearRequests();
    fixture.setScenario('yahoo', 'splits');
    feed = await startFeedServer({ port: 0, mode: 'simulate', symbols: [], seedPrices: {}, rate: 1 });
    dir = mkdtempSync(join(tmpdir(), 'bourse-proposals-'));
    app = await composeWithWorker(dir, { today: () => '2020-09-02', feedUrl: feed.url });
    events = [];
    app.events.subscribe((e) => events.push(e));
    await call('profile:create', { username: 'sam', password: 'correct horse' });
    await call('instrument:add', { symbol: 'AAPL', name: 'Apple Inc.', assetClass: 'stock', quoteCurrency: 'USD' });
    await call('activity:record', { type: 'deposit', currency: 'USD', amount: '10000', date: '2020-08-03', idempotencyKey: key() });
  });
  afterEach(async () => {
    await app.close();
    await feed.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const call = callerOf(() => app);
  const positions = () => positionsIn(dir);
  /** Syncs AAPL (a job, then its splits) and waits until the runner has asked Yahoo for the splits. */
  const synced = async () => {
    const asked = () => fixture.requestsFor('yahoo').filter((r) => r.query.events === 'split').length;
    const before = asked();
    await call('sync:run', {});
    await until(async () => asked(), (n) => n > before);
    // The answer crosses to main a macrotask later, and main writes it on its writer.
    await new Promise((r) => setTimeout(r, 200));
  };

  it('proposes a split of a held instrument, applies nothing, records it when confirmed', async () => {
    await call('activity:record', { type: 'buy', symbol: 'AAPL', quantity: '10', price: '400', date: '2020-08-03', idempotencyKey: key() });
    await synced();
    const proposals = await until(() => call<SplitProposalView[]>('corporate:proposals', {}), (ps) => ps.length > 0);
    expect(proposals.map((p) => [p.symbol, p.date, p.numerator, p.denominator, p.provider, p.state])).toEqual([['AAPL', '2020-08-31', '4', '1', 'yahoo', 'proposed']]);
    expect(events.some((e) => e.event === 'corporate:proposals' && (e.payload as { proposed: number }).proposed === 1)).toBe(true);
    // Nothing applied silently.
    expect(positions()).toEqual(['main AAPL 10']);

    const done = await call<{ proposal: SplitProposalView; activity: { id: string; type: string; numerator: string; denominator: string; note: string | null } }>('corporate:confirm', { id: proposals[0]!.id, idempotencyKey: key() });
    expect([done.proposal.state, done.activity.type, done.activity.numerator, done.activity.denominator]).toEqual(['confirmed', 'split', '4', '1']);
    // Who published it is kept in the proposal (provider, ratio, date) and linked to the activity, not written as a
    // note in one language: the pages say it in the reader's.
    expect(done.proposal.activityId).toBe(done.activity.id);
    expect(done.activity.note).toBeNull();
    expect(positions()).toEqual(['main AAPL 40']);
    expect(await call('corporate:proposals', {})).toEqual([]);

    // The next sync publishes the same split: it is recorded already, so it is not proposed again.
    await synced();
    expect(await call('corporate:proposals', {})).toEqual([]);
    expect((await call<SplitProposalView[]>('corporate:proposals', { all: true })).map((p) => p.state)).toEqual(['confirmed']);
    const again = await app.dispatch('corporate:confirm', { id: proposals[0]!.id, idempotencyKey: key() });
    expect(again.ok ? 'ok' : again.error.code).toBe('INVALID_INPUT');
  });

  it('a dismissed split is not proposed again and changes nothing', async () => {
    await call('activity:record', { type: 'buy', symbol: 'AAPL', quantity: '10', price: '400', date: '2020-08-03', idempotencyKey: key() });
    await synced();
    const [p] = await until(() => call<SplitProposalView[]>('corporate:proposals', {}), (ps) => ps.length > 0);
    expect((await call<SplitProposalView>('corporate:dismiss', { id: p!.id })).state).toBe('dismissed');
    await synced();
    expect(await call('corporate:proposals', {})).toEqual([]);
    expect(positions()).toEqual(['main AAPL 10']);
    const missing = await app.dispatch('corporate:dismiss', { id: 'nope' });
    expect(missing.ok ? 'ok' : missing.error.code).toBe('NOT_FOUND');
  });

  it('a proposal whose split was recorded by hand since is not confirmed: the holding is split once', async () => {
    await call('activity:record', { type: 'buy', symbol: 'AAPL', quantity: '10', price: '400', date: '2020-08-03', idempotencyKey: key() });
    await synced();
    const [p] = await until(() => call<SplitProposalView[]>('corporate:proposals', {}), (ps) => ps.length > 0);
    await call('activity:record', { type: 'split', symbol: 'AAPL', date: '2020-08-31', numerator: '4', denominator: '1', idempotencyKey: key() });
    expect(positions()).toEqual(['main AAPL 40']);
    const twice = await app.dispatch('corporate:confirm', { id: p!.id, idempotencyKey: key() });
    expect(twice.ok ? 'ok' : twice.error.code).toBe('DUPLICATE');
    expect(positions()).toEqual(['main AAPL 40']);
    expect((await call<SplitProposalView>('corporate:dismiss', { id: p!.id })).state).toBe('dismissed');
  });

  it('a split of an instrument bought only after it is not proposed', async () => {
    await call('activity:record', { type: 'buy', symbol: 'AAPL', quantity: '10', price: '130', date: '2020-09-01', idempotencyKey: key() });
    await synced();
    // The runner did ask over days that include the split (the sync reaches back to the profile's first activity).
    const asked = fixture.requestsFor('yahoo').filter((r) => r.query.events === 'split');
    expect(asked.some((r) => Number(r.query.period1) <= Date.parse('2020-08-31') / 1000)).toBe(true);
    expect(await call('corporate:proposals', { all: true })).toEqual([]);
  });
});
