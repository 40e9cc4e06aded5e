import type BetterSqlite3 from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import type { OrderDetail, OrderPlaceRequest, OrderQuote, OrderView, Settings } from '../../shared/contract/index.js';
import { AppError, type ErrorCode } from '../../shared/errors.js';
import { Dec, fractionDigits } from '../../shared/decimal/index.js';
import { toMoneyString } from '../../shared/money.js';
import {
  checkMaxValue,
  checkNearLastClose,
  checkOrderRate,
  estimateOrder,
  splitFill,
  type Estimate,
  type OrderError,
  type OrderState,
} from '../../shared/orders/index.js';
import type { EventHub } from '../events.js';
import { catalogueCurrency } from '../services/catalogue.js';
import { withIdempotency } from '../services/idempotency.js';
import { toEntry } from '../services/wallets.js';
import type { Store } from '../store/data-source.js';
import { statements } from '../store/statements.js';
import { availableCash, checkCash, checkUnits, insertActivity, moveCash, moveUnits, position, releaseCash, reserveCash, reserveUnits, wallet } from './accounts.js';
import { quantityDecimals, type LivePrice } from './market-view.js';
import { eventsJson, ORDER_SQL, orderValues, type BookRow, type OrderEvent, type OrderRow, type PositionRow, type WalletRow } from './sql.js';
import type { Venue, VenueFill } from './venue.js';
import { fillView, orderView } from './views.js';

export interface OrderDeps {
  store: Store;
  events: EventHub;
  venue: Venue;
  settings: () => Settings;
  /** The live price of a symbol, with staleness judged by the feed's rules. */
  price: (symbol: string) => LivePrice | undefined;
  /** USD per one unit of a currency (live FX, else the stored rate of today); undefined when unknown. */
  usdRate: (currency: string) => Promise<string | undefined>;
  /** The last daily close before today, for the fat-finger guard. */
  lastClose: (symbol: string) => Promise<string | undefined>;
  now?: () => number;
  /** Something the portfolio is computed from was written. */
  onActivity?: () => void;
}

interface InstrumentRow {
  symbol: string;
  name: string;
  asset_class: 'stock' | 'crypto';
  quote_currency: string;
}

/** Orders changed inside one transaction, announced after it commits. */
type Touched = Map<string, OrderRow>;

const PRICE_DIGITS = 10;

/** Every order's first event. */
const PENDING = (at: string): OrderEvent => ({ state: 'pending', note: null, at });

function refuse(e: OrderError): never {
  throw new AppError(e.code as ErrorCode, sentence(e.message), e.details);
}

/** What a fill moves in cash at the minor unit: a buy pays gross plus fee, a sell receives gross minus fee. */
function fillTotal(side: 'buy' | 'sell', fill: VenueFill, minorUnit: number): string {
  const gross = Dec.of(fill.gross);
  return toMoneyString(side === 'buy' ? gross.plus(fill.fee) : gross.minus(fill.fee), minorUnit);
}

/** An order's value in USD at 8 digits (half-even). */
function usdValue(gross: string, usd: string): string {
  return Dec.of(gross).times(usd).round(8).toFixed();
}

/** −quantity in its shortest form. */
function negated(quantity: string): string {
  return Dec.of(quantity).neg().toFixed();
}

function isZero(text: string): boolean {
  return Dec.of(text).isZero();
}

function notInCatalogue(symbol: string): AppError {
  return new AppError('NOT_FOUND', `${symbol} is not an instrument of your catalogue.`, { symbol });
}

function sentence(s: string): string {
  return s.length ? s[0]!.toUpperCase() + s.slice(1) + (s.endsWith('.') ? '' : '.') : s;
}

/**
 * Orders of one profile (issue 4, DESIGN §6): placing (validation, guards, reservation, and for a market order the
 * fill and its ledger entries, all in one transaction), small-order aggregation books, limit orders filled when
 * the live price crosses them, cancellation, and the views. Everything that moves cash or units goes through
 * accounts.ts, so every wallet balance stays the sum of its ledger and nothing goes negative.
 */
export class OrderService {
  private readonly now: () => number;
  /** Accepted orders' times for the per-minute guard (the last minute only). */
  private recent: number[] = [];
  /** Symbols with open limit orders: ticks for other symbols cost nothing. */
  private limitSymbols = new Set<string>();
  /** Quote currency per symbol as last read, so placing an order reads the instrument once (see place()). */
  private readonly quoteCurrency = new Map<string, string>();
  private busy = new Set<string>();
  private closed = false;

