import { newRowId } from '../store/ids.js';
import type { ActivityRecordRequest } from '../../shared/contract/index.js';
import type { Currency } from '../../shared/currencies.js';
import { AppError } from '../../shared/errors.js';
import { Dec, fractionDigits } from '../../shared/decimal/index.js';
import { quantityDecimals } from '../../shared/market.js';
import { toMoneyString } from '../../shared/money.js';
import { isCalendarDate } from '../../shared/portfolio/days.js';
import type { ActivityInsert, Movement } from './rows.js';

/** What an import keeps of a row exported from Bourse, so the round trip loses nothing. */
export interface RecordOptions {
  /** The activity's id (an exported row keeps its identity; re-importing it is then recognised). */
  id?: string;
  source?: 'order' | 'wallet' | 'manual';
  /** The order a fill belongs to (the order row must exist). */
  orderId?: string | null;
  /** The cash a trade moved, fee included, as it happened (instead of quantity × price ± fee). */
  total?: string;
  /** The ledger's note when the activity has none. */
  ledgerNote?: string;
}

/** The catalogue as a plan sees it: a connection's statements (recordIn) or a per-import cache (BulkRecorder). */
export interface PlanLookups {
  instrument(symbol: string): { asset_class: 'stock' | 'crypto'; quote_currency: string } | undefined;
  /** Throws UNKNOWN_CURRENCY when the catalogue does not have it. */
  currency(code: string): Currency;
}

/** One movement of an activity, in the order recordIn makes them. */
export type PlannedMove = { kind: 'cash'; movement: Movement } | { kind: 'units'; symbol: string; delta: string; at: string; release?: string };

/** An activity checked against the catalogue: its row, and the wallet and unit moves it makes (not yet checked against balances). */
export interface ActivityPlan {
  id: string;
  activity: ActivityInsert;
  moves: PlannedMove[];
  /** The account the activity and all its moves belong to; the default account when absent. */
  accountId?: string;
}

/** A cash figure as written in a row: exactly `minorUnit` fraction digits, half-even. */
export function moneyText(s: string, minorUnit: number): string {
  return toMoneyString(s, minorUnit);
}

/** A quantity or price as written in a row: the shortest exact form. */
export function decimalText(s: string): string {
  return Dec.of(s).toFixed();
}

/** A real calendar date, not in the future (activities happened; they are not planned). */
export function checkActivityDate(date: string, today: string): void {
  if (!isCalendarDate(date)) throw new AppError('INVALID_INPUT', `${date} is not a calendar date.`, { date });
  if (date > today) throw new AppError('INVALID_INPUT', 'An activity cannot be dated in the future.', { date, today });
}

function tooPrecise(field: string, max: number, what: string): AppError {
  return new AppError('INVALID_AMOUNT', max === 0 ? `${what} has no minor unit: use a whole ${field}.` : `${what}: the ${field} has at most ${max} decimal places.`, { field, decimals: max });
}

/**
 * Every check of a recorded activity that does not depend on balances, and the figures it writes: the one place
 * both the single-row path (record.ts: a recorded activity, a deposit) and the import's `BulkRecorder` (balances
 * held for the whole file) take them from, so an imported row is exactly a recorded one.
 * Throws an AppError for a refused request; the balance checks come with the moves.
 */
