import type BetterSqlite3 from 'better-sqlite3';
import type { ActivityRecordRequest, ActivityView } from '../../shared/contract/index.js';
import { AppError } from '../../shared/errors.js';
import { isCalendarDate } from '../../shared/portfolio/days.js';
import { catalogueCurrency } from '../services/catalogue.js';
import { withIdempotency } from '../services/idempotency.js';
import type { Store } from '../store/data-source.js';
import { statements } from '../store/statements.js';
import { insertActivity, moveCash, moveUnits } from '../orders/accounts.js';
import { ORDER_SQL } from '../orders/sql.js';
import { BulkRecorder } from './bulk.js';
import { planActivity, type PlanLookups, type RecordOptions } from './plan.js';
import { activityView, type ActivityRow } from './view.js';

/** The stored columns only: `SELECT *` would also compute the history's generated sort keys (profile-005). */
const COLUMNS = 'id, type, date, symbol, quantity, price, fee, currency, amount, to_currency, to_amount, order_id, source, note, created_at';
const SQL = {
  one: `SELECT ${COLUMNS} FROM activities WHERE id = ?`,
};

export type { RecordOptions } from './plan.js';

/**
 * Outside activity of a real portfolio (docs/design.md#outside-activity): trades, cash movements and FX exchanges done
 * elsewhere, recorded at their own date and price. Each moves the wallets and units it names in one transaction with
 * its activity row, so wallets, positions and the portfolio's replay always agree. A recorded buy needs the cash to be
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

  /** A real calendar date, not in the future (activities happened; they are not planned). */
  checkDate(date: string): void {
    if (!isCalendarDate(date)) throw new AppError('INVALID_INPUT', `${date} is not a calendar date.`, { date });
    if (date > this.today()) throw new AppError('INVALID_INPUT', 'An activity cannot be dated in the future.', { date, today: this.today() });
  }

  /** A recorder of many activities in the caller's open transaction (the import), each as `recordIn` records it. */
  bulk(db: BetterSqlite3.Database): BulkRecorder {
    return new BulkRecorder(db, this.today());
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
        where.push('h_symbol = ?'); // idx_history_symbol (h_symbol is COALESCE(symbol, ''))
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
    const plan = planActivity(dbLookups(db), req, at, options);
    const id = insertActivity(db, plan.activity, plan.id);
    for (const m of plan.moves) {
      if (m.kind === 'cash') moveCash(db, m.movement);
      else moveUnits(db, m.symbol, m.delta, m.at);
    }
    return activityView(statements(db, SQL).one.get(id) as ActivityRow);
  }
}

/** The catalogue through this connection's statements (one row at a time: recordIn). */
function dbLookups(db: BetterSqlite3.Database): PlanLookups {
  return {
    instrument: (symbol) => statements(db, ORDER_SQL).instrument.get(symbol) as { asset_class: 'stock' | 'crypto'; quote_currency: string } | undefined,
    currency: (code) => catalogueCurrency(db, code),
  };
}
