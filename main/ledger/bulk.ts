import type { ActivityRecordRequest } from '../../shared/contract/index.js';
import type { Currency } from '../../shared/currencies.js';
import { AppError } from '../../shared/errors.js';
import { Dec } from '../../shared/decimal/index.js';
import { toMoneyString } from '../../shared/money.js';
import { DEFAULT_ACCOUNT_ID } from '../store/migrations/profile-011-accounts.js';
import { statements } from '../store/statements.js';
import type { WriteDb } from '../store/writer.js';
import { cashShort, wallet } from './cash.js';
import { recordDayLegs } from './day-totals.js';
import { checkActivityDate, moneyText, planActivity, type ActivityPlan, type PlanLookups, type RecordOptions } from './plan.js';
import { ACTIVITY_INSERT, ENTRY_INSERT, LEDGER_SQL } from './repo.js';
import { RowBatch } from './row-batch.js';
import type { ActivityInsert, Movement, PositionRow, WalletRow } from './rows.js';
import { unitsShort } from './units.js';

interface HeldWallet {
  accountId: string;
  currency: string;
  /** null until the wallet's row exists (made with its first movement, as moveCash does). */
  id: number | null;
  /** As moveCash leaves them in the row: at the minor unit. */
  balance: Dec;
  reserved: Dec;
  minorUnit: number;
  updatedAt: string;
  dirty: boolean;
}

interface HeldPosition {
  accountId: string;
  symbol: string;
  quantity: Dec;
  reserved: Dec;
  updatedAt: string;
  dirty: boolean;
}


type Instrument = { asset_class: 'stock' | 'crypto'; quote_currency: string };

/**
 * Many activities in the caller's open transaction (an import of a whole file), each in its plan's account (the
 * default one when the plan names none) and exactly as record.ts records it: the same plan (plan.ts), the same activity row, the same
 * ledger entries with the same balances, the same refusals with the same messages. What differs is what it does not
 * repeat per row: the catalogue is looked up once per symbol and currency, and wallet balances and positions are
 * held in memory and written once, by `finish`, instead of read and rewritten with every row.
 *
 * `apply` checks every move of a row before it writes anything, so a refused row leaves nothing behind (no
 * savepoint needed) and the next row is checked against a true state. Nothing else may write wallets or positions
 * of this connection between the first `apply` and `finish` (the import holds the writer meanwhile), except through
 * `settled`, which hands the connection to a single-row ledger path (a corporate action, a units transfer).
 */
export class BulkRecorder {
  private readonly instruments = new Map<string, Instrument | undefined>();
  private readonly currencies = new Map<string, Currency | AppError>();
  /** By account, then currency (or symbol): no key made per row. */
  private readonly wallets = new Map<string, Map<string, HeldWallet>>();
  private readonly positions = new Map<string, Map<string, HeldPosition>>();
  private readonly lookups: PlanLookups;
  private readonly goodDates = new Set<string>();
  private readonly activities: RowBatch;
  private readonly entries: RowBatch;

