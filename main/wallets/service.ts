import type { LedgerEntry, MoneyRequest, Wallet } from '../../shared/contract/index.js';
import type { Currency } from '../../shared/currencies.js';
import { AppError } from '../../shared/errors.js';
import { dec, type Dec } from '../../shared/decimal/index.js';
import { toMoneyString } from '../../shared/money.js';
import { catalogueCurrency } from '../catalogue/repo.js';
import { openAccount } from '../accounts/service.js';
import type { EventHub } from '../events.js';
import { currencyWallet, wallet } from '../ledger/cash.js';
import { cashPlan } from '../ledger/plan.js';
import { record } from '../ledger/record.js';
import type { Store } from '../store/data-source.js';
import { DEFAULT_ACCOUNT_ID } from '../store/migrations/profile-011-accounts.js';
import { withIdempotency } from '../store/idempotency.js';
import type { ReadDb, WriteDb } from '../store/writer.js';
import { toEntry, walletRepo, type WalletListRow } from './repo.js';

type MoneyResult = { entry: LedgerEntry; balance: string };

function checkPrecision(amount: Dec, currency: Currency): void {
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

/** Cash wallets of one profile: one per currency; the ledger writes every change as an entry with the balance. */
export class WalletService {
  constructor(
    private readonly store: Store,
    private readonly events: EventHub,
    private readonly now: () => Date = () => new Date(),
    /** A wallet was opened or got its first money: the currencies in use changed (sync and feed plan again). */
    private readonly usageChanged: () => void = () => undefined,
  ) {}

  list(latest = 5, accountId?: string): Promise<Wallet[]> {
    return this.store.writer.read((db) => walletRepo.all(db, accountId).map((w) => describe(db, w, latest)));
  }

  async open(code: string, accountId?: string): Promise<Wallet> {
    const at = this.now().toISOString();
    const account = await this.store.writer.write((db) => {
      const a = openAccount(db, accountId).id;
      const currency = catalogueCurrency(db, code);
      wallet(db, currency.code, currency.minorUnit, at, a);
      return a;
    });
    const opened = await this.store.writer.read((db) => describe(db, walletRepo.one(db, account, code)!, 5));
    this.usageChanged();
    return opened;
  }

  entries(code: string, limit = 50, beforeId?: number, accountId?: string): Promise<LedgerEntry[]> {
    return this.store.writer.read((db) => {
      catalogueCurrency(db, code);
      const w = walletRepo.one(db, accountId ?? DEFAULT_ACCOUNT_ID, code);
      return w ? walletRepo.entries(db, w.id, limit, beforeId).map(toEntry) : [];
    });
  }

  async deposit(req: MoneyRequest): Promise<MoneyResult> {
    const res = await this.move('wallet:deposit', 'deposit', req);
    // The first money in a wallet (usually a new currency) changes which FX series are in use.
    if (res.entry.amount === res.entry.balanceAfter) this.usageChanged();
    return res;
  }

  withdraw(req: MoneyRequest): Promise<MoneyResult> {
    return this.move('wallet:withdraw', 'withdrawal', req);
  }

  private async move(channel: string, kind: 'deposit' | 'withdrawal', req: MoneyRequest): Promise<MoneyResult> {
    const at = this.now().toISOString();
    const result = await this.store.writer.write((db) => withIdempotency(db, channel, req, at, (): MoneyResult => moveIn(db, kind, req, at)));
    this.events.emit('wallet:changed', { currency: result.entry.currency, balance: result.balance });
    return result;
  }
}

/** A deposit or withdrawal inside the caller's transaction: the wallet's own checks, then the ledger's plan. */
function moveIn(db: WriteDb, kind: 'deposit' | 'withdrawal', req: MoneyRequest, at: string): MoneyResult {
  // The default account needs no read: every profile has it, and it can be neither archived nor removed
  // (accounts/service.ts). Any other is read and must be open.
  const accountId = req.accountId === undefined || req.accountId === DEFAULT_ACCOUNT_ID ? DEFAULT_ACCOUNT_ID : openAccount(db, req.accountId).id;
  const held = currencyWallet(db, req.currency, at, accountId);
  const currency = held.currency;
  const amount = dec(req.amount);
  checkPrecision(amount, currency);
  const w = held.open();
  // Cash reserved by open buy orders is not the user's to withdraw.
  const signed = kind === 'deposit' ? amount : amount.neg();
  if (dec(w.balance).plus(signed).minus(w.reserved).isNeg()) {
    const available = toMoneyString(dec(w.balance).minus(w.reserved), currency.minorUnit);
    throw new AppError(
      'INSUFFICIENT_FUNDS',
      dec(w.reserved).isZero()
        ? `Not enough ${currency.code}: the balance is ${w.balance}.`
        : `Not enough ${currency.code}: ${available} is available (${w.reserved} is reserved for open orders).`,
      { currency: currency.code, balance: w.balance, reserved: w.reserved, available, requested: toMoneyString(amount, currency.minorUnit) },
    );
  }
  const note = req.note?.trim() ? req.note.trim() : null;
  const text = toMoneyString(amount, currency.minorUnit);
  // The portfolio replays activities: a deposit is a cash flow for the time-weighted return.
  const plan = { ...cashPlan(currency, kind, text, null, at.slice(0, 10), note, 'wallet', at, true), accountId };
  const { cash } = record(db, plan, { cash: w });
  const { entryId, balance } = cash[0]!;
  const entry: LedgerEntry = {
    id: entryId,
    currency: currency.code,
    kind,
    amount: kind === 'deposit' ? text : `-${text}`,
    balanceAfter: balance,
    note,
    createdAt: at,
    orderId: null,
  };
  return { entry, balance };
}

function describe(db: ReadDb, w: WalletListRow, latest: number): Wallet {
  const minorUnit = w.minorUnit ?? 2;
  return {
    accountId: w.accountId,
    currency: w.currency,
    name: w.name ?? w.currency,
    minorUnit,
    balance: w.balance,
    reserved: toMoneyString(dec(w.reserved), minorUnit),
    available: toMoneyString(dec(w.balance).minus(w.reserved), minorUnit),
    latest: latest ? walletRepo.entries(db, w.id, latest).map(toEntry) : [],
  };
}
