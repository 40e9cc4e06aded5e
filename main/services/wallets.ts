import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import type { LedgerEntry, MoneyRequest, Wallet } from '../../shared/contract/index.js';
import type { Currency } from '../../shared/currencies.js';
import { AppError } from '../../shared/errors.js';
import { Dec, dec } from '../../shared/decimal/index.js';
import { toMoneyString } from '../../shared/money.js';
import { catalogueCurrency } from './catalogue.js';
import { LedgerEntryEntity, type LedgerEntryRow } from '../store/entities/ledger-entry.js';
import { WalletEntity, type WalletRow } from '../store/entities/wallet.js';
import type { Store } from '../store/data-source.js';
import type { EventHub } from '../events.js';
import { withIdempotency } from './idempotency.js';
import { recordDayLegs } from '../history/days.js';
import { statements } from '../store/statements.js';
import type BetterSqlite3 from 'better-sqlite3';

type MoneyResult = { entry: LedgerEntry; balance: string };

const LEDGER_SQL = {
  findWallet: 'SELECT id, balance, reserved FROM wallets WHERE currency = ?',
  createWallet: 'INSERT INTO wallets (currency, balance, created_at, updated_at) VALUES (?, ?, ?, ?)',
  insertEntry:
    'INSERT INTO ledger_entries (wallet_id, kind, amount, balance_after, note, created_at, activity_id) VALUES (?, ?, ?, ?, ?, ?, ?)',
  insertActivity:
    // Not yet ready for the history's sort indexes (main/store/migrations/profile-006-history-pending.ts).
    "INSERT INTO activities (id, type, date, currency, amount, source, note, created_at, h_ready) VALUES (?, ?, ?, ?, ?, 'wallet', ?, ?, 0)",
  updateBalance: 'UPDATE wallets SET balance = ?, updated_at = ? WHERE id = ?',
};

/** The wallet of a currency, created with a zero balance on first use. Inside `Writer.sync` only. */
export function walletForSync(db: BetterSqlite3.Database, currency: Currency, at: string): { id: number; balance: string; reserved: string } {
  const sql = statements(db, LEDGER_SQL);
  const found = sql.findWallet.get(currency.code) as { id: number; balance: string; reserved: string } | undefined;
  if (found) return found;
  const balance = toMoneyString(dec('0'), currency.minorUnit);
  const { lastInsertRowid } = sql.createWallet.run(currency.code, balance, at, at);
  return { id: Number(lastInsertRowid), balance, reserved: '0' };
}

export function checkPrecision(amount: Dec, currency: Currency): void {
  if (amount.decimalPlaces() > currency.minorUnit) {
    throw new AppError(
      'INVALID_AMOUNT',
      currency.minorUnit === 0
        ? `${currency.code} has no minor unit: use a whole amount.`
        : `${currency.code} amounts have at most ${currency.minorUnit} decimal places.`,
      { currency: currency.code, minorUnit: currency.minorUnit },
    );
  }
}

export function toEntry(row: LedgerEntryRow, currency: string): LedgerEntry {
  return {
    id: row.id,
    currency,
    kind: row.kind as LedgerEntry['kind'],
    amount: row.amount,
    balanceAfter: row.balanceAfter,
    note: row.note,
    createdAt: row.createdAt,
    orderId: row.orderId ?? null,
  };
}

