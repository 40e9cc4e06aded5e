import { AppError } from '../../shared/errors.js';
import { add, compare, scaled, sub, toFixed } from '../../shared/exact-decimal.js';
import { D, toMoneyString } from '../../shared/money.js';
import { statements } from '../store/statements.js';
import type { WriteDb } from '../store/writer.js';
import { LEDGER_SQL } from './repo.js';
import type { Movement, WalletRow } from './rows.js';

/**
 * Cash of one profile inside a `Writer.write` transaction: reservations (which move nothing) and movements (each a
 * ledger entry written with the balance, so a balance always equals the sum of its entries). Every function refuses
 * before it writes, so a refusal inside a transaction leaves nothing behind.
 */

/**
 * The wallet of a currency, created on its first use with a zero balance at the currency's minor unit (what a
 * wallet opened by hand shows before its first deposit).
 */
export function wallet(db: WriteDb, currency: string, minorUnit: number, at: string): WalletRow {
  const sql = statements(db, LEDGER_SQL);
  const found = sql.wallet.get(currency) as WalletRow | undefined;
  if (found) return found;
  const zero = toMoneyString(new D(0), minorUnit);
  const { lastInsertRowid } = sql.createWallet.run(currency, zero, '0', at, at);
  return { id: Number(lastInsertRowid), balance: zero, reserved: '0' };
}

export function availableCash(w: WalletRow): InstanceType<typeof D> {
  return new D(w.balance).minus(w.reserved);
}

/**
 * `a − b ≥ c` in exact integers (shared/exact-decimal.ts), or undefined when a text is not canonical or a value is
 * out of its range: the order path's checks answer "enough" this way, and anything else (a refusal above all) by
 * decimal.js as before.
 */
export function coversExactly(a: string, b: string, c: string): boolean | undefined {
  const x = scaled(a);
  const y = scaled(b);
  const z = scaled(c);
  const left = x && y ? sub(x, y) : undefined;
  return left && z ? compare(left, z) >= 0 : undefined;
}

/** Refuses when less than `amount` of a wallet is available (balance minus reservations); writes nothing. */
export function checkCash(db: WriteDb, currency: string, minorUnit: number, amount: string, at: string): WalletRow {
  const w = wallet(db, currency, minorUnit, at);
  if (coversExactly(w.balance, w.reserved, amount)) return w;
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

export function reserveCash(db: WriteDb, currency: string, minorUnit: number, amount: string, at: string): void {
  const w = checkCash(db, currency, minorUnit, amount, at);
  statements(db, LEDGER_SQL).setWallet.run(w.balance, toMoneyString(new D(w.reserved).plus(amount), minorUnit), at, w.id);
}

export function releaseCash(db: WriteDb, currency: string, minorUnit: number, amount: string, at: string): void {
  const w = wallet(db, currency, minorUnit, at);
  const next = new D(w.reserved).minus(amount);
  if (next.isNegative()) throw new Error(`releasing ${amount} ${currency} of ${w.reserved} reserved`); // a bug, never user input
  statements(db, LEDGER_SQL).setWallet.run(w.balance, toMoneyString(next, minorUnit), at, w.id);
}

/**
 * Moves cash (a ledger entry and the balance); refuses to take the balance below what stays reserved. `read` is the
 * wallet's row as read earlier in this same transaction with nothing written to it since (checkCash's answer), so
 * an order reads its wallet once.
 */
export function moveCash(db: WriteDb, m: Movement, read?: WalletRow): { entryId: number; balance: string } {
  const sql = statements(db, LEDGER_SQL);
  const w = read ?? wallet(db, m.currency, m.minorUnit, m.at);
  const fast = moveExactly(w, m);
  if (fast) {
    const { lastInsertRowid } = sql.insertEntry.run(w.id, m.kind, fast.amount, fast.balance, m.note ?? null, m.at, m.orderId ?? null, m.activityId ?? null);
    sql.setWallet.run(fast.balance, fast.reserved, m.at, w.id);
    return { entryId: Number(lastInsertRowid), balance: fast.balance };
  }
  const reserved = new D(w.reserved).minus(m.release ?? '0');
  const balance = new D(w.balance).plus(m.amount);
  if (balance.minus(reserved).isNegative()) {
    throw cashShort(m, toMoneyString(new D(w.balance).minus(reserved), m.minorUnit));
  }
  const balanceText = toMoneyString(balance, m.minorUnit);
  const { lastInsertRowid } = sql.insertEntry.run(w.id, m.kind, toMoneyString(new D(m.amount), m.minorUnit), balanceText, m.note ?? null, m.at, m.orderId ?? null, m.activityId ?? null);
  sql.setWallet.run(balanceText, toMoneyString(reserved, m.minorUnit), m.at, w.id);
  return { entryId: Number(lastInsertRowid), balance: balanceText };
}

/** moveCash's refusal (also the bulk import's, main/activities/bulk.ts): `available` as the wallet has it. */
export function cashShort(m: Pick<Movement, 'currency' | 'amount' | 'minorUnit'>, available: string): AppError {
  const required = toMoneyString(new D(m.amount).abs(), m.minorUnit);
  return new AppError('INSUFFICIENT_FUNDS', `Not enough ${m.currency}: ${required} needed, ${available} available.`, { currency: m.currency, required, available });
}

/**
 * moveCash's texts in exact integers when every value is canonical and in range and the move leaves the balance at
 * or above what stays reserved; undefined otherwise (decimal.js then decides, and refuses when it must).
 */
function moveExactly(w: WalletRow, m: Movement): { amount: string; balance: string; reserved: string } | undefined {
  const b = scaled(w.balance);
  const r = scaled(w.reserved);
  const a = scaled(m.amount);
  const rel = scaled(m.release ?? '0');
  if (!b || !r || !a || !rel) return undefined;
  const reserved = sub(r, rel);
  const balance = add(b, a);
  const free = balance && reserved ? sub(balance, reserved) : undefined;
  if (!free || free.n < 0n) return undefined;
  return { amount: toFixed(a, m.minorUnit), balance: toFixed(balance!, m.minorUnit), reserved: toFixed(reserved!, m.minorUnit) };
}
