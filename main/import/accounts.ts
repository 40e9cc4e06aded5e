import { randomUUID } from 'node:crypto';
import { AccountCostMethod, AccountKind } from '../../shared/contract/index.js';
import { AppError } from '../../shared/errors.js';
import { accountRepo } from '../accounts/repo.js';
import { openAccount } from '../accounts/service.js';
import type { WriteDb } from '../store/writer.js';
import type { AccountRef } from './candidate.js';

/** An account the import made, as the preview lists it. */
export interface NewAccount {
  name: string;
  kind: string;
  costMethod: string;
}

/**
 * The account of the profile each row of a file goes to (docs/design.md#history-export-and-import). A row that names
 * no account (a broker's file, a Bourse file from before accounts) goes to the account the import was given. A row
 * of Bourse's own file goes to the profile's account with the same id (the file came from this profile), else to the
 * open one with the same name, else to an account made from what the file says of it (its name, kind, institution
 * and cost-basis method), written in the import's transaction: a refused import makes no account. A row naming only
 * an id this profile does not know (a file from before the name columns) goes to the given account.
 */
export class ImportAccounts {
  private readonly resolved = new Map<string, string>();
  readonly created: NewAccount[] = [];

  constructor(
    private readonly db: WriteDb,
    /** The given account's id, checked by `given`. */
    private readonly fallback: string,
    private readonly at: string,
    /** The method of an account the file names without a valid one (the profile's setting for new accounts). */
    private readonly defaultMethod: string,
  ) {}

  /** The account an import is given: an open account of the profile (NOT_FOUND for an unknown id, INVALID_INPUT for an archived one). */
  static given(db: WriteDb, accountId: string | undefined): string {
    return openAccount(db, accountId).id;
  }

  /** The profile's account for a row's reference. */
  of(ref: AccountRef | undefined): string {
    if (!ref) return this.fallback;
    // The reader hands consecutive rows of one account the same reference object.
    if (ref === this.lastRef) return this.lastId;
    const key = `${ref.id ?? ''}\u0000${ref.name ?? ''}`;
    let id = this.resolved.get(key);
    if (id === undefined) {
      id = this.find(ref);
      this.resolved.set(key, id);
    }
    this.lastRef = ref;
    this.lastId = id;
    return id;
  }

  private lastRef: AccountRef | null = null;
  private lastId = '';

  /** `of`, or null where `of` refuses the reference (its row is refused when it is recorded). */
  tryOf(ref: AccountRef): string | null {
    try {
      return this.of(ref);
    } catch (err) {
      if (err instanceof AppError) return null;
      throw err;
    }
  }

  private find(ref: AccountRef): string {
    if (ref.id !== null) {
      const same = accountRepo.one(this.db, ref.id);
      if (same) {
        if (same.archived === 1) throw new AppError('INVALID_INPUT', `${same.name} is archived: restore it before importing into it.`, { accountId: same.id, field: 'accountId' });
        return same.id;
      }
    }
    if (ref.name === null) return this.fallback;
    const name = ref.name.trim();
    if (!name || name.length > 80) throw new AppError('INVALID_INPUT', `accountName: "${name.slice(0, 40)}" is not an account name (1 to 80 characters).`, { field: 'accountName' });
    const named = accountRepo.all(this.db).find((a) => a.archived === 0 && a.name.toLowerCase() === name.toLowerCase());
    if (named) return named.id;
    const kind = AccountKind.safeParse(ref.kind ?? 'other');
    if (!kind.success) throw new AppError('INVALID_INPUT', `accountKind: "${(ref.kind ?? '').slice(0, 40)}" is not an account kind (${AccountKind.options.join(', ')}).`, { field: 'accountKind' });
    const method = ref.costMethod === null ? this.defaultMethod : ref.costMethod;
    if (!AccountCostMethod.safeParse(method).success) throw new AppError('INVALID_INPUT', `accountMethod: "${method.slice(0, 40)}" is not a cost-basis method (${AccountCostMethod.options.join(', ')}).`, { field: 'accountMethod' });
    const institution = ref.institution?.trim().slice(0, 120) || null;
    const id = randomUUID();
    accountRepo.insert(this.db, { id, name, kind: kind.data, institution, costMethod: method }, this.at);
    this.created.push({ name, kind: kind.data, costMethod: method });
    return id;
  }
}
