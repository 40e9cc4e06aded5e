import { Dec } from '../decimal/index.js';
import { splitProRata } from './pro-rata.js';
import type { Side } from './pricing.js';

/**
 * The small-order aggregation book: an order worth less than the threshold (default 10 USD equivalent)
 * waits in a book per (venue, instrument, side). The book is due when its total reaches the threshold or its window
 * (counted from the first order in it) has closed; then one venue order for the book's total quantity is filled and
 * the fill is split back pro rata. Plain JSON-able data so the service can persist it in the same transaction as the
 * order (nothing lost by a crash); every function returns a new book.
 */
export interface AggregationConfig {
  /** In USD (the caller converts each order's value at the live rate). */
  thresholdUsd: string;
  windowMs: number;
}

export const DEFAULT_AGGREGATION: AggregationConfig = { thresholdUsd: '10', windowMs: 60_000 };

export interface BookKey {
  venue: string;
  symbol: string;
  side: Side;
}

export interface BookMember {
  orderId: string;
  /** What the member gets out of the fill: its requested quantity (orders by amount: amount / price, truncated). */
  quantity: string;
  valueUsd: string;
  addedAt: number;
}

export interface AggregationBook extends BookKey {
  openedAt: number;
  members: BookMember[];
}

export function bookId(key: BookKey): string {
  return `${key.venue}|${key.symbol}|${key.side}`;
}

export function isSmallOrder(valueUsd: string, config: AggregationConfig = DEFAULT_AGGREGATION): boolean {
  return Dec.of(valueUsd).lt(config.thresholdUsd);
}

export function addToBook(book: AggregationBook | undefined, key: BookKey, member: Omit<BookMember, 'addedAt'>, now: number): AggregationBook {
  if (book && bookId(book) !== bookId(key)) throw new RangeError(`order for ${bookId(key)} added to book ${bookId(book)}`);
  if (book?.members.some((m) => m.orderId === member.orderId)) return book; // a replay adds nothing
  const entry: BookMember = { ...member, addedAt: now };
  return book ? { ...book, members: [...book.members, entry] } : { ...key, openedAt: now, members: [entry] };
}

/** Removes a cancelled member; an emptied book is gone (undefined), and the next order opens a new window. */
export function removeFromBook(book: AggregationBook, orderId: string): AggregationBook | undefined {
  const members = book.members.filter((m) => m.orderId !== orderId);
  return members.length === 0 ? undefined : { ...book, members };
}

export function bookValueUsd(book: AggregationBook): string {
  return book.members.reduce((t, m) => t.plus(m.valueUsd), Dec.ZERO).toFixed();
}

export function bookQuantity(book: AggregationBook): string {
  return book.members.reduce((t, m) => t.plus(m.quantity), Dec.ZERO).toFixed();
}

export type FlushDecision = { due: false; closesAt: number } | { due: true; reason: 'threshold' | 'window' };

export function flushDecision(book: AggregationBook, now: number, config: AggregationConfig = DEFAULT_AGGREGATION): FlushDecision {
  if (Dec.of(bookValueUsd(book)).gte(config.thresholdUsd)) return { due: true, reason: 'threshold' };
  const closesAt = book.openedAt + config.windowMs;
  return now >= closesAt ? { due: true, reason: 'window' } : { due: false, closesAt };
}

export interface Fill {
  quantity: string;
  /** Gross cost (buy) or gross proceeds (sell) in the quote currency. */
  gross: string;
  fee: string;
}

export interface FillPart extends Fill {
  orderId: string;
}

/**
 * Splits one venue fill across the book's members at the fill's average price: quantity pro rata to each member's
 * requested quantity (so a fill of exactly the book's quantity gives each member exactly what it asked for), then
 * gross and fee pro rata to the quantities just allotted. Each split uses the largest-remainder rule (pro-rata.ts),
 * so the parts add up exactly to the fill's quantity, gross and fee.
 */
export function splitFill(members: readonly Pick<BookMember, 'orderId' | 'quantity'>[], fill: Fill, opts: { quantityDecimals: number; minorUnit: number }): FillPart[] {
  const quantities = splitProRata(fill.quantity, members.map((m) => m.quantity), opts.quantityDecimals);
  const positive = quantities.some((q) => !Dec.of(q).isZero());
  const byQty = positive ? quantities : members.map((m) => m.quantity);
  const gross = splitProRata(fill.gross, byQty, opts.minorUnit);
  const fee = splitProRata(fill.fee, byQty, opts.minorUnit);
  return members.map((m, i) => ({ orderId: m.orderId, quantity: quantities[i]!, gross: gross[i]!, fee: fee[i]! }));
}
