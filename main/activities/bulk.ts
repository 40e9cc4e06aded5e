import type BetterSqlite3 from 'better-sqlite3';
import type { ActivityRecordRequest } from '../../shared/contract/index.js';
import type { Currency } from '../../shared/currencies.js';
import { AppError } from '../../shared/errors.js';
import { D, toMoneyString, type Dec } from '../../shared/money.js';
import { isCalendarDate } from '../../shared/portfolio/days.js';
import { insertActivity, type Movement } from '../orders/accounts.js';
import { ORDER_SQL, type PositionRow, type WalletRow } from '../orders/sql.js';
import { catalogueCurrency } from '../services/catalogue.js';
import { statements } from '../store/statements.js';
import { moneyText, planActivity, type ActivityPlan, type PlanLookups, type RecordOptions } from './plan.js';

interface HeldWallet {
  currency: string;
  /** null until the wallet's row exists (made with its first movement, as moveCash does). */
  id: number | null;
  balance: Dec;
  reserved: Dec;
  minorUnit: number;
  updatedAt: string;
  dirty: boolean;
}

interface HeldPosition {
  symbol: string;
  quantity: Dec;
  reserved: Dec;
  updatedAt: string;
  dirty: boolean;
}

type Instrument = { asset_class: 'stock' | 'crypto'; quote_currency: string };

/**
 * Many activities in the caller's open transaction (an import of a whole file), each exactly as
 * `ActivityService.recordIn` records it: the same plan (main/activities/plan.ts), the same activity row, the same
 * ledger entries with the same balances, the same refusals with the same messages. What differs is what it does not
 * repeat per row: the catalogue is looked up once per symbol and currency, and wallet balances and positions are
 * held in memory and written once, by `finish`, instead of read and rewritten with every row.
 *
 * `apply` checks every move of a row before it writes anything, so a refused row leaves nothing behind (no
 * savepoint needed) and the next row is checked against a true state. Nothing else may write wallets or positions
 * of this connection between the first `apply` and `finish` (the import holds the writer meanwhile).
 */
export class BulkRecorder {
  private readonly instruments = new Map<string, Instrument | undefined>();
  private readonly currencies = new Map<string, Currency | AppError>();
  private readonly wallets = new Map<string, HeldWallet>();
  private readonly positions = new Map<string, HeldPosition>();
  private readonly lookups: PlanLookups;

  constructor(
    private readonly db: BetterSqlite3.Database,
    private readonly today: string,
  ) {
    const sql = statements(db, ORDER_SQL);
    this.lookups = {
      instrument: (symbol) => {
        if (!this.instruments.has(symbol)) this.instruments.set(symbol, sql.instrument.get(symbol) as Instrument | undefined);
        return this.instruments.get(symbol);
      },
      currency: (code) => {
        let c = this.currencies.get(code);
        if (!c) {
          try {
            c = catalogueCurrency(db, code);
          } catch (err) {
            if (!(err instanceof AppError)) throw err;
            c = err;
          }
          this.currencies.set(code, c);
        }
        if (c instanceof AppError) throw new AppError(c.code, c.message, c.details);
        return c;
      },
    };
  }

  /** ActivityService.checkDate with the day the import started as today. */
  checkDate(date: string): void {
    if (!isCalendarDate(date)) throw new AppError('INVALID_INPUT', `${date} is not a calendar date.`, { date });
    if (date > this.today) throw new AppError('INVALID_INPUT', 'An activity cannot be dated in the future.', { date, today: this.today });
  }

  /** Checks a request against the catalogue (throws when refused); writes nothing. */
  plan(req: ActivityRecordRequest, at: string, options: RecordOptions = {}): ActivityPlan {
    return planActivity(this.lookups, req, at, options);
  }

