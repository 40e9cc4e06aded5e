import type { EntityManager } from 'typeorm';
import type { LedgerEntry, MoneyRequest, Wallet } from '../../shared/contract/index.js';
import { findCurrency, type Currency } from '../../shared/currencies.js';
import { AppError } from '../../shared/errors.js';
import { dec, toMoneyString } from '../../shared/money.js';
import { LedgerEntryEntity, type LedgerEntryRow } from '../store/entities/ledger-entry.js';
import { WalletEntity, type WalletRow } from '../store/entities/wallet.js';
import type { Store } from '../store/data-source.js';
import type { EventHub } from '../events.js';
import { withIdempotency } from './idempotency.js';

type MoneyResult = { entry: LedgerEntry; balance: string };

export function requireCurrency(code: string): Currency {
  const c = findCurrency(code);
  if (!c) throw new AppError('UNKNOWN_CURRENCY', `${code} is not a currency in the catalogue.`, { currency: code });
  return c;
}

function toEntry(row: LedgerEntryRow, currency: string): LedgerEntry {
  return {
    id: row.id,
    currency,
    kind: row.kind as LedgerEntry['kind'],
    amount: row.amount,
    balanceAfter: row.balanceAfter,
    note: row.note,
    createdAt: row.createdAt,
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
    const currency = requireCurrency(code);
    return this.store.writer.transaction(async (em) => {
      const w = await this.walletFor(em, currency);
      return this.describe(em, w, 5);
    });
  }

  async entries(code: string, limit = 50, beforeId?: number): Promise<LedgerEntry[]> {
    requireCurrency(code);
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
    const currency = requireCurrency(req.currency);
    const amount = dec(req.amount);
    if (amount.decimalPlaces() > currency.minorUnit) {
      throw new AppError(
        'INVALID_AMOUNT',
        currency.minorUnit === 0
          ? `${currency.code} has no minor unit: use a whole amount.`
          : `${currency.code} amounts have at most ${currency.minorUnit} decimal places.`,
        { currency: currency.code, minorUnit: currency.minorUnit },
      );
    }
    const result = await this.store.writer.transaction((em) =>
      withIdempotency(em, channel, req, this.now, async () => {
        const wallet = await this.walletFor(em, currency);
        const signed = kind === 'deposit' ? amount : amount.negated();
        const next = dec(wallet.balance).plus(signed);
        if (next.isNegative()) {
          throw new AppError('INSUFFICIENT_FUNDS', `Not enough ${currency.code}: the balance is ${wallet.balance}.`, {
            currency: currency.code,
            balance: wallet.balance,
            requested: toMoneyString(amount, currency.minorUnit),
          });
        }
        const at = this.now().toISOString();
        const balance = toMoneyString(next, currency.minorUnit);
        const inserted = await em.insert(LedgerEntryEntity, {
          walletId: wallet.id,
          kind,
          amount: toMoneyString(signed, currency.minorUnit),
          balanceAfter: balance,
          note: req.note?.trim() ? req.note.trim() : null,
          createdAt: at,
        });
        await em.update(WalletEntity, { id: wallet.id }, { balance, updatedAt: at });
        const id = Number(inserted.identifiers[0]?.id);
        const row = await em.findOneByOrFail(LedgerEntryEntity, { id });
        return { entry: toEntry(row, currency.code), balance };
      }),
    );
    this.events.emit('wallet:changed', { currency: currency.code, balance: result.balance });
    return result;
  }

  private async walletFor(em: EntityManager, currency: Currency): Promise<WalletRow> {
    const found = await em.findOneBy(WalletEntity, { currency: currency.code });
    if (found) return found;
    const at = this.now().toISOString();
    await em.insert(WalletEntity, {
      currency: currency.code,
      balance: toMoneyString(dec('0'), currency.minorUnit),
      createdAt: at,
      updatedAt: at,
    });
    return em.findOneByOrFail(WalletEntity, { currency: currency.code });
  }

  private async describe(em: EntityManager, w: WalletRow, latest: number): Promise<Wallet> {
    const currency = findCurrency(w.currency);
    const rows = latest
      ? await em.find(LedgerEntryEntity, { where: { walletId: w.id }, order: { id: 'DESC' }, take: latest })
      : [];
    return {
      currency: w.currency,
      name: currency?.name ?? w.currency,
      minorUnit: currency?.minorUnit ?? 2,
      balance: w.balance,
      latest: rows.map((r) => toEntry(r, w.currency)),
    };
  }
}
