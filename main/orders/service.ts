import type { OrderDetail, OrderPlaceRequest, OrderQuote, OrderView } from '../../shared/contract/index.js';
import { AppError } from '../../shared/errors.js';
import type { OrderState } from '../../shared/orders/index.js';
import { withIdempotency } from '../store/idempotency.js';
import { statements } from '../store/statements.js';
import { flushDueBooks } from './aggregation-book.js';
import { finish } from './booking.js';
import type { InstrumentRow, OrderContext, OrderDeps, PlacingRow, Touched } from './context.js';
import { notInCatalogue } from './figures.js';
import { matchLimits } from './limit-matching.js';
import { placeIn } from './placing.js';
import { orderDetail, quoteIn } from './queries.js';
import { listOrders, ORDER_SQL, type OrderRow } from './repo.js';
import { orderView } from './views.js';

export type { OrderDeps } from './context.js';

/**
 * Orders of one profile (docs/design.md#orders): placing (placing.ts: validation, guards, reservation, and for a
 * market order the fill, all in one transaction), small-order aggregation books (aggregation-book.ts), limit orders
 * filled when the live price crosses them (limit-matching.ts), cancellation, and the views (queries.ts). Every move
 * of cash or units goes through the ledger (main/ledger/), so every wallet balance stays the sum of its entries and
 * nothing goes negative. This class holds what lives between transactions and announces what each one changed.
 */
export class OrderService {
  private readonly ctx: OrderContext;
  /** Quote currency per symbol as last read, so placing an order reads the instrument once (see place()). */
  private readonly quoteCurrency = new Map<string, string>();
  private busy = new Set<string>();
  private closed = false;

  constructor(private readonly deps: OrderDeps) {
    this.ctx = { deps, now: deps.now ?? Date.now, recent: [], limitSymbols: new Set() };
  }

  /**
   * After a restart: orders left `pending` never reached the venue (the paper venue settles inside the placing
   * transaction, so only a crash of a future two-phase venue leaves one), so they fail and release what they held.
   * Open limit orders and aggregation books need nothing: they are rows, picked up by the next tick and timer.
   */
  async recover(): Promise<void> {
    const touched: Touched = new Map();
    await this.deps.store.writer.write((db) => {
      const sql = statements(db, ORDER_SQL);
      for (const o of sql.pending.all() as OrderRow[]) finish(this.ctx, db, o, 'failed', 'Interrupted before the venue answered; nothing was bought or sold.', touched);
      this.ctx.limitSymbols = new Set((sql.openSymbols.all() as { symbol: string }[]).map((r) => r.symbol));
    });
    this.announce(touched);
  }

  close(): void {
    this.closed = true;
  }

  async quote(req: Omit<OrderPlaceRequest, 'idempotencyKey' | 'confirm'>): Promise<OrderQuote> {
    const inst = await this.instrument(req.symbol);
    const usd = await this.deps.usdRate(inst.quote_currency);
    return this.deps.store.writer.read((db) => quoteIn(this.ctx, db, req, inst, usd));
  }

  async place(req: OrderPlaceRequest): Promise<OrderView> {
    for (;;) {
      // The quote currency decides the USD rate, looked up (possibly asynchronously) before the transaction, which
      // must not await. Remembered per symbol so an order costs one transaction, not two; the transaction re-reads
      // the instrument and starts over if its currency is no longer the one the rate was looked up for.
      const currency = this.quoteCurrency.get(req.symbol) ?? (await this.instrument(req.symbol)).quote_currency;
      const [usd, lastClose] = await Promise.all([this.deps.usdRate(currency), this.deps.lastClose(req.symbol)]);
      const touched: Touched = new Map();
      const nowMs = this.ctx.now();
      const at = new Date(nowMs).toISOString();
      const view = await this.deps.store.writer.write((db) => {
        const inst = statements(db, ORDER_SQL).placing.get(req.symbol) as PlacingRow | undefined;
        if (!inst) throw notInCatalogue(req.symbol);
        if (inst.quote_currency !== currency) return undefined;
        return withIdempotency(db, 'orders:place', req, at, () => {
          const v = placeIn(this.ctx, db, { req, inst, usd, lastClose, nowMs, at }, touched);
          // Counted inside the transaction, so the next queued order sees it (nothing after this can fail).
          this.ctx.recent.push(nowMs);
          return v;
        });
      });
      if (!view) {
        this.quoteCurrency.delete(req.symbol);
        continue;
      }
      this.quoteCurrency.set(req.symbol, currency);
      this.announce(touched);
      return view;
    }
  }