  constructor(private readonly deps: OrderDeps) {
    this.now = deps.now ?? Date.now;
  }

  /**
   * After a restart: orders left `pending` never reached the venue (the paper venue settles inside the placing
   * transaction, so only a crash of a future two-phase venue leaves one), so they fail and release what they held.
   * Open limit orders and aggregation books need nothing: they are rows, picked up by the next tick and timer.
   */
  async recover(): Promise<void> {
    const touched: Touched = new Map();
    await this.deps.store.writer.sync((db) => {
      const sql = statements(db, ORDER_SQL);
      for (const o of sql.pending.all() as OrderRow[]) this.finish(db, o, 'failed', 'Interrupted before the venue answered; nothing was bought or sold.', touched);
      this.limitSymbols = new Set((sql.openSymbols.all() as { symbol: string }[]).map((r) => r.symbol));
    });
    this.announce(touched);
  }

  close(): void {
    this.closed = true;
  }

  async quote(req: Omit<OrderPlaceRequest, 'idempotencyKey' | 'confirm'>): Promise<OrderQuote> {
    const inst = await this.instrument(req.symbol);
    const usd = await this.deps.usdRate(inst.quote_currency);
    return this.deps.store.writer.sync((db) => {
      const cur = catalogueCurrency(db, inst.quote_currency);
      const live = this.deps.price(req.symbol);
      const t = this.deps.settings().trading;
      const ref = req.type === 'market' ? live?.price : req.limitPrice;
      let estimate: Estimate | null = null;
      let problem: string | null = null;
      if (!ref) problem = req.type === 'limit' ? 'Enter a limit price.' : `No live price for ${req.symbol} yet.`;
      else if (req.quantity === undefined && req.amount === undefined) problem = null; // price and wallet only
      else {
        const est = estimateOrder({
          side: req.side,
          price: ref,
          spreadBps: req.type === 'market' ? t.spreadBps : '0',
          fee: { rate: t.feeRate, minimum: t.feeMinimum },
          minorUnit: cur.minorUnit,
          quantityDecimals: quantityDecimals(inst.asset_class),
          quantity: req.quantity,
          amount: req.amount,
        });
        if (est.ok) estimate = est.data;
        else problem = sentence(est.error.message);
      }
      const w = (statements(db, ORDER_SQL).wallet.get(inst.quote_currency) as { balance: string; reserved: string } | undefined) ?? { balance: '0', reserved: '0' };
      const p = position(db, req.symbol);
      const valueUsd = estimate && usd ? Dec.of(estimate.gross).times(usd) : undefined;
      return {
        symbol: req.symbol,
        currency: inst.quote_currency,
        price: live?.price ?? null,
        priceTs: live?.ts ?? null,
        source: live?.source ?? null,
        simulated: live?.simulated ?? false,
        stale: live ? live.stale : true,
        estimate,
        problem,
        cash: {
          balance: toMoneyString(Dec.of(w.balance), cur.minorUnit),
          reserved: toMoneyString(Dec.of(w.reserved), cur.minorUnit),
          available: toMoneyString(Dec.of(w.balance).minus(w.reserved), cur.minorUnit),
        },
        holding: { quantity: p.quantity, reserved: p.reserved, available: Dec.of(p.quantity).minus(p.reserved).toFixed() },
        aggregated: req.type === 'market' && valueUsd !== undefined && this.isSmall(valueUsd.toFixed(), t),
      };
    });
  }

