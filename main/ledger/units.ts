import { AppError } from '../../shared/errors.js';
import { add, scaled, sub, toPlain } from '../../shared/exact-decimal.js';
import { D } from '../../shared/money.js';
import { statements } from '../store/statements.js';
import type { WriteDb } from '../store/writer.js';
import { coversExactly } from './cash.js';
import { LEDGER_SQL } from './repo.js';
import type { PositionRow } from './rows.js';

/** Units held of one profile inside a `Writer.write` transaction, as cash.ts does for cash: refusals before writes. */

/** moveUnits's refusal (also the bulk import's). */
export function unitsShort(symbol: string, delta: string, available: string): AppError {
  const required = new D(delta).abs().toFixed();
  return new AppError('INSUFFICIENT_HOLDING', `Not enough ${symbol}: ${required} needed, ${available} held.`, { symbol, required, available });
}

export function position(db: WriteDb, symbol: string): PositionRow {
  return (statements(db, LEDGER_SQL).position.get(symbol) as PositionRow | undefined) ?? { symbol, quantity: '0', reserved: '0' };
}

/** Refuses when fewer than `quantity` units are held and not already on sale; writes nothing. */
export function checkUnits(db: WriteDb, symbol: string, quantity: string): PositionRow {
  const p = position(db, symbol);
  if (coversExactly(p.quantity, p.reserved, quantity)) return p;
  const available = new D(p.quantity).minus(p.reserved);
  if (available.lt(quantity)) {
    throw new AppError('INSUFFICIENT_HOLDING', `Not enough ${symbol}: ${quantity} needed, ${available.toFixed()} held and not already on sale.`, {
      symbol,
      required: quantity,
      available: available.toFixed(),
    });
  }
  return p;
}

export function reserveUnits(db: WriteDb, symbol: string, quantity: string, at: string): void {
  const p = checkUnits(db, symbol, quantity);
  statements(db, LEDGER_SQL).upsertPosition.run(symbol, p.quantity, new D(p.reserved).plus(quantity).toFixed(), at);
}

/** Changes the units held (and releases units reserved by a sell settling); `read` as for moveCash (checkUnits's answer). */
export function moveUnits(db: WriteDb, symbol: string, delta: string, at: string, release = '0', read?: PositionRow): void {
  const p = read ?? position(db, symbol);
  const fast = unitsExactly(p, delta, release);
  if (fast) {
    statements(db, LEDGER_SQL).upsertPosition.run(symbol, fast.quantity, fast.reserved, at);
    return;
  }
  const quantity = new D(p.quantity).plus(delta);
  const reserved = new D(p.reserved).minus(release);
  if (reserved.isNegative()) throw new Error(`releasing ${release} ${symbol} of ${p.reserved} reserved`);
  if (quantity.minus(reserved).isNegative()) {
    throw unitsShort(symbol, delta, new D(p.quantity).minus(p.reserved).toFixed());
  }
  statements(db, LEDGER_SQL).upsertPosition.run(symbol, quantity.toFixed(), reserved.toFixed(), at);
}

/** moveUnits's texts in exact integers when nothing goes negative; undefined otherwise (decimal.js decides). */
function unitsExactly(p: PositionRow, delta: string, release: string): { quantity: string; reserved: string } | undefined {
  const q = scaled(p.quantity);
  const r = scaled(p.reserved);
  const d = scaled(delta);
  const rel = scaled(release);
  if (!q || !r || !d || !rel) return undefined;
  const quantity = add(q, d);
  const reserved = sub(r, rel);
  const free = quantity && reserved ? sub(quantity, reserved) : undefined;
  if (!free || reserved!.n < 0n || free.n < 0n) return undefined;
  return { quantity: toPlain(quantity!), reserved: toPlain(reserved!) };
}
