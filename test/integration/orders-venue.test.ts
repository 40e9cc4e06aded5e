import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, type Settings } from '../../shared/contract/index.js';
import { EventHub } from '../../main/events.js';
import { OrderService } from '../../main/orders/service.js';
import { PaperVenue, type Venue, type VenueRequest, type VenueResult } from '../../main/orders/venue.js';
import type { Store } from '../../main/store/data-source.js';
import { openProfileStore } from '../../main/store/profile-store.js';
import { tradingProblems } from '../support/ledger-trading.js';
import { testKey } from '../support/db-key.js';

/**
 * The venue interface's failure path: a venue that refuses (a real venue can: market closed, symbol halted). The
 * paper venue never refuses a market order, so this venue wraps it and refuses on demand. Everything else is real:
 * the service, SQLite, the ledger.
 */
class HaltableVenue implements Venue {
  readonly id = 'paper';
  halted = false;
  private readonly paper = new PaperVenue(() => ({ spreadBps: '0', fee: { rate: '0' } }));
  execute(req: VenueRequest): VenueResult {
    return this.halted ? { ok: false, reason: `trading in ${req.symbol} is halted` } : this.paper.execute(req);
  }
  feeFor(gross: string, minorUnit: number): string {
    return this.paper.feeFor(gross, minorUnit);
  }
}

describe('a venue that refuses', () => {
  let dir: string;
  let store: Store;
  let venue: HaltableVenue;
  let orders: OrderService;
  let settings: Settings;
  let k = 0;
  const key = () => `venue-${++k}`;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'bourse-venue-'));
    store = await openProfileStore(join(dir, 'bourse.db'), testKey);
    await store.writer.write((db) => {
      db.prepare("INSERT INTO instruments (symbol, name, asset_class, quote_currency, created_at, updated_at) VALUES ('AAPL', 'Apple', 'stock', 'USD', 'x', 'x')").run();
      db.prepare("INSERT INTO wallets (currency, balance, reserved, created_at, updated_at) VALUES ('USD', '0.00', '0', 'x', 'x')").run();
    });
    venue = new HaltableVenue();
    settings = { ...DEFAULT_SETTINGS, trading: { ...DEFAULT_SETTINGS.trading, aggregationWindowSeconds: 1 } };
    orders = new OrderService({
      store,
      events: new EventHub(),
      venue,
      settings: () => settings,
      price: () => ({ price: '2', ts: Date.now(), source: 'test', simulated: false, stale: false }),
      usdRate: async () => '1',
      lastClose: async () => undefined,
    });
    await orders.recover();
    // Cash comes in the way the wallet service books it: a ledger entry and an activity (see test/support/trading.ts for the full app).
    await store.writer.write((db) => {
      db.prepare("INSERT INTO activities (id, type, date, currency, amount, source, created_at) VALUES ('dep-1', 'deposit', '2026-01-01', 'USD', '100.00', 'wallet', 'x')").run();
      db.prepare("INSERT INTO ledger_entries (wallet_id, kind, amount, balance_after, created_at, activity_id) VALUES (1, 'deposit', '100.00', '100.00', 'x', 'dep-1')").run();
      db.prepare("UPDATE wallets SET balance = '100.00'").run();
    });
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const wallet = () => store.writer.write((db) => db.prepare("SELECT balance, reserved FROM wallets WHERE currency = 'USD'").get() as { balance: string; reserved: string });

  it('rejects a market order in the placing transaction, leaving nothing reserved', async () => {
    venue.halted = true;
    const o = await orders.place({ idempotencyKey: key(), symbol: 'AAPL', side: 'buy', type: 'market', quantity: '10' });
    expect(o).toMatchObject({ state: 'rejected', reserved: '0', reason: 'Trading in AAPL is halted.' });
    // The reservation of an order the venue answers at once is never written (OrderService.placeImmediate).
    const w = await wallet();
    expect(w.balance).toBe('100.00');
    expect(Number(w.reserved)).toBe(0);
    expect((await orders.get(o.id)).events.map((e) => e.state)).toEqual(['pending', 'rejected']);
    const { fills: _f, ledger: _l, events: _e, ...stored } = await orders.get(o.id);
    expect(stored).toEqual(o);
  });

  it('rejects every member of an aggregation book when its venue order is refused, releasing each', async () => {
    const a = await orders.place({ idempotencyKey: key(), symbol: 'AAPL', side: 'buy', type: 'market', quantity: '1' });
    const b = await orders.place({ idempotencyKey: key(), symbol: 'AAPL', side: 'buy', type: 'market', quantity: '2' });
    expect([a.state, b.state]).toEqual(['aggregating', 'aggregating']);
    expect((await wallet()).reserved).toBe('6.00');
    venue.halted = true;
    await new Promise((r) => setTimeout(r, 1_100));
    await orders.tick();
    expect((await orders.get(a.id)).state).toBe('rejected');
    expect((await orders.get(b.id)).state).toBe('rejected');
    expect(await wallet()).toEqual({ balance: '100.00', reserved: '0.00' });
    expect(tradingProblems(join(dir, 'bourse.db'))).toEqual([]);
  });
});