  async place(req: OrderPlaceRequest): Promise<OrderView> {
    for (;;) {
      // The quote currency decides the USD rate, looked up (possibly asynchronously) before the transaction, which
      // must not await. Remembered per symbol so an order costs one transaction, not two; the transaction re-reads
      // the instrument and starts over if its currency is no longer the one the rate was looked up for.
      const currency = this.quoteCurrency.get(req.symbol) ?? (await this.instrument(req.symbol)).quote_currency;
      const [usd, lastClose] = await Promise.all([this.deps.usdRate(currency), this.deps.lastClose(req.symbol)]);
      const touched: Touched = new Map();
      const nowMs = this.now();
      const at = new Date(nowMs).toISOString();
      const view = await this.deps.store.writer.sync((db) => {
        const inst = statements(db, ORDER_SQL).instrument.get(req.symbol) as InstrumentRow | undefined;
        if (!inst) throw notInCatalogue(req.symbol);
        if (inst.quote_currency !== currency) return undefined;
        return withIdempotency(db, 'orders:place', req, at, () => {
          const v = this.placeIn(db, req, inst, usd, lastClose, nowMs, at, touched);
          // Counted inside the transaction, so the next queued order sees it (nothing after this can fail).
          this.recent.push(nowMs);
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
    const at = new Date(this.now()).toISOString();
    const view = await this.deps.store.writer.sync((db) =>
      withIdempotency(db, 'orders:cancel', { id, idempotencyKey }, at, () => {
        const o = statements(db, ORDER_SQL).order.get(id) as OrderRow | undefined;
        if (!o) throw new AppError('NOT_FOUND', 'There is no such order.', { id });
        if (o.state !== 'open' && o.state !== 'aggregating' && o.state !== 'pending') {
          throw new AppError('ILLEGAL_TRANSITION', `This order is ${o.state} and can no longer be cancelled.`, { id, state: o.state });
        }
        return orderView(this.finish(db, o, 'cancelled', 'Cancelled by you.', touched));
      }),
    );
    this.announce(touched);
    return view;
  }

  list(q: { states?: OrderState[]; symbol?: string; limit?: number; before?: string }): Promise<OrderView[]> {
    return this.deps.store.writer.sync((db) => {
      const where: string[] = [];
      const args: unknown[] = [];
      if (q.states?.length) {
        where.push(`state IN (${q.states.map(() => '?').join(', ')})`);
        args.push(...q.states);
      }
      if (q.symbol) {
        where.push('symbol = ?');
        args.push(q.symbol);
      }
      if (q.before) {
        where.push('rowid < (SELECT rowid FROM orders WHERE id = ?)');
        args.push(q.before);
      }
      const sql = `SELECT * FROM orders ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY rowid DESC LIMIT ?`;
      return (db.prepare(sql).all(...args, q.limit ?? 100) as OrderRow[]).map(orderView);
    });
  }

  get(id: string): Promise<OrderDetail> {
    return this.deps.store.writer.sync((db) => {
      const sql = statements(db, ORDER_SQL);
      const o = sql.order.get(id) as OrderRow | undefined;
      if (!o) throw new AppError('NOT_FOUND', 'There is no such order.', { id });
      const ledger = (sql.ledgerOf.all(id) as { id: number; currency: string; kind: string; amount: string; balance_after: string; note: string | null; created_at: string; order_id: string }[]).map((r) =>
        toEntry({ id: r.id, walletId: 0, kind: r.kind, amount: r.amount, balanceAfter: r.balance_after, note: r.note, createdAt: r.created_at, orderId: r.order_id, activityId: null }, r.currency),
      );
      return {
        ...orderView(o),
        fills: (sql.fills.all(id) as Parameters<typeof fillView>[0][]).map(fillView),
        ledger,
        events: JSON.parse(o.events) as OrderDetail['events'],
      };
    });
  }

  /** The aggregation timer: fills every book whose window has closed (and which has a fresh price). */
  async tick(): Promise<void> {
    if (this.closed) return;
    const windowMs = this.deps.settings().trading.aggregationWindowSeconds * 1000;
    const touched: Touched = new Map();
    await this.deps.store.writer.sync((db) => {
      const now = this.now();
      for (const b of statements(db, ORDER_SQL).books.all() as BookRow[]) {
        if (now >= b.opened_at + windowMs) this.flushBook(db, b, 'window', touched);
      }
    });
    this.announce(touched);
  }

  /** Live prices arrived: fill the open limit orders they cross. */
  async onPrices(prices: readonly { symbol: string; price: string | null; stale: boolean }[]): Promise<void> {
    const crossing = prices.filter((p) => p.price !== null && !p.stale && this.limitSymbols.has(p.symbol) && !this.busy.has(p.symbol));
    if (this.closed || crossing.length === 0) return;
    for (const p of crossing) this.busy.add(p.symbol);
    const touched: Touched = new Map();
    try {
      await this.deps.store.writer.sync((db) => {
        const sql = statements(db, ORDER_SQL);
        for (const p of crossing) {
          for (const o of sql.openLimits.all(p.symbol) as OrderRow[]) this.tryLimit(db, o, p.price!, touched);
          if ((sql.openLimits.all(p.symbol) as OrderRow[]).length === 0) this.limitSymbols.delete(p.symbol);
        }
      });
    } finally {
      for (const p of crossing) this.busy.delete(p.symbol);
    }
    this.announce(touched);
  }

  // ---- inside the transaction ---------------------------------------------------------------------------------

  private placeIn(
    db: BetterSqlite3.Database,
    req: OrderPlaceRequest,
    inst: InstrumentRow,
    usd: string | undefined,
    lastClose: string | undefined,
    nowMs: number,
    at: string,
    touched: Touched,
  ): OrderView {
    const sql = statements(db, ORDER_SQL);
    const cur = catalogueCurrency(db, inst.quote_currency);
    const qd = quantityDecimals(inst.asset_class);
    if (req.quantity && fractionDigits(req.quantity) > qd) {
      throw new AppError('INVALID_AMOUNT', `${inst.symbol} trades in at most ${qd} decimal places.`, { quantity: req.quantity, decimals: qd });
    }
    if (req.amount && fractionDigits(req.amount) > cur.minorUnit) {
      throw new AppError('INVALID_AMOUNT', `${cur.code} amounts have at most ${cur.minorUnit} decimal places.`, { amount: req.amount });
    }
    if (req.limitPrice && fractionDigits(req.limitPrice) > PRICE_DIGITS) {
      throw new AppError('INVALID_AMOUNT', `A limit price has at most ${PRICE_DIGITS} decimal places.`, { limitPrice: req.limitPrice });
    }
    const live = this.deps.price(inst.symbol);
    const market = req.type === 'market';
    if (!live) throw new AppError('STALE_PRICE', `There is no live price for ${inst.symbol} yet, so Bourse cannot check this order.`, { symbol: inst.symbol });
    if (live.stale) {
      throw new AppError('STALE_PRICE', `The price of ${inst.symbol} is out of date (${Math.round((nowMs - live.ts) / 1000)} s old): wait for a live price.`, {
        symbol: inst.symbol,
        ageMs: nowMs - live.ts,
      });
    }
    const t = this.deps.settings().trading;
    const fee = { rate: t.feeRate, minimum: t.feeMinimum };
    const est = estimateOrder({
      side: req.side,
      price: market ? live.price : req.limitPrice!,
      spreadBps: market ? t.spreadBps : '0',
      fee,
      minorUnit: cur.minorUnit,
      quantityDecimals: qd,
      quantity: req.quantity,
      amount: req.amount,
    });
    if (!est.ok) refuse(est.error);
    const e = est.data;
    const valueUsd = usd ? usdValue(e.gross, usd) : undefined;
    const guards = [
      () => checkNearLastClose({ price: market ? live.price : req.limitPrice!, lastClose, maxDeviation: t.maxDeviation, confirmed: req.confirm }),
      () => {
        const r = checkMaxValue({ value: valueUsd ?? '0', max: isZero(t.maxOrderValueUsd) || !valueUsd ? undefined : t.maxOrderValueUsd });
        // The maximum is set in USD; say so, since the order itself may be in another currency.
        return r.ok ? r : { ok: false as const, error: { ...r.error, details: { ...r.error.details, currency: 'USD' } } };
      },
      () => checkOrderRate({ recent: this.recent, now: nowMs, perMinute: t.ordersPerMinute }),
    ];
    for (const g of guards) {
      const r = g();
      if (!r.ok) refuse(r.error);
    }
    const id = randomUUID();
    const small = market && valueUsd !== undefined && this.isSmall(valueUsd, t);
    // Reserve in this transaction: the cash a buy may use (by amount: all of it), the units a sell gives.
    const reserved = req.side === 'buy' ? (market && req.amount ? req.amount : e.total) : e.quantity;
    // A new order's row, nothing filled yet: written as it is (pending) or in its final state (placeImmediate).
    const row: OrderRow = {
      id,
      symbol: inst.symbol,
      asset_class: inst.asset_class,
      side: req.side,
      type: req.type,
      quantity: req.quantity ?? null,
      amount: req.amount ?? null,
      limit_price: req.limitPrice ?? null,
      currency: cur.code,
      state: 'pending',
      reserved,
      filled_quantity: '0',
      average_price: null,
      gross: '0',
      fee: '0',
      total: '0',
      venue: this.deps.venue.id,
      book_id: null,
      value_usd: valueUsd ?? null,
      reason: null,
      created_at: at,
      updated_at: at,
      events: eventsJson([PENDING(at)]),
    };
    if (market && !small) return this.placeImmediate(db, row, { quantity: e.quantity, mid: live.price, minorUnit: cur.minorUnit }, touched);
    if (req.side === 'buy') reserveCash(db, cur.code, cur.minorUnit, reserved, at);
    else reserveUnits(db, inst.symbol, reserved, at);
    sql.insertOrderRow.run(...orderValues(row));
    let order = sql.order.get(id) as OrderRow;
    if (small) {
      const bookId = `${this.deps.venue.id}|${inst.symbol}|${req.side}`;
      let book = sql.book.get(bookId) as BookRow | undefined;
      if (!book) {
        sql.insertBook.run(bookId, this.deps.venue.id, inst.symbol, req.side, nowMs);
        book = sql.book.get(bookId) as BookRow;
      }
      order = this.setState(db, order, 'aggregating', null, touched, bookId);
      const total = (sql.bookMembers.all(bookId) as OrderRow[]).reduce((s, m) => s.plus(m.value_usd ?? '0'), Dec.ZERO);
      if (total.gte(t.aggregationThresholdUsd)) this.flushBook(db, book, 'threshold', touched);
    } else {
      order = this.setState(db, order, 'open', null, touched);
      this.limitSymbols.add(inst.symbol);
      this.tryLimit(db, order, live.price, touched);
    }
    return orderView(statements(db, ORDER_SQL).order.get(id) as OrderRow);
  }

  private isSmall(valueUsd: string, t: Settings['trading']): boolean {
    if (isZero(t.aggregationThresholdUsd)) return false;
    return Dec.of(valueUsd).lt(t.aggregationThresholdUsd);
  }

  /**
   * A market order the venue settles at once. Its reservation would be taken and consumed inside this one
   * transaction, invisible to everyone, so only its net effect is written: the same availability check a reservation
   * makes (same refusal), then the order row in its final state, its two events in one statement, and the fill's
   * bookings. Half the statements of reserve → insert → fill → update, and each row written once (bench/orders.ts).
   */
  private placeImmediate(db: BetterSqlite3.Database, pending: OrderRow, p: { quantity: string; mid: string; minorUnit: number }, touched: Touched): OrderView {
    const { id, side, symbol, currency, created_at: at } = pending;
    const sql = statements(db, ORDER_SQL);
    // The row the check read, handed to the booking: nothing writes to this wallet or position in between.
    const held = side === 'buy' ? { cash: checkCash(db, currency, p.minorUnit, pending.reserved, at) } : { units: checkUnits(db, symbol, pending.reserved) };
    const result = this.deps.venue.execute({ symbol, side, quantity: p.quantity, mid: p.mid, minorUnit: p.minorUnit });
    const base = { ...pending, reserved: '0', limit_price: null };
    // The row as written, kept here rather than read back (a test compares it with what orders:get reads).
    let row: OrderRow;
    if (!result.ok) {
      const reason = sentence(result.reason);
      row = { ...base, state: 'rejected', reason, events: eventsJson([PENDING(at), { state: 'rejected', note: reason, at }]) };
      sql.insertOrderRow.run(...orderValues(row));
    } else {
      const f = result.fill;
      const events = eventsJson([PENDING(at), { state: 'filled', note: null, at }]);
      row = { ...base, state: 'filled', filled_quantity: f.quantity, average_price: f.price, gross: f.gross, fee: f.fee, total: fillTotal(side, f, p.minorUnit), events };
      // The order row first: the fill, the activity and the ledger entry reference it.
      sql.insertOrderRow.run(...orderValues(row));
      this.book(db, row, f, p.minorUnit, '0', at, held);
    }
    touched.set(id, row);
    return orderView(row);
  }

  /** A limit order fills when the venue's execution price is at or better than its limit. */
  private tryLimit(db: BetterSqlite3.Database, o: OrderRow, mid: string, touched: Touched): void {
    const mu = catalogueCurrency(db, o.currency).minorUnit;
    const quantity = o.side === 'sell' ? o.reserved : this.buyQuantity(db, o, mid);
    if (!quantity) return;
    const result = this.deps.venue.execute({ symbol: o.symbol, side: o.side, quantity, mid, minorUnit: mu, limit: o.limit_price ?? undefined });
    if (!result.ok) return; // not crossed yet
    try {
      this.settle(db, o, result.fill, touched);
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      this.finish(db, o, 'failed', err.message, touched);
    }
  }

  /** The quantity a buy gets: as asked, or (by amount) the most the reserved cash buys at this price. */
  private buyQuantity(db: BetterSqlite3.Database, o: OrderRow, mid: string): string | undefined {
    if (o.quantity) return o.quantity;
    const t = this.deps.settings().trading;
    const est = estimateOrder({
      side: 'buy',
      price: mid,
      spreadBps: t.spreadBps,
      fee: { rate: t.feeRate, minimum: t.feeMinimum },
      minorUnit: catalogueCurrency(db, o.currency).minorUnit,
      quantityDecimals: quantityDecimals(o.asset_class),
      amount: o.type === 'market' ? o.reserved : o.amount!,
    });
    return est.ok ? est.data.quantity : undefined;
  }

  /**
   * One venue order for the whole book, split back pro rata at its average price (shared/orders/aggregation.ts).
   * A member whose share now costs more than it reserved and its wallet can cover (the price rose while it waited)
   * fails and is released, and the venue order is re-made without it. Without a fresh price the book waits.
   */
  private flushBook(db: BetterSqlite3.Database, book: BookRow, reason: 'threshold' | 'window', touched: Touched): void {
    const sql = statements(db, ORDER_SQL);
    const live = this.deps.price(book.symbol);
    let members = sql.bookMembers.all(book.id) as OrderRow[];
    if (members.length === 0) {
      sql.deleteBook.run(book.id);
      return;
    }
    if (!live || live.stale) return;
    const mu = catalogueCurrency(db, members[0]!.currency).minorUnit;
    const qd = quantityDecimals(members[0]!.asset_class);
    for (;;) {
      const wanted = members.map((m) => ({ orderId: m.id, quantity: m.side === 'sell' ? m.reserved : this.buyQuantity(db, m, live.price) }));
      const unfillable = members.filter((_, i) => !wanted[i]!.quantity || Dec.of(wanted[i]!.quantity!).isZero());
      for (const m of unfillable) this.finish(db, m, 'failed', 'The amount is too small for one unit at the current price.', touched);
      members = members.filter((m) => !unfillable.includes(m));
      if (members.length === 0) break;
      const parts = wanted.filter((w) => members.some((m) => m.id === w.orderId)) as { orderId: string; quantity: string }[];
      const total = parts.reduce((s, p) => s.plus(p.quantity), Dec.ZERO).toFixed();
      const result = this.deps.venue.execute({ symbol: book.symbol, side: book.side, quantity: total, mid: live.price, minorUnit: mu });
      if (!result.ok) {
        for (const m of members) this.finish(db, m, 'rejected', sentence(result.reason), touched);
        break;
      }
      // Quantities and the fee split pro rata (largest remainder); each member's gross is its quantity × the average
      // price at the minor unit, the same rule every other trade settles by, so the activity log replays to the
      // ledger exactly. The venue order's gross is the sum of its members' (within half a minor unit per member of
      // quantity × price on the total).
      const split = splitFill(parts, result.fill, { quantityDecimals: qd, minorUnit: mu }).map((p) => ({
        ...p,
        gross: Dec.of(p.quantity).times(result.fill.price).round(mu).toFixed(mu),
      }));
      const short = members.filter((m, i) => m.side === 'buy' && Dec.of(split[i]!.gross).plus(split[i]!.fee).gt(Dec.of(m.reserved).plus(availableCash(wallet(db, m.currency, m.created_at)))));
      if (short.length) {
        for (const m of short) this.finish(db, m, 'failed', 'The price rose while the order waited and its cash no longer covers it.', touched);
        members = members.filter((m) => !short.includes(m));
        continue;
      }
      const note = `${reason === 'threshold' ? 'Book reached the threshold' : 'Book window closed'}: ${members.length} orders, venue order ${result.fill.venueOrderId}`;
      members.forEach((m, i) => {
        const part = split[i]!;
        this.settle(db, m, { venueOrderId: result.fill.venueOrderId, quantity: part.quantity, price: result.fill.price, gross: part.gross, fee: part.fee }, touched, note);
      });
      break;
    }
    sql.deleteBook.run(book.id);
  }

  /** Settles a fill of an order that holds a reservation (aggregated or limit): the bookings, then the order filled. */
  private settle(db: BetterSqlite3.Database, o: OrderRow, fill: VenueFill, touched: Touched, note: string | null = null): void {
    const sql = statements(db, ORDER_SQL);
    const at = new Date(this.now()).toISOString();
    const mu = catalogueCurrency(db, o.currency).minorUnit;
    const total = this.book(db, o, fill, mu, o.reserved, at);
    sql.setFilled.run(fill.quantity, fill.price, fill.gross, fill.fee, total, at, note, at, o.id);
    touched.set(o.id, sql.order.get(o.id) as OrderRow);
  }

  /**
   * Books a fill: the activity, cash (releasing what a buy reserved) and units (releasing what a sell reserved), and
   * the fill row. Returns the order's total at the minor unit. The order row itself is the caller's to write.
   */
  private book(
    db: BetterSqlite3.Database,
    o: Pick<OrderRow, 'id' | 'symbol' | 'side' | 'currency'>,
    fill: VenueFill,
    mu: number,
    release: string,
    at: string,
    held: { cash?: WalletRow; units?: PositionRow } = {},
  ): string {
    const total = fillTotal(o.side, fill, mu);
    const activityId = insertActivity(db, {
      type: o.side,
      date: at.slice(0, 10),
      symbol: o.symbol,
      quantity: fill.quantity,
      price: fill.price,
      fee: fill.fee,
      currency: o.currency,
      amount: total,
      orderId: o.id,
      source: 'order',
      at,
      deferIndex: true,
    });
    if (o.side === 'buy') {
      moveCash(db, { currency: o.currency, minorUnit: mu, amount: `-${total}`, kind: 'buy', at, orderId: o.id, activityId, release, note: `Bought ${fill.quantity} ${o.symbol}` }, held.cash);
      moveUnits(db, o.symbol, fill.quantity, at);
    } else {
      moveUnits(db, o.symbol, negated(fill.quantity), at, release, held.units);
      moveCash(db, { currency: o.currency, minorUnit: mu, amount: total, kind: 'sell', at, orderId: o.id, activityId, note: `Sold ${fill.quantity} ${o.symbol}` });
    }
    statements(db, ORDER_SQL).insertFill.run(o.id, fill.quantity, fill.price, fill.gross, fill.fee, fill.venueOrderId, at);
    this.deps.onActivity?.();
    return total;
  }

  /** Ends an order without a fill (cancelled, rejected, failed) and returns what it held. */
  private finish(db: BetterSqlite3.Database, o: OrderRow, state: 'cancelled' | 'rejected' | 'failed', reason: string, touched: Touched): OrderRow {
    const at = new Date(this.now()).toISOString();
    if (!Dec.of(o.reserved).isZero()) {
      if (o.side === 'buy') releaseCash(db, o.currency, catalogueCurrency(db, o.currency).minorUnit, o.reserved, at);
      else moveUnits(db, o.symbol, '0', at, o.reserved);
    }
    const sql = statements(db, ORDER_SQL);
    const next = this.setState(db, { ...o, reserved: '0' }, state, reason, touched);
    if (o.book_id && (sql.bookMembers.all(o.book_id) as OrderRow[]).length === 0) sql.deleteBook.run(o.book_id);
    return next;
  }

  private setState(db: BetterSqlite3.Database, o: OrderRow, state: OrderState, reason: string | null, touched: Touched, bookId = o.book_id): OrderRow {
    const sql = statements(db, ORDER_SQL);
    const at = new Date(this.now()).toISOString();
    sql.setState.run(state, o.reserved, reason, bookId, at, state, reason, at, o.id);
    const row = sql.order.get(o.id) as OrderRow;
    touched.set(o.id, row);
    return row;
  }

  private instrument(symbol: string): Promise<InstrumentRow> {
    return this.deps.store.writer.sync((db) => {
      const row = statements(db, ORDER_SQL).instrument.get(symbol) as InstrumentRow | undefined;
      if (!row) throw notInCatalogue(symbol);
      return row;
    });
  }

  private announce(touched: Touched): void {
    // Drops the times older than a minute from the front (they are in acceptance order), without a copy per order.
    const cut = this.now() - 60_000;
    let old = 0;
    while (old < this.recent.length && this.recent[old]! <= cut) old++;
    if (old > 0) this.recent.splice(0, old);
    if (touched.size === 0) return;
    let filled = false;
    for (const row of touched.values()) {
      this.deps.events.emit('orders:changed', orderView(row));
      if (row.state === 'filled') filled = true;
    }
    if (filled) this.deps.events.emit('portfolio:changed', { reason: 'fill' });
  }
}