export function planActivity(look: PlanLookups, req: ActivityRecordRequest, at: string, options: RecordOptions = {}, deferIndex = false): ActivityPlan {
  const note = req.note?.trim() ? req.note.trim() : null;
  const source = options.source ?? 'manual';
  const orderId = options.orderId ?? null;
  const id = options.id ?? newRowId();
  switch (req.type) {
    case 'buy':
    case 'sell': {
      const inst = look.instrument(req.symbol);
      if (!inst) throw new AppError('NOT_FOUND', `${req.symbol} is not an instrument of your catalogue.`, { symbol: req.symbol });
      const cur = look.currency(inst.quote_currency);
      const qd = quantityDecimals(inst.asset_class);
      if (fractionDigits(req.quantity) > qd) throw tooPrecise('quantity', qd, req.symbol);
      // A fill imported from a Bourse file keeps the venue's execution price, whatever its digits.
      if (source !== 'order' && fractionDigits(req.price) > 10) throw tooPrecise('price', 10, req.symbol);
      const fee = req.fee ?? '0';
      if (fractionDigits(fee) > cur.minorUnit) throw tooPrecise('fee', cur.minorUnit, cur.code);
      if (options.total !== undefined && fractionDigits(options.total) > cur.minorUnit) throw tooPrecise('amount', cur.minorUnit, cur.code);
      const buy = req.type === 'buy';
      const gross = options.total !== undefined ? null : grossOf(req.quantity, req.price, cur.minorUnit);
      const total = gross === null ? Dec.of(options.total!) : buy ? gross.plus(fee) : gross.minus(fee);
      if (total.isNeg()) throw new AppError('INVALID_AMOUNT', 'The fee is larger than what the sale brought.', { fee, gross: (gross ?? grossOf(req.quantity, req.price, cur.minorUnit)).toFixed(cur.minorUnit) });
      const amount = toMoneyString(total, cur.minorUnit);
      const moved = buy ? total.neg().toFixed() : total.toFixed();
      const activity = activityRow(req.type, req.date, req.symbol, decimalText(req.quantity), decimalText(req.price), moneyText(fee, cur.minorUnit), cur.code, amount, null, null, orderId, source, note, at, deferIndex);
      const cash: PlannedMove = {
        kind: 'cash',
        movement: movement(cur, moved, req.type, at, orderId, id, note ?? options.ledgerNote ?? `${buy ? 'Bought' : 'Sold'} ${req.quantity} ${req.symbol} (recorded)`),
      };
      const moves: PlannedMove[] = buy
        ? [cash, { kind: 'units', symbol: req.symbol, delta: req.quantity, at }]
        : [{ kind: 'units', symbol: req.symbol, delta: negatedText(req.quantity), at }, cash];
      return { id, activity, moves };
    }
    case 'deposit':
    case 'withdrawal':
    case 'interest':
    case 'fee':
    case 'dividend': {
      const cur = look.currency(req.currency);
      if (fractionDigits(req.amount) > cur.minorUnit) throw tooPrecise('amount', cur.minorUnit, cur.code);
      if (req.type === 'dividend' && req.symbol && !look.instrument(req.symbol)) {
        throw new AppError('NOT_FOUND', `${req.symbol} is not an instrument of your catalogue.`, { symbol: req.symbol });
      }
      return cashPlan(cur, req.type, moneyText(req.amount, cur.minorUnit), req.type === 'dividend' ? (req.symbol ?? null) : null, req.date, note, source, at, deferIndex, id);
    }
    case 'fx-exchange': {
      if (req.fromCurrency === req.toCurrency) throw new AppError('INVALID_INPUT', 'An exchange needs two different currencies.', { currency: req.fromCurrency });
      const from = look.currency(req.fromCurrency);
      const to = look.currency(req.toCurrency);
      if (fractionDigits(req.fromAmount) > from.minorUnit) throw tooPrecise('amount', from.minorUnit, from.code);
      if (fractionDigits(req.toAmount) > to.minorUnit) throw tooPrecise('amount', to.minorUnit, to.code);
      const fromAmount = moneyText(req.fromAmount, from.minorUnit);
      const toAmount = moneyText(req.toAmount, to.minorUnit);
      const label = note ?? `${fromAmount} ${from.code} → ${toAmount} ${to.code}`;
      return {
        id,
        activity: activityRow('fx-exchange', req.date, null, null, null, null, from.code, fromAmount, to.code, toAmount, null, source, note, at, deferIndex),
        moves: [
          { kind: 'cash', movement: movement(from, `-${fromAmount}`, 'fx-exchange', at, null, id, label) },
          { kind: 'cash', movement: movement(to, toAmount, 'fx-exchange', at, null, id, label) },
        ],
      };
    }
    case 'split':
    case 'stock-dividend':
    case 'symbol-change':
      // They move the units of every account, not one plan's: corporate.ts records them.
      throw new AppError('INVALID_INPUT', `A ${req.type} is recorded on its own, not among other activities.`, { type: req.type });
  }
}

