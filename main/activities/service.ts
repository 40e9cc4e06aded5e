import type BetterSqlite3 from 'better-sqlite3';
import type { ActivityRecordRequest, ActivityView } from '../../shared/contract/index.js';
import { AppError } from '../../shared/errors.js';
import { D, fractionDigits, toMoneyString } from '../../shared/money.js';
import { isCalendarDate } from '../../shared/portfolio/days.js';
import { catalogueCurrency } from '../services/catalogue.js';
import { withIdempotency } from '../services/idempotency.js';
import type { Store } from '../store/data-source.js';
import { statements } from '../store/statements.js';
import { insertActivity, moveCash, moveUnits } from '../orders/accounts.js';
import { quantityDecimals } from '../orders/market-view.js';
import { ORDER_SQL } from '../orders/sql.js';
import { activityView, type ActivityRow } from './view.js';

/** The stored columns only: `SELECT *` would also compute the history's generated sort keys (profile-005). */
const COLUMNS = 'id, type, date, symbol, quantity, price, fee, currency, amount, to_currency, to_amount, order_id, source, note, created_at';
const SQL = {
  one: `SELECT ${COLUMNS} FROM activities WHERE id = ?`,
};

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

function tooPrecise(field: string, max: number, what: string): AppError {
  return new AppError('INVALID_AMOUNT', max === 0 ? `${what} has no minor unit: use a whole ${field}.` : `${what}: the ${field} has at most ${max} decimal places.`, { field, decimals: max });
}

/**
 * Outside activity of a real portfolio (issue 4 §5): trades, cash movements and FX exchanges done elsewhere,
 * recorded at their own date and price. Each moves the wallets and units it names in one transaction with its
 * activity row, so wallets, positions and the portfolio's replay always agree. A recorded buy needs the cash to be
 * there (record the deposit first): nothing is allowed to go negative.
 */
export class ActivityService {
  constructor(
    private readonly store: Store,
    private readonly today: () => string,
    private readonly now: () => number = Date.now,
    private readonly onActivity: () => void = () => undefined,
  ) {}

  async record(req: ActivityRecordRequest): Promise<ActivityView> {
    const at = new Date(this.now()).toISOString();
    this.checkDate(req.date);
    const view = await this.store.writer.sync((db) => withIdempotency(db, 'activity:record', req, at, () => this.recordIn(db, req, at)));
    this.onActivity();
    return view;
  }

  /**
   * Records many requests in ONE transaction: every one of them or, if any is refused, none (the refusal is thrown).
   * No idempotency key of its own: a caller that needs one (the import) wraps this in its own.
   */
  async recordMany(items: readonly { req: ActivityRecordRequest; options?: RecordOptions }[]): Promise<ActivityView[]> {
    const at = new Date(this.now()).toISOString();
    for (const { req } of items) this.checkDate(req.date);
    const views = await this.store.writer.sync((db) => items.map(({ req, options }) => this.recordIn(db, req, options?.at ?? at, options)));
    if (views.length) this.onActivity();
    return views;
  }

  /** A real calendar date, not in the future (activities happened; they are not planned). */
  checkDate(date: string): void {
    if (!isCalendarDate(date)) throw new AppError('INVALID_INPUT', `${date} is not a calendar date.`, { date });
    if (date > this.today()) throw new AppError('INVALID_INPUT', 'An activity cannot be dated in the future.', { date, today: this.today() });
  }

  /** Tells the portfolio (and whoever listens) that activities changed outside `record` (an import). */
  changed(): void {
    this.onActivity();
  }

  list(q: { symbol?: string; limit?: number; before?: string }): Promise<ActivityView[]> {
    return this.store.writer.sync((db) => {
      const where: string[] = [];
      const args: unknown[] = [];
      if (q.symbol) {
        where.push('symbol = ?');
        args.push(q.symbol);
      }
      if (q.before) {
        where.push('rowid < (SELECT rowid FROM activities WHERE id = ?)');
        args.push(q.before);
      }
      const sql = `SELECT ${COLUMNS} FROM activities ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY rowid DESC LIMIT ?`;
      return (db.prepare(sql).all(...args, q.limit ?? 50) as ActivityRow[]).map(activityView);
    });
  }

