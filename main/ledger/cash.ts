import { Dec } from '../../shared/decimal/index.js';
import type { Currency } from '../../shared/currencies.js';
import { AppError } from '../../shared/errors.js';
import { toMoneyString } from '../../shared/money.js';
import { DEFAULT_ACCOUNT_ID } from '../store/migrations/profile-011-accounts.js';
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
 * The wallet of a currency in an account (the default account unless named), created on its first use with a zero balance at the currency's minor unit (what a
 * wallet opened by hand shows before its first deposit).
 */
export function wallet(db: WriteDb, currency: string, minorUnit: number, at: string, accountId: string = DEFAULT_ACCOUNT_ID): WalletRow {
  const found = statements(db, LEDGER_SQL).wallet.get(accountId, currency) as WalletRow | undefined;
  return found ?? createWallet(db, currency, minorUnit, at, accountId);
}

function createWallet(db: WriteDb, currency: string, minorUnit: number, at: string, accountId: string): WalletRow {
  const zero = toMoneyString(Dec.ZERO, minorUnit);
  const { lastInsertRowid } = statements(db, LEDGER_SQL).createWallet.run(accountId, currency, zero, '0', at, at);
  return { id: Number(lastInsertRowid), balance: zero, reserved: '0' };
}

/** The catalogue's refusal of a currency it does not have (catalogue/repo.ts catalogueCurrency says the same). */
export function unknownCurrency(code: string): AppError {
  return new AppError('UNKNOWN_CURRENCY', `${code} is not a currency in the catalogue.`, { currency: code });
}

/**
 * A currency of the catalogue and the account's wallet in it, read together (a deposit's one read): `open()` gives
 * the wallet, made on its first use as wallet() makes it, so a caller can refuse the request before anything is
 * written. UNKNOWN_CURRENCY as catalogueCurrency refuses it.
 */
export function currencyWallet(db: WriteDb, code: string, at: string, accountId: string = DEFAULT_ACCOUNT_ID): { currency: Currency; open(): WalletRow } {
  const row = statements(db, LEDGER_SQL).currencyWallet.get(accountId, code) as
    | { name: string; minor_unit: number; id: number | null; balance: string | null; reserved: string | null }
    | undefined;
  if (!row) throw unknownCurrency(code);
  const currency: Currency = { code, name: row.name, minorUnit: row.minor_unit };
  const found: WalletRow | undefined = row.id === null ? undefined : { id: row.id, balance: row.balance!, reserved: row.reserved! };
  return { currency, open: () => found ?? createWallet(db, code, currency.minorUnit, at, accountId) };
}

export function availableCash(w: WalletRow): Dec {
  return Dec.of(w.balance).minus(w.reserved);
}

/** Refuses when less than `amount` of a wallet is available (balance minus reservations); writes nothing. */
export function checkCash(db: WriteDb, currency: string, minorUnit: number, amount: string, at: string, accountId: string = DEFAULT_ACCOUNT_ID): WalletRow {
  const w = wallet(db, currency, minorUnit, at, accountId);
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

export function reserveCash(db: WriteDb, currency: string, minorUnit: number, amount: string, at: string, accountId: string = DEFAULT_ACCOUNT_ID): void {
  const w = checkCash(db, currency, minorUnit, amount, at, accountId);
  statements(db, LEDGER_SQL).setWallet.run(w.balance, toMoneyString(Dec.of(w.reserved).plus(amount), minorUnit), at, w.id);
}

export function releaseCash(db: WriteDb, currency: string, minorUnit: number, amount: string, at: string, accountId: string = DEFAULT_ACCOUNT_ID): void {
  const w = wallet(db, currency, minorUnit, at, accountId);
  const next = Dec.of(w.reserved).minus(amount);
  if (next.isNeg()) throw new Error(`releasing ${amount} ${currency} of ${w.reserved} reserved`); // a bug, never user input
  statements(db, LEDGER_SQL).setWallet.run(w.balance, toMoneyString(next, minorUnit), at, w.id);
}

/**
 * Moves cash of an account's wallet (a ledger entry and the balance); refuses to take the balance below what stays reserved. `read` is the
 * wallet's row as read earlier in this same transaction with nothing written to it since (checkCash's answer), so
 * an order reads its wallet once.
 */
export function moveCash(db: WriteDb, m: Movement, read?: WalletRow, accountId: string = DEFAULT_ACCOUNT_ID): { entryId: number; balance: string } {
  const sql = statements(db, LEDGER_SQL);
  const w = read ?? wallet(db, m.currency, m.minorUnit, m.at, accountId);
  const reserved = Dec.of(w.reserved).minus(m.release ?? '0');
  const balance = Dec.of(w.balance).plus(m.amount);
  if (balance.minus(reserved).isNeg()) {
    throw cashShort(m, toMoneyString(Dec.of(w.balance).minus(reserved), m.minorUnit));
  }
  const balanceText = toMoneyString(balance, m.minorUnit);
  const { lastInsertRowid } = sql.insertEntry.run(w.id, m.kind, toMoneyString(Dec.of(m.amount), m.minorUnit), balanceText, m.note ?? null, m.at, m.orderId ?? null, m.activityId ?? null, accountId);
  sql.setWallet.run(balanceText, toMoneyString(reserved, m.minorUnit), m.at, w.id);
  return { entryId: Number(lastInsertRowid), balance: balanceText };
}

/** moveCash's refusal (also the bulk path's): `available` as the wallet has it. */
export function cashShort(m: Pick<Movement, 'currency' | 'amount' | 'minorUnit'>, available: string): AppError {
  const required = toMoneyString(Dec.of(m.amount).abs(), m.minorUnit);
  return new AppError('INSUFFICIENT_FUNDS', `Not enough ${m.currency}: ${required} needed, ${available} available.`, { currency: m.currency, required, available });
}
