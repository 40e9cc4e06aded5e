import { Dec } from '../../shared/decimal/index.js';
import { estimateOrder, type OrderState } from '../../shared/orders/index.js';
import { quantityDecimals } from '../../shared/market.js';
import { catalogueCurrency } from '../catalogue/repo.js';
import { releaseCash } from '../ledger/cash.js';
import { fillPlan } from '../ledger/plan.js';
import { record, type HeldRows } from '../ledger/record.js';
import { moveUnits } from '../ledger/units.js';
import { newRowId } from '../store/ids.js';
import { statements } from '../store/statements.js';
import type { WriteDb } from '../store/writer.js';
import type { OrderContext, Touched } from './context.js';
import { fillTotal } from './figures.js';
import { ORDER_SQL, type OrderRow } from './repo.js';
import type { VenueFill } from './venue.js';

/**
 * Books a fill through the ledger as activity `activityId` (the activity, cash releasing what a buy reserved, units
 * releasing what a sell reserved). Returns the order's total at the minor unit. The order row, which holds the fill
 * naming that activity (orders.fills), is the caller's to write.
 */
export function book(
  ctx: OrderContext,
  db: WriteDb,
  o: Pick<OrderRow, 'id' | 'symbol' | 'side' | 'currency' | 'account_id'>,
  fill: VenueFill,
  minorUnit: number,
  release: string,
  at: string,
  activityId: string,
  held: HeldRows = {},
): string {
  const total = fillTotal(o.side, fill, minorUnit);
  const currency = { code: o.currency, name: o.currency, minorUnit };
  const plan = fillPlan({ orderId: o.id, symbol: o.symbol, side: o.side, currency, quantity: fill.quantity, price: fill.price, fee: fill.fee, total, release, at, accountId: o.account_id }, activityId);
  record(db, plan, held);
  ctx.deps.onActivity?.();
  return total;
}

/** Settles a fill of an order that holds a reservation (aggregated or limit): the bookings, then the order filled. */
export function settle(ctx: OrderContext, db: WriteDb, o: OrderRow, fill: VenueFill, touched: Touched, note: string | null = null): void {
  const sql = statements(db, ORDER_SQL);
  const at = new Date(ctx.now()).toISOString();
  const mu = catalogueCurrency(db, o.currency).minorUnit;
  const activityId = newRowId();
  const total = book(ctx, db, o, fill, mu, o.reserved, at, activityId);
  sql.setFilled.run(fill.quantity, fill.price, fill.gross, fill.fee, total, at, note, at, fill.quantity, fill.price, fill.gross, fill.fee, fill.venueOrderId, at, activityId, o.id);
  touched.set(o.id, sql.order.get(o.id) as OrderRow);
}

/** Ends an order without a fill (cancelled, rejected, failed) and returns what it held. */
export function finish(ctx: OrderContext, db: WriteDb, o: OrderRow, state: 'cancelled' | 'rejected' | 'failed', reason: string, touched: Touched): OrderRow {
  const at = new Date(ctx.now()).toISOString();
  if (!Dec.of(o.reserved).isZero()) {
    if (o.side === 'buy') releaseCash(db, o.currency, catalogueCurrency(db, o.currency).minorUnit, o.reserved, at, o.account_id);
    else moveUnits(db, o.symbol, '0', at, o.reserved, undefined, o.account_id);
  }
  const sql = statements(db, ORDER_SQL);
  const next = setState(ctx, db, { ...o, reserved: '0' }, state, reason, touched);
  if (o.book_id && (sql.bookMembers.all(o.book_id) as OrderRow[]).length === 0) sql.deleteBook.run(o.book_id);
  return next;
}

export function setState(ctx: OrderContext, db: WriteDb, o: OrderRow, state: OrderState, reason: string | null, touched: Touched, bookId = o.book_id): OrderRow {
  const sql = statements(db, ORDER_SQL);
  const at = new Date(ctx.now()).toISOString();
  sql.setState.run(state, o.reserved, reason, bookId, at, state, reason, at, o.id);
  const row = sql.order.get(o.id) as OrderRow;
  touched.set(o.id, row);
  return row;
}

/** The quantity a buy gets: as asked, or (by amount) the most the reserved cash buys at this price. */
export function buyQuantity(ctx: OrderContext, db: WriteDb, o: OrderRow, mid: string): string | undefined {
  if (o.quantity) return o.quantity;
  const t = ctx.deps.settings().trading;
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

/** A fill imported from a Bourse history file: its order as a filled market order, then the fill naming its activity. */
export interface ImportedFill {
  orderId: string;
  activityId: string;
  symbol: string;
  assetClass: string;
  side: 'buy' | 'sell';
  quantity: string;
  price: string;
  currency: string;
  gross: string;
  fee: string;
  total: string;
  at: string;
  /** The account its activity is booked to. */
  accountId: string;
}

/** Writes an imported fill's order row, with its fill; the ledger's bulk path books its money in the same transaction. */
export function recordImportedFill(db: WriteDb, o: ImportedFill): void {
  statements(db, ORDER_SQL).insertImportedOrder.run(
    o.orderId, o.symbol, o.assetClass, o.side, o.quantity, o.currency, o.quantity, o.price, o.gross, o.fee, o.total, o.at, o.at, o.accountId, o.at,
    o.quantity, o.price, o.gross, o.fee, 'import', o.at, o.activityId,
  );
}
