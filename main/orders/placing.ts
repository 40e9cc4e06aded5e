import { newRowId } from '../store/ids.js';
import type { OrderPlaceRequest, OrderView, Settings } from '../../shared/contract/index.js';
import type { Currency } from '../../shared/currencies.js';
import { AppError } from '../../shared/errors.js';
import { quantityDecimals } from '../../shared/market.js';
import { fractionDigits } from '../../shared/decimal/index.js';
import { checkMaxValue, checkNearLastClose, checkOrderRate, estimateOrder, type Estimate } from '../../shared/orders/index.js';
import { checkCash, reserveCash, unknownCurrency } from '../ledger/cash.js';
import { checkUnits, reserveUnits } from '../ledger/units.js';
import { statements } from '../store/statements.js';
import type { WriteDb } from '../store/writer.js';
import { orderAccount } from './account.js';
import { joinBook } from './aggregation-book.js';
import { book, setState } from './booking.js';
import type { InstrumentRow, OrderContext, PlacingRow, Touched } from './context.js';
import { fillTotal, isSmall, isZero, PENDING, PRICE_DIGITS, refuse, sentence, usdValue } from './figures.js';
import { tryLimit } from './limit-matching.js';
import type { LivePrice } from './market-view.js';
import { eventsJson, fillsJson, ORDER_SQL, orderValues, type OrderRow } from './repo.js';
import { orderView } from './views.js';

/** What placing an order knows before its transaction (looked up asynchronously). */
export interface PlaceInput {
  req: OrderPlaceRequest;
  /** The instrument with its quote currency, read in this transaction. */
  inst: PlacingRow;
  usd: string | undefined;
  lastClose: string | undefined;
  nowMs: number;
  at: string;
}

/**
 * Places an order inside the caller's transaction: validation, the live price, the guards, then by kind: a market
 * order the venue fills at once, a small one into its aggregation book, a limit order open (and filled if the price
 * already crosses it). Cash or units are reserved in the same transaction.
 */
export function placeIn(ctx: OrderContext, db: WriteDb, p: PlaceInput, touched: Touched): OrderView {
  const { req, inst, nowMs, at } = p;
  const account = orderAccount(db, req.accountId, ctx.deps.venue.id);
  const cur = quoteCurrency(inst);
  checkDigits(req, inst, cur);
  const live = freshPrice(ctx, inst.symbol, nowMs);
  const t = ctx.deps.settings().trading;
  const market = req.type === 'market';
  const e = estimate(req, market ? live.price : req.limitPrice!, market ? t.spreadBps : '0', t, cur, quantityDecimals(inst.asset_class));
  const valueUsd = p.usd ? usdValue(e.gross, p.usd) : undefined;
  guard(ctx, req, market ? live.price : req.limitPrice!, p.lastClose, valueUsd, nowMs, t);
  const small = market && valueUsd !== undefined && isSmall(valueUsd, t);
  // Reserve in this transaction: the cash a buy may use (by amount: all of it), the units a sell gives.
  const reserved = req.side === 'buy' ? (market && req.amount ? req.amount : e.total) : e.quantity;
  const row = newOrder(ctx, req, inst, cur, reserved, valueUsd, at, account);
  if (market && !small) return placeImmediate(ctx, db, row, { quantity: e.quantity, mid: live.price, minorUnit: cur.minorUnit }, touched);
  if (req.side === 'buy') reserveCash(db, cur.code, cur.minorUnit, reserved, at, account);
  else reserveUnits(db, inst.symbol, reserved, at, account);
  const sql = statements(db, ORDER_SQL);
  row.events = eventsJson([PENDING(at)]);
  sql.insertOrderRow.run(orderValues(row));
  const order = sql.order.get(row.id) as OrderRow;
  if (small) joinBook(ctx, db, order, nowMs, t.aggregationThresholdUsd, touched);
  else {
    const open = setState(ctx, db, order, 'open', null, touched);
    ctx.limitSymbols.add(inst.symbol);
    tryLimit(ctx, db, open, live.price, touched);
  }
  return orderView(sql.order.get(row.id) as OrderRow);
}

/** The order's currency from the placing read: catalogueCurrency's answer and refusal, without a read of its own. */
function quoteCurrency(inst: PlacingRow): Currency {
  if (inst.minor_unit === null || inst.currency_name === null) throw unknownCurrency(inst.quote_currency);
  return { code: inst.quote_currency, name: inst.currency_name, minorUnit: inst.minor_unit };
}

function checkDigits(req: OrderPlaceRequest, inst: InstrumentRow, cur: Currency): void {
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
}

/** The live price an order is checked against; refused when there is none or it is stale. */
function freshPrice(ctx: OrderContext, symbol: string, nowMs: number): LivePrice {
  const live = ctx.deps.price(symbol);
  if (!live) throw new AppError('STALE_PRICE', `There is no live price for ${symbol} yet, so Bourse cannot check this order.`, { symbol });
  if (live.stale) {
    throw new AppError('STALE_PRICE', `The price of ${symbol} is out of date (${Math.round((nowMs - live.ts) / 1000)} s old): wait for a live price.`, {
      symbol,
      ageMs: nowMs - live.ts,
    });
  }
  return live;
}

