import type BetterSqlite3 from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { AppError } from '../../shared/errors.js';
import { Dec } from '../../shared/decimal/index.js';
import { toMoneyString } from '../../shared/money.js';
import { recordDayLegs } from '../history/days.js';
import { statements } from '../store/statements.js';
import { ORDER_SQL, type PositionRow, type WalletRow } from './sql.js';

/**
 * Cash and units of one profile inside a `Writer.sync` transaction: reservations (which move nothing) and
 * movements (each a ledger entry written with the balance, so a balance always equals the sum of its entries).
 * Every function refuses before it writes, so a refusal inside a transaction leaves nothing behind.
 */
export interface Movement {
  currency: string;
  minorUnit: number;
  /** Signed change of the balance. */
  amount: string;
  kind: 'buy' | 'sell' | 'dividend' | 'interest' | 'fee' | 'fx-exchange' | 'deposit' | 'withdrawal';
  at: string;
  orderId?: string | null;
  activityId?: string | null;
  note?: string | null;
  /** Cash reservation released by the same movement (a buy settling). */
  release?: string;
}

export function wallet(db: BetterSqlite3.Database, currency: string, at: string): WalletRow {
  const sql = statements(db, ORDER_SQL);
  const found = sql.wallet.get(currency) as WalletRow | undefined;
  if (found) return found;
  db.prepare('INSERT INTO wallets (currency, balance, reserved, created_at, updated_at) VALUES (?, ?, ?, ?, ?)').run(currency, '0', '0', at, at);
  return sql.wallet.get(currency) as WalletRow;
}

export function availableCash(w: WalletRow): Dec {
  return Dec.of(w.balance).minus(w.reserved);
}

/** Refuses when less than `amount` of a wallet is available (balance minus reservations); writes nothing. */
export function checkCash(db: BetterSqlite3.Database, currency: string, minorUnit: number, amount: string, at: string): WalletRow {
  const w = wallet(db, currency, at);
  const available = availableCash(w);
  if (available.lt(amount)) {
    throw new AppError('INSUFFICIENT_FUNDS', `Not enough ${currency}: ${amount} needed, ${toMoneyString(available, minorUnit)} available.`, {
      currency,
      required: amount,
      available: toMoneyString(available, minorUnit),
    });
  }
  return w;
}

export function reserveCash(db: BetterSqlite3.Database, currency: string, minorUnit: number, amount: string, at: string): void {
  const w = checkCash(db, currency, minorUnit, amount, at);
  statements(db, ORDER_SQL).setWallet.run(w.balance, toMoneyString(Dec.of(w.reserved).plus(amount), minorUnit), at, w.id);
}

export function releaseCash(db: BetterSqlite3.Database, currency: string, minorUnit: number, amount: string, at: string): void {
  const w = wallet(db, currency, at);
  const next = Dec.of(w.reserved).minus(amount);
  if (next.isNeg()) throw new Error(`releasing ${amount} ${currency} of ${w.reserved} reserved`); // a bug, never user input
  statements(db, ORDER_SQL).setWallet.run(w.balance, toMoneyString(next, minorUnit), at, w.id);
}

/**
 * Moves cash (a ledger entry and the balance); refuses to take the balance below what stays reserved. `read` is the
 * wallet's row as read earlier in this same transaction with nothing written to it since (checkCash's answer), so
 * an order reads its wallet once.
 */
export function moveCash(db: BetterSqlite3.Database, m: Movement, read?: WalletRow): { entryId: number; balance: string } {
  const sql = statements(db, ORDER_SQL);
  const w = read ?? wallet(db, m.currency, m.at);
  const reserved = Dec.of(w.reserved).minus(m.release ?? '0');
  const balance = Dec.of(w.balance).plus(m.amount);
  if (balance.minus(reserved).isNeg()) {
    throw cashShort(m, toMoneyString(Dec.of(w.balance).minus(reserved), m.minorUnit));
  }
  const balanceText = toMoneyString(balance, m.minorUnit);
  const { lastInsertRowid } = sql.insertEntry.run(w.id, m.kind, toMoneyString(Dec.of(m.amount), m.minorUnit), balanceText, m.note ?? null, m.at, m.orderId ?? null, m.activityId ?? null);
  sql.setWallet.run(balanceText, toMoneyString(reserved, m.minorUnit), m.at, w.id);
  return { entryId: Number(lastInsertRowid), balance: balanceText };
}