  async cancel(id: string, idempotencyKey: string): Promise<OrderView> {
    const touched: Touched = new Map();
    const at = new Date(this.ctx.now()).toISOString();
    const view = await this.deps.store.writer.write((db) =>
      withIdempotency(db, 'orders:cancel', { id, idempotencyKey }, at, () => {
        const o = statements(db, ORDER_SQL).order.get(id) as OrderRow | undefined;
        if (!o) throw new AppError('NOT_FOUND', 'There is no such order.', { id });
        if (o.state !== 'open' && o.state !== 'aggregating' && o.state !== 'pending') {
          throw new AppError('ILLEGAL_TRANSITION', `This order is ${o.state} and can no longer be cancelled.`, { id, state: o.state });
        }
        return orderView(finish(this.ctx, db, o, 'cancelled', 'Cancelled by you.', touched));
      }),
    );
    this.announce(touched);
    return view;
  }

  list(q: { states?: OrderState[]; symbol?: string; limit?: number; before?: string }): Promise<OrderView[]> {
    return this.deps.store.writer.read((db) => listOrders(db, q).map(orderView));
  }

  get(id: string): Promise<OrderDetail> {
    return this.deps.store.writer.read((db) => orderDetail(db, id));
  }

  /** The aggregation timer: fills every book whose window has closed (and which has a fresh price). */
  async tick(): Promise<void> {
    if (this.closed) return;
    const windowMs = this.deps.settings().trading.aggregationWindowSeconds * 1000;
    const touched: Touched = new Map();
    await this.deps.store.writer.write((db) => flushDueBooks(this.ctx, db, windowMs, touched));
    this.announce(touched);
  }

  /** Live prices arrived: fill the open limit orders they cross. */
  async onPrices(prices: readonly { symbol: string; price: string | null; stale: boolean }[]): Promise<void> {
    const crossing = prices.filter((p) => p.price !== null && !p.stale && this.ctx.limitSymbols.has(p.symbol) && !this.busy.has(p.symbol));
    if (this.closed || crossing.length === 0) return;
    for (const p of crossing) this.busy.add(p.symbol);
    const touched: Touched = new Map();
    try {
      await this.deps.store.writer.write((db) => matchLimits(this.ctx, db, crossing as { symbol: string; price: string }[], touched));
    } finally {
      for (const p of crossing) this.busy.delete(p.symbol);
    }
    this.announce(touched);
  }

  private instrument(symbol: string): Promise<InstrumentRow> {
    return this.deps.store.writer.read((db) => {
      const row = statements(db, ORDER_SQL).instrument.get(symbol) as InstrumentRow | undefined;
      if (!row) throw notInCatalogue(symbol);
      return row;
    });
  }

  private announce(touched: Touched): void {
    // Drops the times older than a minute from the front (they are in acceptance order), without a copy per order.
    const recent = this.ctx.recent;
    const cut = this.ctx.now() - 60_000;
    let old = 0;
    while (old < recent.length && recent[old]! <= cut) old++;
    if (old > 0) recent.splice(0, old);
    if (touched.size === 0) return;
    let filled = false;
    for (const row of touched.values()) {
      this.deps.events.emit('orders:changed', orderView(row));
      if (row.state === 'filled') filled = true;
    }
    if (filled) this.deps.events.emit('portfolio:changed', { reason: 'fill' });
  }
}
