import { randomUUID } from 'node:crypto';
import type { ActivityRecordRequest } from '../../shared/contract/index.js';
import type { Currency } from '../../shared/currencies.js';
import { AppError } from '../../shared/errors.js';
import { D, fractionDigits, toMoneyString } from '../../shared/money.js';
import type { ActivityInsert, Movement } from '../orders/accounts.js';
import { quantityDecimals } from '../orders/market-view.js';

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
  /** The time it was recorded (defaults to now). Only recordMany reads it; recordIn takes `at` itself. */
  at?: string;
}

/** The catalogue as a plan sees it: a connection's statements (recordIn) or a per-import cache (BulkRecorder). */
export interface PlanLookups {
  instrument(symbol: string): { asset_class: 'stock' | 'crypto'; quote_currency: string } | undefined;
  /** Throws UNKNOWN_CURRENCY when the catalogue does not have it. */
  currency(code: string): Currency;
}

/** One movement of an activity, in the order recordIn makes them. */
export type PlannedMove = { kind: 'cash'; movement: Movement } | { kind: 'units'; symbol: string; delta: string; at: string };

/** An activity checked against the catalogue: its row, and the wallet and unit moves it makes (not yet checked against balances). */
export interface ActivityPlan {
  id: string;
  activity: ActivityInsert;
  moves: PlannedMove[];
}

/** A plain decimal of at most 40 characters: well inside decimal.js's 50 significant digits, so nothing rounds. */
const PLAIN = /^(?=.{1,40}$)(-?)(0|[1-9]\d*)(?:\.(\d+))?$/;

/**
 * `toMoneyString(new D(s), minorUnit)` without a Decimal when `s` is already a plain decimal with at most
 * `minorUnit` fraction digits (what a form or a file usually holds): the fraction is only padded. Anything else
 * (leading zeros, more digits to round, a negative zero) goes through decimal.js as before.
 */
export function moneyText(s: string, minorUnit: number): string {
  const m = PLAIN.exec(s);
  if (m) {
    const frac = m[3] ?? '';
    if (frac.length <= minorUnit && (m[1] === '' || /[1-9]/.test(m[2]! + frac))) return minorUnit === 0 ? s : `${m[1]}${m[2]}.${frac.padEnd(minorUnit, '0')}`;
  }
  return toMoneyString(new D(s), minorUnit);
}

/** `new D(s).toFixed()` without a Decimal when `s` is already in that form (no sign, no leading or trailing zeros). */
export function decimalText(s: string): string {
  const m = PLAIN.exec(s);
  if (m && m[1] === '' && (m[3] === undefined || !m[3].endsWith('0'))) return s;
  return new D(s).toFixed();
}

function tooPrecise(field: string, max: number, what: string): AppError {
  return new AppError('INVALID_AMOUNT', max === 0 ? `${what} has no minor unit: use a whole ${field}.` : `${what}: the ${field} has at most ${max} decimal places.`, { field, decimals: max });
}

/**
 * Every check of a recorded activity that does not depend on balances, and the figures it writes: the one place
 * both `ActivityService.recordIn` (one row, moves through main/orders/accounts) and the import's `BulkRecorder`
 * (balances held for the whole file) take them from, so an imported row is exactly a recorded one.
 * Throws an AppError for a refused request; the balance checks come with the moves.
 */
export function planActivity(look: PlanLookups, req: ActivityRecordRequest, at: string, options: RecordOptions = {}): ActivityPlan {
  const note = req.note?.trim() ? req.note.trim() : null;
  const source = options.source ?? 'manual';
  const orderId = options.orderId ?? null;
  const id = options.id ?? randomUUID();
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
      // The one rounding rule: the trade value settles half-even at the currency's minor unit.
      const grossOf = () => new D(req.quantity).times(req.price).toDecimalPlaces(cur.minorUnit, D.ROUND_HALF_EVEN);
      if (options.total !== undefined && fractionDigits(options.total) > cur.minorUnit) throw tooPrecise('amount', cur.minorUnit, cur.code);
      // A total given as it happened (an imported row) needs no trade value, except to explain a refusal.
      const gross = options.total !== undefined ? null : grossOf();
      const total = gross === null ? new D(options.total!) : req.type === 'buy' ? gross.plus(fee) : gross.minus(fee);
      if (total.isNegative()) throw new AppError('INVALID_AMOUNT', 'The fee is larger than what the sale brought.', { fee, gross: (gross ?? grossOf()).toFixed(cur.minorUnit) });
      const activity: ActivityInsert = {
        type: req.type,
        date: req.date,
        symbol: req.symbol,
        quantity: decimalText(req.quantity),
        price: decimalText(req.price),
        fee: moneyText(fee, cur.minorUnit),
        currency: cur.code,
        amount: toMoneyString(total, cur.minorUnit),
        orderId,
        source,
        note,
        at,
      };
      const buy = req.type === 'buy';
      const cash: PlannedMove = {
        kind: 'cash',
        movement: {
          currency: cur.code,
          minorUnit: cur.minorUnit,
          amount: buy ? total.negated().toFixed() : total.toFixed(),
          kind: req.type,
          at,
          orderId,
          activityId: id,
          note: note ?? options.ledgerNote ?? `${buy ? 'Bought' : 'Sold'} ${req.quantity} ${req.symbol} (recorded)`,
        },
      };
      const moves: PlannedMove[] = buy
        ? [cash, { kind: 'units', symbol: req.symbol, delta: req.quantity, at }]
        : [{ kind: 'units', symbol: req.symbol, delta: new D(req.quantity).negated().toFixed(), at }, cash];
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
      const out = req.type === 'withdrawal' || req.type === 'fee';
      const amount = moneyText(req.amount, cur.minorUnit);
      return {
        id,
        activity: { type: req.type, date: req.date, symbol: req.type === 'dividend' ? (req.symbol ?? null) : null, currency: cur.code, amount, source, note, at },
        moves: [{ kind: 'cash', movement: { currency: cur.code, minorUnit: cur.minorUnit, amount: out ? `-${amount}` : amount, kind: req.type, at, activityId: id, note } }],
      };
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
        activity: { type: 'fx-exchange', date: req.date, currency: from.code, amount: fromAmount, toCurrency: to.code, toAmount, source, note, at },
        moves: [
          { kind: 'cash', movement: { currency: from.code, minorUnit: from.minorUnit, amount: `-${fromAmount}`, kind: 'fx-exchange', at, activityId: id, note: label } },
          { kind: 'cash', movement: { currency: to.code, minorUnit: to.minorUnit, amount: toAmount, kind: 'fx-exchange', at, activityId: id, note: label } },
        ],
      };
    }
  }
}