/** moveCash's refusal (also the bulk import's, main/activities/bulk.ts): `available` as the wallet has it. */
export function cashShort(m: Pick<Movement, 'currency' | 'amount' | 'minorUnit'>, available: string): AppError {
  const required = toMoneyString(Dec.of(m.amount).abs(), m.minorUnit);
  return new AppError('INSUFFICIENT_FUNDS', `Not enough ${m.currency}: ${required} needed, ${available} available.`, { currency: m.currency, required, available });
}

/** moveUnits's refusal (also the bulk import's). */
export function unitsShort(symbol: string, delta: string, available: string): AppError {
  const required = Dec.of(delta).abs().toFixed();
  return new AppError('INSUFFICIENT_HOLDING', `Not enough ${symbol}: ${required} needed, ${available} held.`, { symbol, required, available });
}

export function position(db: BetterSqlite3.Database, symbol: string): PositionRow {
  return (statements(db, ORDER_SQL).position.get(symbol) as PositionRow | undefined) ?? { symbol, quantity: '0', reserved: '0' };
}

/** Refuses when fewer than `quantity` units are held and not already on sale; writes nothing. */
export function checkUnits(db: BetterSqlite3.Database, symbol: string, quantity: string): PositionRow {
  const p = position(db, symbol);
  const available = Dec.of(p.quantity).minus(p.reserved);
  if (available.lt(quantity)) {
    throw new AppError('INSUFFICIENT_HOLDING', `Not enough ${symbol}: ${quantity} needed, ${available.toFixed()} held and not already on sale.`, {
      symbol,
      required: quantity,
      available: available.toFixed(),
    });
  }
  return p;
}

export function reserveUnits(db: BetterSqlite3.Database, symbol: string, quantity: string, at: string): void {
  const p = checkUnits(db, symbol, quantity);
  statements(db, ORDER_SQL).upsertPosition.run(symbol, p.quantity, Dec.of(p.reserved).plus(quantity).toFixed(), at);
}

/** Changes the units held (and releases units reserved by a sell settling); `read` as for moveCash (checkUnits's answer). */
export function moveUnits(db: BetterSqlite3.Database, symbol: string, delta: string, at: string, release = '0', read?: PositionRow): void {
  const p = read ?? position(db, symbol);
  const quantity = Dec.of(p.quantity).plus(delta);
  const reserved = Dec.of(p.reserved).minus(release);
  if (reserved.isNeg()) throw new Error(`releasing ${release} ${symbol} of ${p.reserved} reserved`);
  if (quantity.minus(reserved).isNeg()) {
    throw unitsShort(symbol, delta, Dec.of(p.quantity).minus(p.reserved).toFixed());
  }
  statements(db, ORDER_SQL).upsertPosition.run(symbol, quantity.toFixed(), reserved.toFixed(), at);
}

export interface ActivityInsert {
  type: 'buy' | 'sell' | 'deposit' | 'withdrawal' | 'dividend' | 'interest' | 'fee' | 'fx-exchange';
  date: string;
  symbol?: string | null;
  quantity?: string | null;
  price?: string | null;
  fee?: string | null;
  currency: string;
  /** Positive; the type says the direction (shared/portfolio/activity.ts). */
  amount: string;
  toCurrency?: string | null;
  toAmount?: string | null;
  orderId?: string | null;
  source: 'order' | 'wallet' | 'manual';
  note?: string | null;
  at: string;
  /**
   * Leave it to main/history/indexer.ts to add to the history's sort indexes (a trade's own commit: see
   * main/store/migrations/profile-006-history-pending.ts). Bulk and rare writers index at once.
   */
  deferIndex?: boolean;
}

export function insertActivity(db: BetterSqlite3.Database, a: ActivityInsert, id: string = randomUUID()): string {
  statements(db, ORDER_SQL).insertActivity.run(
    id,
    a.type,
    a.date,
    a.symbol ?? null,
    a.quantity ?? null,
    a.price ?? null,
    a.fee ?? null,
    a.currency,
    a.amount,
    a.toCurrency ?? null,
    a.toAmount ?? null,
    a.orderId ?? null,
    a.source,
    a.note ?? null,
    a.at,
    a.deferIndex ? 0 : 1,
  );
  // The history's per-day totals (issue 5), in the same transaction.
  recordDayLegs(db, { date: a.date, type: a.type, symbol: a.symbol ?? null, currency: a.currency, amount: a.amount, fee: a.fee ?? null, toCurrency: a.toCurrency ?? null, toAmount: a.toAmount ?? null });
  return id;
}