  /**
   * Records one request inside the caller's transaction (`Writer.sync`, or the import's own): checks, the activity
   * row, and the wallet and unit moves. Throws before anything is written when the request is refused, except
   * that a later refusal (not enough cash) may follow the activity row: callers that go on after a refusal wrap
   * each call in a savepoint (better-sqlite3's nested transaction). The date is the caller's to check (checkDate).
   */
  recordIn(db: BetterSqlite3.Database, req: ActivityRecordRequest, at: string, options: RecordOptions = {}): ActivityView {
    const note = req.note?.trim() ? req.note.trim() : null;
    const source = options.source ?? 'manual';
    const orderId = options.orderId ?? null;
    let id: string;
    switch (req.type) {
      case 'buy':
      case 'sell': {
        const inst = statements(db, ORDER_SQL).instrument.get(req.symbol) as { asset_class: 'stock' | 'crypto'; quote_currency: string } | undefined;
        if (!inst) throw new AppError('NOT_FOUND', `${req.symbol} is not an instrument of your catalogue.`, { symbol: req.symbol });
        const cur = catalogueCurrency(db, inst.quote_currency);
        const qd = quantityDecimals(inst.asset_class);
        if (fractionDigits(req.quantity) > qd) throw tooPrecise('quantity', qd, req.symbol);
        // A fill imported from a Bourse file keeps the venue's execution price, whatever its digits.
        if (source !== 'order' && fractionDigits(req.price) > 10) throw tooPrecise('price', 10, req.symbol);
        const fee = req.fee ?? '0';
        if (fractionDigits(fee) > cur.minorUnit) throw tooPrecise('fee', cur.minorUnit, cur.code);
        // The one rounding rule: the trade value settles half-even at the currency's minor unit.
        const gross = new D(req.quantity).times(req.price).toDecimalPlaces(cur.minorUnit, D.ROUND_HALF_EVEN);
        if (options.total !== undefined && fractionDigits(options.total) > cur.minorUnit) throw tooPrecise('amount', cur.minorUnit, cur.code);
        const total = options.total !== undefined ? new D(options.total) : req.type === 'buy' ? gross.plus(fee) : gross.minus(fee);
        if (total.isNegative()) throw new AppError('INVALID_AMOUNT', 'The fee is larger than what the sale brought.', { fee, gross: gross.toFixed(cur.minorUnit) });
        id = insertActivity(db, {
          type: req.type,
          date: req.date,
          symbol: req.symbol,
          quantity: new D(req.quantity).toFixed(),
          price: new D(req.price).toFixed(),
          fee: toMoneyString(new D(fee), cur.minorUnit),
          currency: cur.code,
          amount: toMoneyString(total, cur.minorUnit),
          orderId,
          source,
          note,
          at,
        }, options.id);
        if (req.type === 'buy') {
          moveCash(db, { currency: cur.code, minorUnit: cur.minorUnit, amount: total.negated().toFixed(), kind: 'buy', at, orderId, activityId: id, note: note ?? options.ledgerNote ?? `Bought ${req.quantity} ${req.symbol} (recorded)` });
          moveUnits(db, req.symbol, req.quantity, at);
        } else {
          moveUnits(db, req.symbol, new D(req.quantity).negated().toFixed(), at);
          moveCash(db, { currency: cur.code, minorUnit: cur.minorUnit, amount: total.toFixed(), kind: 'sell', at, orderId, activityId: id, note: note ?? options.ledgerNote ?? `Sold ${req.quantity} ${req.symbol} (recorded)` });
        }
        break;
      }
      case 'deposit':
      case 'withdrawal':
      case 'interest':
      case 'fee':
      case 'dividend': {
        const cur = catalogueCurrency(db, req.currency);
        if (fractionDigits(req.amount) > cur.minorUnit) throw tooPrecise('amount', cur.minorUnit, cur.code);
        if (req.type === 'dividend' && req.symbol && !statements(db, ORDER_SQL).instrument.get(req.symbol)) {
          throw new AppError('NOT_FOUND', `${req.symbol} is not an instrument of your catalogue.`, { symbol: req.symbol });
        }
        const out = req.type === 'withdrawal' || req.type === 'fee';
        const amount = toMoneyString(new D(req.amount), cur.minorUnit);
        id = insertActivity(db, {
          type: req.type,
          date: req.date,
          symbol: req.type === 'dividend' ? (req.symbol ?? null) : null,
          currency: cur.code,
          amount,
          source,
          note,
          at,
        }, options.id);
        moveCash(db, { currency: cur.code, minorUnit: cur.minorUnit, amount: out ? `-${amount}` : amount, kind: req.type, at, activityId: id, note });
        break;
      }
      case 'fx-exchange': {
        if (req.fromCurrency === req.toCurrency) throw new AppError('INVALID_INPUT', 'An exchange needs two different currencies.', { currency: req.fromCurrency });
        const from = catalogueCurrency(db, req.fromCurrency);
        const to = catalogueCurrency(db, req.toCurrency);
        if (fractionDigits(req.fromAmount) > from.minorUnit) throw tooPrecise('amount', from.minorUnit, from.code);
        if (fractionDigits(req.toAmount) > to.minorUnit) throw tooPrecise('amount', to.minorUnit, to.code);
        const fromAmount = toMoneyString(new D(req.fromAmount), from.minorUnit);
        const toAmount = toMoneyString(new D(req.toAmount), to.minorUnit);
        id = insertActivity(db, { type: 'fx-exchange', date: req.date, currency: from.code, amount: fromAmount, toCurrency: to.code, toAmount, source, note, at }, options.id);
        const label = note ?? `${fromAmount} ${from.code} → ${toAmount} ${to.code}`;
        moveCash(db, { currency: from.code, minorUnit: from.minorUnit, amount: `-${fromAmount}`, kind: 'fx-exchange', at, activityId: id, note: label });
        moveCash(db, { currency: to.code, minorUnit: to.minorUnit, amount: toAmount, kind: 'fx-exchange', at, activityId: id, note: label });
        break;
      }
    }
    return activityView(statements(db, SQL).one.get(id) as ActivityRow);
  }
}
