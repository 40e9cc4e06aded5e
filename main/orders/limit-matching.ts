import { AppError } from '../../shared/errors.js';
import { catalogueCurrency } from '../catalogue/repo.js';
import { statements } from '../store/statements.js';
import type { WriteDb } from '../store/writer.js';
import { buyQuantity, finish, settle } from './booking.js';
import type { OrderContext, Touched } from './context.js';
import { ORDER_SQL, type OrderRow } from './repo.js';

/** Fills the open limit orders of each symbol whose live price crosses them; a symbol with none left is forgotten. */
export function matchLimits(ctx: OrderContext, db: WriteDb, prices: readonly { symbol: string; price: string }[], touched: Touched): void {
  const sql = statements(db, ORDER_SQL);
  for (const p of prices) {
    for (const o of sql.openLimits.all(p.symbol) as OrderRow[]) tryLimit(ctx, db, o, p.price, touched);
    if ((sql.openLimits.all(p.symbol) as OrderRow[]).length === 0) ctx.limitSymbols.delete(p.symbol);
  }
}

/** A limit order fills when the venue's execution price is at or better than its limit. */
export function tryLimit(ctx: OrderContext, db: WriteDb, o: OrderRow, mid: string, touched: Touched): void {
  const mu = catalogueCurrency(db, o.currency).minorUnit;
  const quantity = o.side === 'sell' ? o.reserved : buyQuantity(ctx, db, o, mid);
  if (!quantity) return;
  const result = ctx.deps.venue.execute({ symbol: o.symbol, side: o.side, quantity, mid, minorUnit: mu, limit: o.limit_price ?? undefined });
  if (!result.ok) return; // not crossed yet
  try {
    settle(ctx, db, o, result.fill, touched);
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    finish(ctx, db, o, 'failed', err.message, touched);
  }
}
