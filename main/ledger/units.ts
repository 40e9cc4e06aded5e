import { Dec } from '../../shared/decimal/index.js';
import { AppError } from '../../shared/errors.js';
import { DEFAULT_ACCOUNT_ID } from '../store/migrations/profile-011-accounts.js';
import { statements } from '../store/statements.js';
import type { WriteDb } from '../store/writer.js';
import { LEDGER_SQL } from './repo.js';
import type { PositionRow } from './rows.js';

/** Units held of one profile inside a `Writer.write` transaction, as cash.ts does for cash: refusals before writes. */

/** moveUnits's refusal (also the bulk path's). */
export function unitsShort(symbol: string, delta: string, available: string): AppError {
  const required = Dec.of(delta).abs().toFixed();
  return new AppError('INSUFFICIENT_HOLDING', `Not enough ${symbol}: ${required} needed, ${available} held.`, { symbol, required, available });
}

/** A position of the default account unless another is named. */
export function position(db: WriteDb, symbol: string, accountId: string = DEFAULT_ACCOUNT_ID): PositionRow {
  return (statements(db, LEDGER_SQL).position.get(accountId, symbol) as PositionRow | undefined) ?? { symbol, quantity: '0', reserved: '0' };
}

/** Refuses when fewer than `quantity` units are held and not already on sale; writes nothing. */
export function checkUnits(db: WriteDb, symbol: string, quantity: string, accountId: string = DEFAULT_ACCOUNT_ID): PositionRow {
  const p = position(db, symbol, accountId);
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

export function reserveUnits(db: WriteDb, symbol: string, quantity: string, at: string, accountId: string = DEFAULT_ACCOUNT_ID): void {
  const p = checkUnits(db, symbol, quantity, accountId);
  statements(db, LEDGER_SQL).upsertPosition.run(accountId, symbol, p.quantity, Dec.of(p.reserved).plus(quantity).toFixed(), at);
}

/** Changes the units held (and releases units reserved by a sell settling); `read` as for moveCash (checkUnits's answer). */
export function moveUnits(db: WriteDb, symbol: string, delta: string, at: string, release = '0', read?: PositionRow, accountId: string = DEFAULT_ACCOUNT_ID): void {
  const p = read ?? position(db, symbol, accountId);
  const quantity = Dec.of(p.quantity).plus(delta);
  const reserved = Dec.of(p.reserved).minus(release);
  if (reserved.isNeg()) throw new Error(`releasing ${release} ${symbol} of ${p.reserved} reserved`);
  if (quantity.minus(reserved).isNeg()) {
    throw unitsShort(symbol, delta, Dec.of(p.quantity).minus(p.reserved).toFixed());
  }
  statements(db, LEDGER_SQL).upsertPosition.run(accountId, symbol, quantity.toFixed(), reserved.toFixed(), at);
}
