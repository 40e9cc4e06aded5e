import { Dec } from '../../shared/decimal/index.js';
import { splitFill } from '../../shared/orders/index.js';
import { quantityDecimals } from '../../shared/market.js';
import { catalogueCurrency } from '../catalogue/repo.js';
import { availableCash, wallet } from '../ledger/cash.js';
import { statements } from '../store/statements.js';
import type { WriteDb } from '../store/writer.js';
import { buyQuantity, finish, setState, settle } from './booking.js';
import type { OrderContext, Touched } from './context.js';
import { sentence } from './figures.js';
import { ORDER_SQL, type BookRow, type OrderRow } from './repo.js';

/**
 * Puts a small market order (already reserved and written) into its book per (venue, symbol, side), and fills the
 * book at once when its members together reach the threshold. Returns the order as it is now.
 */
export function joinBook(ctx: OrderContext, db: WriteDb, order: OrderRow, nowMs: number, thresholdUsd: string, touched: Touched): OrderRow {
  const sql = statements(db, ORDER_SQL);
  const venue = ctx.deps.venue.id;
  const bookId = `${venue}|${order.symbol}|${order.side}`;
  let book = sql.book.get(bookId) as BookRow | undefined;
  if (!book) {
    sql.insertBook.run(bookId, venue, order.symbol, order.side, nowMs);
    book = sql.book.get(bookId) as BookRow;
  }
  const joined = setState(ctx, db, order, 'aggregating', null, touched, bookId);
  const total = (sql.bookMembers.all(bookId) as OrderRow[]).reduce((s, m) => s.plus(m.value_usd ?? '0'), Dec.ZERO);
  if (total.gte(thresholdUsd)) flushBook(ctx, db, book, 'threshold', touched);
  return joined;
}

/** The aggregation timer's turn: fills every book whose window has closed (and which has a fresh price). */
export function flushDueBooks(ctx: OrderContext, db: WriteDb, windowMs: number, touched: Touched): void {
  const now = ctx.now();
  for (const b of statements(db, ORDER_SQL).books.all() as BookRow[]) {
    if (now >= b.opened_at + windowMs) flushBook(ctx, db, b, 'window', touched);
  }
}

/**
 * One venue order for the whole book, split back pro rata at its average price (shared/orders/aggregation.ts).
 * A member whose share now costs more than it reserved and its wallet can cover (the price rose while it waited)
 * fails and is released, and the venue order is re-made without it. Without a fresh price the book waits.
 */
export function flushBook(ctx: OrderContext, db: WriteDb, book: BookRow, reason: 'threshold' | 'window', touched: Touched): void {
  const sql = statements(db, ORDER_SQL);
  const live = ctx.deps.price(book.symbol);
  let members = sql.bookMembers.all(book.id) as OrderRow[];
  if (members.length === 0) {
    sql.deleteBook.run(book.id);
    return;
  }
  if (!live || live.stale) return;
  const mu = catalogueCurrency(db, members[0]!.currency).minorUnit;
  const qd = quantityDecimals(members[0]!.asset_class);
  for (;;) {
    const wanted = members.map((m) => ({ orderId: m.id, quantity: m.side === 'sell' ? m.reserved : buyQuantity(ctx, db, m, live.price) }));
    const unfillable = members.filter((_, i) => !wanted[i]!.quantity || Dec.of(wanted[i]!.quantity!).isZero());
    for (const m of unfillable) finish(ctx, db, m, 'failed', 'The amount is too small for one unit at the current price.', touched);
    members = members.filter((m) => !unfillable.includes(m));
    if (members.length === 0) break;
    const parts = wanted.filter((w) => members.some((m) => m.id === w.orderId)) as { orderId: string; quantity: string }[];
    const total = parts.reduce((s, p) => s.plus(p.quantity), Dec.ZERO).toFixed();
    const result = ctx.deps.venue.execute({ symbol: book.symbol, side: book.side, quantity: total, mid: live.price, minorUnit: mu });
    if (!result.ok) {
      for (const m of members) finish(ctx, db, m, 'rejected', sentence(result.reason), touched);
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
    const short = members.filter(
      (m, i) => m.side === 'buy' && Dec.of(split[i]!.gross).plus(split[i]!.fee).gt(Dec.of(m.reserved).plus(availableCash(wallet(db, m.currency, mu, m.created_at, m.account_id)))),
    );
    if (short.length) {
      for (const m of short) finish(ctx, db, m, 'failed', 'The price rose while the order waited and its cash no longer covers it.', touched);
      members = members.filter((m) => !short.includes(m));
      continue;
    }
    const note = `${reason === 'threshold' ? 'Book reached the threshold' : 'Book window closed'}: ${members.length} orders, venue order ${result.fill.venueOrderId}`;
    members.forEach((m, i) => {
      const part = split[i]!;
      settle(ctx, db, m, { venueOrderId: result.fill.venueOrderId, quantity: part.quantity, price: result.fill.price, gross: part.gross, fee: part.fee }, touched, note);
    });
    break;
  }
  sql.deleteBook.run(book.id);
}