  /**
   * Checks the plan's moves against the held balances (throws INSUFFICIENT_FUNDS / INSUFFICIENT_HOLDING as
   * moveCash and moveUnits do, before anything is written), then runs `before` (rows the activity refers to), writes
   * the activity and its ledger entries, and moves the held balances.
   */
  apply(plan: ActivityPlan, before?: () => void): string {
    const cash: { w: HeldWallet; m: Movement; balance: Dec; reserved: Dec }[] = [];
    const units: { p: HeldPosition; quantity: Dec; reserved: Dec; at: string }[] = [];
    for (const move of plan.moves) {
      if (move.kind === 'cash') {
        const m = move.movement;
        const w = this.wallet(m.currency, m.minorUnit, m.at);
        const reserved = m.release ? w.reserved.minus(m.release) : w.reserved;
        const balance = w.balance.plus(m.amount);
        if ((reserved.isZero() ? balance : balance.minus(reserved)).isNegative()) {
          const available = toMoneyString(w.balance.minus(reserved), m.minorUnit);
          const required = toMoneyString(new D(m.amount).abs(), m.minorUnit);
          throw new AppError('INSUFFICIENT_FUNDS', `Not enough ${m.currency}: ${required} needed, ${available} available.`, { currency: m.currency, required, available });
        }
        cash.push({ w, m, balance, reserved });
      } else {
        const p = this.position(move.symbol);
        const quantity = p.quantity.plus(move.delta);
        if (quantity.minus(p.reserved).isNegative()) {
          const required = new D(move.delta).abs().toFixed();
          const available = p.quantity.minus(p.reserved).toFixed();
          throw new AppError('INSUFFICIENT_HOLDING', `Not enough ${move.symbol}: ${required} needed, ${available} held.`, { symbol: move.symbol, required, available });
        }
        units.push({ p, quantity, reserved: p.reserved, at: move.at });
      }
    }
    before?.();
    const id = insertActivity(this.db, plan.activity, plan.id);
    const sql = statements(this.db, ORDER_SQL);
    for (const { w, m, balance, reserved } of cash) {
      if (w.id === null) w.id = this.createWallet(m.currency, m.at);
      const balanceText = toMoneyString(balance, m.minorUnit);
      sql.insertEntry.run(w.id, m.kind, moneyText(m.amount, m.minorUnit), balanceText, m.note ?? null, m.at, m.orderId ?? null, m.activityId ?? null);
      w.balance = balance;
      w.reserved = reserved;
      w.updatedAt = m.at;
      w.dirty = true;
    }
    for (const { p, quantity, reserved, at } of units) {
      p.quantity = quantity;
      p.reserved = reserved;
      p.updatedAt = at;
      p.dirty = true;
    }
    return id;
  }

  /** Writes the held wallet balances and positions (as the last moveCash / moveUnits of each would have left them). */
  finish(): void {
    const sql = statements(this.db, ORDER_SQL);
    for (const w of this.wallets.values()) {
      if (w.dirty && w.id !== null) sql.setWallet.run(toMoneyString(w.balance, w.minorUnit), toMoneyString(w.reserved, w.minorUnit), w.updatedAt, w.id);
      w.dirty = false;
    }
    for (const p of this.positions.values()) {
      if (p.dirty) sql.upsertPosition.run(p.symbol, p.quantity.toFixed(), p.reserved.toFixed(), p.updatedAt);
      p.dirty = false;
    }
  }

  private wallet(currency: string, minorUnit: number, at: string): HeldWallet {
    let w = this.wallets.get(currency);
    if (!w) {
      const row = statements(this.db, ORDER_SQL).wallet.get(currency) as WalletRow | undefined;
      w = { currency, id: row?.id ?? null, balance: new D(row?.balance ?? '0'), reserved: new D(row?.reserved ?? '0'), minorUnit, updatedAt: at, dirty: false };
      this.wallets.set(currency, w);
    }
    return w;
  }

  /** The wallet row main/orders/accounts.ts `wallet()` makes on a currency's first movement. */
  private createWallet(currency: string, at: string): number {
    this.db.prepare('INSERT INTO wallets (currency, balance, reserved, created_at, updated_at) VALUES (?, ?, ?, ?, ?)').run(currency, '0', '0', at, at);
    return (statements(this.db, ORDER_SQL).wallet.get(currency) as WalletRow).id;
  }

  private position(symbol: string): HeldPosition {
    let p = this.positions.get(symbol);
    if (!p) {
      const row = statements(this.db, ORDER_SQL).position.get(symbol) as PositionRow | undefined;
      p = { symbol, quantity: new D(row?.quantity ?? '0'), reserved: new D(row?.reserved ?? '0'), updatedAt: '', dirty: false };
      this.positions.set(symbol, p);
    }
    return p;
  }
}
