import { randomUUID } from 'node:crypto';
import type { Account, AccountBalances, AccountKind, AccountTransferRequest, Request } from '../../shared/contract/index.js';
import { AppError } from '../../shared/errors.js';
import type { Store } from '../store/data-source.js';
import { withIdempotency } from '../store/idempotency.js';
import { DEFAULT_ACCOUNT_ID } from '../store/migrations/profile-011-accounts.js';
import type { ReadDb } from '../store/writer.js';
import { accountRepo, type AccountRow } from './repo.js';
import { transferIn, type TransferResult } from './transfer.js';
import { toAccount } from './views.js';

/**
 * The accounts of one profile (docs/design.md#accounts). Names are unique among open accounts (case-insensitive);
 * the default account cannot be archived, nor can one that still holds cash or units.
 */
export class AccountService {
  constructor(
    private readonly store: Store,
    private readonly today: () => string,
    private readonly now: () => Date = () => new Date(),
    /** Money moved (the portfolio reads the new activities). */
    private readonly onMoney: () => void = () => undefined,
    /** The method of an account created without one (the profile's settings). */
    private readonly defaultMethod: () => Account['costMethod'] = () => 'fifo',
  ) {}

  async transfer(req: AccountTransferRequest): Promise<TransferResult> {
    const at = this.now().toISOString();
    const result = await this.store.writer.write((db) => withIdempotency(db, 'account:transfer', req, at, () => transferIn(db, req, at, this.today())));
    this.onMoney();
    return result;
  }

  /** Every account's wallets and units held, in account:list's order of accounts. */
  balances(): Promise<AccountBalances[]> {
    return this.store.writer.read((db) => {
      const by = new Map(accountRepo.all(db).map((a) => [a.id, { accountId: a.id, cash: [], units: [] } as AccountBalances]));
      for (const w of accountRepo.wallets(db)) by.get(w.account_id)?.cash.push({ currency: w.currency, balance: w.balance, reserved: w.reserved });
      for (const p of accountRepo.positions(db)) by.get(p.account_id)?.units.push({ symbol: p.symbol, quantity: p.quantity, reserved: p.reserved });
      return [...by.values()];
    });
  }

  list(includeArchived = false): Promise<Account[]> {
    return this.store.writer.read((db) => accountRepo.all(db).filter((a) => includeArchived || a.archived === 0).map(toAccount));
  }

  async create(req: { name: string; kind: AccountKind; institution?: string | undefined; costMethod?: Account['costMethod'] | undefined }): Promise<Account> {
    const at = this.now().toISOString();
    const id = randomUUID();
    return this.store.writer.write((db) => {
      if (accountRepo.nameTaken(db, req.name)) throw duplicate(req.name);
      accountRepo.insert(db, { id, name: req.name, kind: req.kind, institution: req.institution?.trim() || null, costMethod: req.costMethod ?? this.defaultMethod() }, at);
      return toAccount(accountRepo.one(db, id)!);
    });
  }

  update(req: Request<'account:update'>): Promise<Account> {
    const at = this.now().toISOString();
    return this.store.writer.write((db) => {
      const a = existing(db, req.id);
      const name = req.name?.trim() ?? a.name;
      if (accountRepo.nameTaken(db, name, a.id)) throw duplicate(name);
      const institution = req.institution === undefined ? a.institution : req.institution?.trim() || null;
      accountRepo.update(db, { id: a.id, name, institution, costMethod: req.costMethod ?? a.cost_method }, at);
      return toAccount(accountRepo.one(db, a.id)!);
    });
  }

  archive(id: string): Promise<Account> {
    const at = this.now().toISOString();
    return this.store.writer.write((db) => {
      const a = existing(db, id);
      if (a.id === DEFAULT_ACCOUNT_ID) throw new AppError('IN_USE', 'The default account cannot be archived.', { accountId: a.id });
      if (accountRepo.holdsMoney(db, a.id)) {
        throw new AppError('IN_USE', `${a.name} still holds cash or units: move them out before archiving it.`, { accountId: a.id });
      }
      accountRepo.archive(db, a.id, at);
      return toAccount(accountRepo.one(db, a.id)!);
    });
  }
}

/** An open account by id, or NOT_FOUND; an archived one is INVALID_INPUT for anything that moves money into it. */
export function openAccount(db: ReadDb, id: string | undefined): AccountRow {
  const a = existing(db, id ?? DEFAULT_ACCOUNT_ID);
  if (a.archived === 1) throw new AppError('INVALID_INPUT', `${a.name} is archived.`, { accountId: a.id });
  return a;
}

function existing(db: ReadDb, id: string): AccountRow {
  const a = accountRepo.one(db, id);
  if (!a) throw new AppError('NOT_FOUND', 'No such account.', { accountId: id });
  return a;
}

function duplicate(name: string): AppError {
  return new AppError('DUPLICATE', `An account named ${name} already exists.`, { name });
}