function estimate(req: OrderPlaceRequest, price: string, spreadBps: string, t: Settings['trading'], cur: Currency, quantityDecimals: number): Estimate {
  const est = estimateOrder({
    side: req.side,
    price,
    spreadBps,
    fee: { rate: t.feeRate, minimum: t.feeMinimum },
    minorUnit: cur.minorUnit,
    quantityDecimals,
    quantity: req.quantity,
    amount: req.amount,
  });
  if (!est.ok) refuse(est.error);
  return est.data;
}

/** The guards, in order: far from the last close (unless confirmed), above the maximum value, too many per minute. */
function guard(ctx: OrderContext, req: OrderPlaceRequest, price: string, lastClose: string | undefined, valueUsd: string | undefined, nowMs: number, t: Settings['trading']): void {
  const near = checkNearLastClose({ price, lastClose, maxDeviation: t.maxDeviation, confirmed: req.confirm });
  if (!near.ok) refuse(near.error);
  const max = checkMaxValue({ value: valueUsd ?? '0', max: isZero(t.maxOrderValueUsd) || !valueUsd ? undefined : t.maxOrderValueUsd });
  // The maximum is set in USD; say so, since the order itself may be in another currency.
  if (!max.ok) refuse({ ...max.error, details: { ...max.error.details, currency: 'USD' } });
  // Fewer orders remembered than the limit cannot be too many in a minute: the count walks the last minute's orders.
  if (ctx.recent.length >= t.ordersPerMinute) {
    const rate = checkOrderRate({ recent: ctx.recent, now: nowMs, perMinute: t.ordersPerMinute });
    if (!rate.ok) refuse(rate.error);
  }
}

/** A new order's row, nothing filled yet and no events: written pending, or in its final state (placeImmediate). */
function newOrder(ctx: OrderContext, req: OrderPlaceRequest, inst: InstrumentRow, cur: Currency, reserved: string, valueUsd: string | undefined, at: string, accountId: string): OrderRow {
  return {
    id: newRowId(),
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
    venue: ctx.deps.venue.id,
    book_id: null,
    value_usd: valueUsd ?? null,
    reason: null,
    created_at: at,
    updated_at: at,
    // Written by the caller: a pending order's one event, or the events of an order settled at once.
    events: '',
    account_id: accountId,
    fills: '[]',
  };
}

/**
 * A market order the venue settles at once. Its reservation would be taken and consumed inside this one
 * transaction, invisible to everyone, so only its net effect is written: the same availability check a reservation
 * makes (same refusal), then the order row in its final state, its two events in one statement, and the fill's
 * bookings: half the statements of reserve → insert → fill → update, and each row written once.
 */
function placeImmediate(ctx: OrderContext, db: WriteDb, row: OrderRow, p: { quantity: string; mid: string; minorUnit: number }, touched: Touched): OrderView {
  const { id, side, symbol, currency, created_at: at, account_id: accountId } = row;
  const sql = statements(db, ORDER_SQL);
  // The row the check read, handed to the booking: nothing writes to this wallet or position in between.
  const held = side === 'buy' ? { cash: checkCash(db, currency, p.minorUnit, row.reserved, at, accountId) } : { units: checkUnits(db, symbol, row.reserved, accountId) };
  const result = ctx.deps.venue.execute({ symbol, side, quantity: p.quantity, mid: p.mid, minorUnit: p.minorUnit });
  // The row (newOrder's, this order's alone) is completed in place and written once, as it stays: it is also the
  // one announced (a test compares it with what orders:get reads).
  row.reserved = '0';
  row.limit_price = null;
  if (!result.ok) {
    const reason = sentence(result.reason);
    row.state = 'rejected';
    row.reason = reason;
    row.events = eventsJson([PENDING(at), { state: 'rejected', note: reason, at }]);
    sql.insertOrderRow.run(orderValues(row));
  } else {
    const f = result.fill;
    row.state = 'filled';
    row.filled_quantity = f.quantity;
    row.average_price = f.price;
    row.gross = f.gross;
    row.fee = f.fee;
    row.total = fillTotal(side, f, p.minorUnit);
    row.events = eventsJson([PENDING(at), { state: 'filled', note: null, at }]);
    const activityId = newRowId();
    row.fills = fillsJson([{ quantity: f.quantity, price: f.price, gross: f.gross, fee: f.fee, venue_order_id: f.venueOrderId, created_at: at, activity_id: activityId }]);
    // The order row first: the activity and the ledger entry reference it.
    sql.insertOrderRow.run(orderValues(row));
    book(ctx, db, row, f, p.minorUnit, '0', at, activityId, held);
  }
  touched.set(id, row);
  return orderView(row);
}