/** Cash wallets of one profile: one per currency, every change a ledger entry written with the balance update. */
export class WalletService {
  constructor(
    private readonly store: Store,
    private readonly events: EventHub,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async list(latest = 5): Promise<Wallet[]> {
    return this.store.writer.read(async (em) => {
      const wallets = await em.find(WalletEntity, { order: { currency: 'ASC' } });
      const out: Wallet[] = [];
      for (const w of wallets) out.push(await this.describe(em, w, latest));
      return out;
    });
  }

  async open(code: string): Promise<Wallet> {
    const at = this.now().toISOString();
    await this.store.writer.sync((db) => walletForSync(db, catalogueCurrency(db, code), at));
    return this.store.writer.read(async (em) => this.describe(em, await em.findOneByOrFail(WalletEntity, { currency: code }), 5));
  }

  async entries(code: string, limit = 50, beforeId?: number): Promise<LedgerEntry[]> {
    await this.store.writer.sync((db) => catalogueCurrency(db, code));
    return this.store.writer.read(async (em) => {
      const w = await em.findOneBy(WalletEntity, { currency: code });
      if (!w) return [];
      const qb = em
        .createQueryBuilder(LedgerEntryEntity, 'e')
        .where('e.wallet_id = :id', { id: w.id })
        .orderBy('e.id', 'DESC')
        .limit(limit);
      if (beforeId) qb.andWhere('e.id < :before', { before: beforeId });
      return (await qb.getMany()).map((r) => toEntry(r, code));
    });
  }

  deposit(req: MoneyRequest): Promise<MoneyResult> {
    return this.move('wallet:deposit', 'deposit', req);
  }

  withdraw(req: MoneyRequest): Promise<MoneyResult> {
    return this.move('wallet:withdraw', 'withdrawal', req);
  }

  private async move(channel: string, kind: 'deposit' | 'withdrawal', req: MoneyRequest): Promise<MoneyResult> {
    const at = this.now().toISOString();
    const result = await this.store.writer.sync((db) =>
      withIdempotency(db, channel, req, at, (): MoneyResult => {
        const currency = catalogueCurrency(db, req.currency);
        const amount = dec(req.amount);
        checkPrecision(amount, currency);
        const sql = statements(db, LEDGER_SQL);
        const wallet = walletForSync(db, currency, at);
        const signed = kind === 'deposit' ? amount : amount.neg();
        const next = dec(wallet.balance).plus(signed);
        // Cash reserved by open buy orders is not the user's to withdraw.
        if (next.minus(wallet.reserved).isNeg()) {
          const available = toMoneyString(dec(wallet.balance).minus(wallet.reserved), currency.minorUnit);
          throw new AppError(
            'INSUFFICIENT_FUNDS',
            dec(wallet.reserved).isZero()
              ? `Not enough ${currency.code}: the balance is ${wallet.balance}.`
              : `Not enough ${currency.code}: ${available} is available (${wallet.reserved} is reserved for open orders).`,
            { currency: currency.code, balance: wallet.balance, reserved: wallet.reserved, available, requested: toMoneyString(amount, currency.minorUnit) },
          );
        }
        const balance = toMoneyString(next, currency.minorUnit);
        const note = req.note?.trim() ? req.note.trim() : null;
        const signedText = toMoneyString(signed, currency.minorUnit);
        // The portfolio replays activities: a deposit is a cash flow for the time-weighted return.
        const activityId = randomUUID();
        sql.insertActivity.run(activityId, kind, at.slice(0, 10), currency.code, toMoneyString(amount, currency.minorUnit), note, at);
        recordDayLegs(db, { date: at.slice(0, 10), type: kind, symbol: null, currency: currency.code, amount: toMoneyString(amount, currency.minorUnit), fee: null, toCurrency: null, toAmount: null });
        const { lastInsertRowid } = sql.insertEntry.run(wallet.id, kind, signedText, balance, note, at, activityId);
        sql.updateBalance.run(balance, at, wallet.id);
        const entry: LedgerEntry = {
          id: Number(lastInsertRowid),
          currency: currency.code,
          kind,
          amount: signedText,
          balanceAfter: balance,
          note,
          createdAt: at,
          orderId: null,
        };
        return { entry, balance };
      }),
    );
    this.events.emit('wallet:changed', { currency: result.entry.currency, balance: result.balance });
    return result;
  }

  private async describe(em: EntityManager, w: WalletRow, latest: number): Promise<Wallet> {
    const [currency] = (await em.query('SELECT name, minor_unit AS minorUnit FROM currencies WHERE code = ?', [w.currency])) as {
      name: string;
      minorUnit: number;
    }[];
    const rows = latest
      ? await em.find(LedgerEntryEntity, { where: { walletId: w.id }, order: { id: 'DESC' }, take: latest })
      : [];
    return {
      currency: w.currency,
      name: currency?.name ?? w.currency,
      minorUnit: currency?.minorUnit ?? 2,
      balance: w.balance,
      reserved: toMoneyString(dec(w.reserved), currency?.minorUnit ?? 2),
      available: toMoneyString(dec(w.balance).minus(w.reserved), currency?.minorUnit ?? 2),
      latest: rows.map((r) => toEntry(r, w.currency)),
    };
  }
}