  constructor(
    private readonly db: WriteDb,
    private readonly today: string,
    /** The catalogue as the plan reads it; each answer is kept for the whole file. */
    catalogue: PlanLookups,
    /** Rows per INSERT statement (tests use small batches to reach every boundary). */
    batchRows = 64,
  ) {
    this.activities = new RowBatch(db, ACTIVITY_INSERT, 17, batchRows);
    this.entries = new RowBatch(db, ENTRY_INSERT, 9, batchRows);
    this.lookups = {
      instrument: (symbol) => {
        if (!this.instruments.has(symbol)) this.instruments.set(symbol, catalogue.instrument(symbol));
        return this.instruments.get(symbol);
      },
      currency: (code) => {
        let c = this.currencies.get(code);
        if (!c) {
          try {
            c = catalogue.currency(code);
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

  /** checkActivityDate with the day the import started as today. */
  checkDate(date: string): void {
    // Rows share a few hundred days: a day that passed once passes again (today is fixed for the recorder).
    if (this.goodDates.has(date)) return;
    checkActivityDate(date, this.today);
    this.goodDates.add(date);
  }

  /**
   * Checks a request against the catalogue (throws when refused); writes nothing. The row joins the history's sort
   * indexes later, in the indexer's batches (main/history/indexer.ts), as a trade's does: the eight partial indexes
   * are then not written a row at a time inside the import's transaction.
   */
  plan(req: ActivityRecordRequest, at: string, options: RecordOptions = {}): ActivityPlan {
    return planActivity(this.lookups, req, at, options, true);
  }

  /**
   * Checks the plan's moves against the held balances (throws INSUFFICIENT_FUNDS / INSUFFICIENT_HOLDING as
   * moveCash and moveUnits do, before anything is written), then runs `before` (rows the activity refers to), writes
   * the activity and its ledger entries, and moves the held balances.
   */
  apply(plan: ActivityPlan, before?: () => void): string {
    const accountId = plan.accountId ?? DEFAULT_ACCOUNT_ID;
    const cash: CashStep[] = [];
    const units: UnitStep[] = [];
    for (const move of plan.moves) {
      if (move.kind === 'cash') cash.push(cashStep(this.wallet(accountId, move.movement.currency, move.movement.minorUnit, move.movement.at), move.movement));
      else units.push(unitStep(this.position(accountId, move.symbol), move.symbol, move.delta, move.at));
    }
    before?.();
    const id = this.insertActivity(plan.activity, plan.id, cash.length, accountId);
    for (const step of cash) {
      const { w, m } = step;
      if (w.id === null) w.id = this.createWallet(accountId, m.currency, m.minorUnit, m.at);
      this.entries.add(w.id, m.kind, moneyText(m.amount, m.minorUnit), step.balanceText, m.note ?? null, m.at, m.orderId ?? null, m.activityId ?? null, accountId);
      w.balance = step.balance;
      w.reserved = step.reserved;
      w.updatedAt = m.at;
      w.dirty = true;
    }
    for (const step of units) {
      const { p } = step;
      p.quantity = step.quantity;
      p.updatedAt = step.at;
      p.dirty = true;
    }
    return id;
  }

  /**
   * activity-log.ts insertActivity (the same values in the same order, the same per-day legs), with the row
   * added to a batch: the ledger entries that refer to it are written after it (`flushRows`).
   */
  private insertActivity(a: ActivityInsert, id: string, entries: number, accountId: string): string {
    this.activities.add(id, a.type, a.date, a.symbol ?? null, a.quantity ?? null, a.price ?? null, a.fee ?? null, a.currency, a.amount, a.toCurrency ?? null, a.toAmount ?? null, a.orderId ?? null, a.source, a.note ?? null, a.at, a.deferIndex ? 0 : 1, accountId);
    recordDayLegs(this.db, a);
    // An entry's activity must be in the table before the entry (its foreign key is checked at once): the entries'
    // batch is only ever written by flushRows, after the activities, so it must not fill up by itself.
    if (this.entries.pending + entries >= this.entries.size) this.flushRows();
    return id;
  }

  /** Writes the batched activities, then their ledger entries. */
  flushRows(): void {
    this.activities.flush();
    this.entries.flush();
  }

  /** Writes the held wallet balances and positions (as the last moveCash / moveUnits of each would have left them). */
  finish(): void {
    this.flushRows();
    const sql = statements(this.db, LEDGER_SQL);
    for (const w of held(this.wallets)) {
      if (w.dirty && w.id !== null) {
        sql.setWallet.run(toMoneyString(w.balance, w.minorUnit), toMoneyString(w.reserved, w.minorUnit), w.updatedAt, w.id);
      }
      w.dirty = false;
    }
    for (const p of held(this.positions)) {
      if (p.dirty) {
        sql.upsertPosition.run(p.accountId, p.symbol, p.quantity.toFixed(), p.reserved.toFixed(), p.updatedAt);
      }
      p.dirty = false;
    }
  }

  /**
   * Runs `write` (a single-row ledger path: recordCorporateAction, transferUnits) on the connection with every held
   * row written before it and read again after it, inside a savepoint: a refusal leaves nothing of it behind, and the
   * rows after it are checked against the state it left. For the rare rows the plan cannot hold (a corporate action
   * reads and rewrites every account's position of an instrument): the rule stays in its one place.
   */
  settled<T>(write: () => T): T {
    this.finish();
    this.wallets.clear();
    this.positions.clear();
    this.db.exec('SAVEPOINT bulk_settled');
    try {
      const out = write();
      this.db.exec('RELEASE bulk_settled');
      return out;
    } catch (err) {
      this.db.exec('ROLLBACK TO bulk_settled');
      this.db.exec('RELEASE bulk_settled');
      throw err;
    }
  }

  /** The catalogue's currency (cached for the file); throws UNKNOWN_CURRENCY as a plan does. */
  currency(code: string): Currency {
    return this.lookups.currency(code);
  }

  private wallet(accountId: string, currency: string, minorUnit: number, at: string): HeldWallet {
    let of = this.wallets.get(accountId);
    if (!of) this.wallets.set(accountId, (of = new Map()));
    let w = of.get(currency);
    if (!w) {
      const row = statements(this.db, LEDGER_SQL).wallet.get(accountId, currency) as WalletRow | undefined;
      const balance = row?.balance ?? '0';
      const reserved = row?.reserved ?? '0';
      w = { accountId, currency, id: row?.id ?? null, balance: Dec.of(balance), reserved: Dec.of(reserved), minorUnit, updatedAt: at, dirty: false };
      of.set(currency, w);
    }
    return w;
  }

  /** The wallet row cash.ts `wallet()` makes on a currency's first movement. */
  private createWallet(accountId: string, currency: string, minorUnit: number, at: string): number {
    return wallet(this.db, currency, minorUnit, at, accountId).id;
  }

  private position(accountId: string, symbol: string): HeldPosition {
    let of = this.positions.get(accountId);
    if (!of) this.positions.set(accountId, (of = new Map()));
    let p = of.get(symbol);
    if (!p) {
      const row = statements(this.db, LEDGER_SQL).position.get(accountId, symbol) as PositionRow | undefined;
      const quantity = row?.quantity ?? '0';
      const reserved = row?.reserved ?? '0';
      p = { accountId, symbol, quantity: Dec.of(quantity), reserved: Dec.of(reserved), updatedAt: '', dirty: false };
      of.set(symbol, p);
    }
    return p;
  }
}

/** Every held row of every account. */
function* held<T>(byAccount: Map<string, Map<string, T>>): Iterable<T> {
  for (const rows of byAccount.values()) yield* rows.values();
}

/** A cash move checked against its wallet: the figures it leaves. */
interface CashStep {
  w: HeldWallet;
  m: Movement;
  balance: Dec;
  reserved: Dec;
  balanceText: string;
}

interface UnitStep {
  p: HeldPosition;
  quantity: Dec;
  at: string;
}

/** moveCash's check and figures, against the held wallet; throws before anything is written. */
function cashStep(w: HeldWallet, m: Movement): CashStep {
  const reserved = m.release ? w.reserved.minus(m.release) : w.reserved;
  const balance = w.balance.plus(m.amount);
  if (balance.lt(reserved)) throw cashShort(m, toMoneyString(w.balance.minus(reserved), m.minorUnit));
  // What moveCash leaves in the row (and the next moveCash reads): the figures rounded to the minor unit.
  return { w, m, balance: balance.round(m.minorUnit), reserved: reserved.round(m.minorUnit), balanceText: toMoneyString(balance, m.minorUnit) };
}

/** moveUnits's check and figures, against the held position. */
function unitStep(p: HeldPosition, symbol: string, delta: string, at: string): UnitStep {
  const quantity = p.quantity.plus(delta);
  if (quantity.lt(p.reserved)) throw unitsShort(symbol, delta, p.quantity.minus(p.reserved).toFixed());
  return { p, quantity, at };
}