/**
 * A movement of cash alone (a deposit, withdrawal, interest, fee or dividend) whose amount is already checked and at
 * the currency's minor unit: its activity row and its one ledger move.
 */
export function cashPlan(
  cur: Currency,
  type: 'deposit' | 'withdrawal' | 'interest' | 'fee' | 'dividend',
  amount: string,
  symbol: string | null,
  date: string,
  note: string | null,
  source: ActivityInsert['source'],
  at: string,
  deferIndex: boolean,
  id: string = newRowId(),
): ActivityPlan {
  const out = type === 'withdrawal' || type === 'fee';
  return {
    id,
    activity: activityRow(type, date, symbol, null, null, null, cur.code, amount, null, null, null, source, note, at, deferIndex),
    moves: [{ kind: 'cash', movement: movement(cur, out ? `-${amount}` : amount, type, at, null, id, note) }],
  };
}

/** A fill of an order: what it bought or sold at its price, the cash it moved, and what it releases of the order's reservation. */
export interface FillBooking {
  orderId: string;
  symbol: string;
  side: 'buy' | 'sell';
  currency: Currency;
  quantity: string;
  price: string;
  fee: string;
  /** The cash the fill moves, fee included, at the currency's minor unit (positive). */
  total: string;
  /** What the order had reserved for this fill (cash for a buy, units for a sell). */
  release: string;
  at: string;
  /** The order's account; the default account when absent. */
  accountId?: string;
}

/** A fill's activity row and moves, as a recorded trade's are (the same order of moves, the same notes). */
export function fillPlan(f: FillBooking, id: string = newRowId()): ActivityPlan {
  const buy = f.side === 'buy';
  const activity = activityRow(f.side, f.at.slice(0, 10), f.symbol, f.quantity, f.price, f.fee, f.currency.code, f.total, null, null, f.orderId, 'order', null, f.at, true);
  const cash: PlannedMove = {
    kind: 'cash',
    movement: movement(f.currency, buy ? `-${f.total}` : f.total, f.side, f.at, f.orderId, id, `${buy ? 'Bought' : 'Sold'} ${f.quantity} ${f.symbol}`, buy ? f.release : undefined),
  };
  const units: PlannedMove = { kind: 'units', symbol: f.symbol, delta: buy ? f.quantity : negatedText(f.quantity), at: f.at, release: buy ? '0' : f.release };
  return { id, activity, moves: buy ? [cash, units] : [units, cash], accountId: f.accountId };
}

// The rows below are built with every field present, in one order, whatever the type: an import writes 100,000 of
// them, and objects of one shape keep the property reads of insertActivity and moveCash on their fast path.

/** The one rounding rule: the trade value settles half-even at the currency's minor unit. */
function grossOf(quantity: string, price: string, minorUnit: number): Dec {
  return Dec.of(quantity).times(price).round(minorUnit);
}

function activityRow(
  type: ActivityInsert['type'],
  date: string,
  symbol: string | null,
  quantity: string | null,
  price: string | null,
  fee: string | null,
  currency: string,
  amount: string,
  toCurrency: string | null,
  toAmount: string | null,
  orderId: string | null,
  source: ActivityInsert['source'],
  note: string | null,
  at: string,
  deferIndex: boolean,
): ActivityInsert {
  return { type, date, symbol, quantity, price, fee, currency, amount, toCurrency, toAmount, orderId, source, note, at, deferIndex };
}

function movement(cur: Currency, amount: string, kind: Movement['kind'], at: string, orderId: string | null, activityId: string, note: string | null, release?: string): Movement {
  return { currency: cur.code, minorUnit: cur.minorUnit, amount, kind, at, orderId, activityId, note, release };
}

/** −s in its shortest exact form. */
export function negatedText(s: string): string {
  return Dec.of(s).neg().toFixed();
}
