import { randomUUID } from 'node:crypto';
import type { ProfileSummary } from '../../shared/contract/index.js';
import { AppError } from '../../shared/errors.js';
import type { ProfileRow } from '../store/entities/app/profile.js';
import type { Store } from '../store/data-source.js';
import type { ReadDb } from '../store/writer.js';
import { profileRepo } from './repo.js';
import { retryAfterMs } from './login-backoff.js';
import { DEFAULT_COST, hashPassword, verifyPassword } from './password.js';

/**
 * Usernames are unique regardless of case: 'Émile', 'émile' and 'ÉMILE' are one name. SQLite's NOCASE folds ASCII
 * letters only, so the comparison is done here (a machine holds a handful of profiles).
 */
export function usernameKey(username: string): string {
  return username.normalize('NFKC').toLowerCase();
}

function findByUsername(db: ReadDb, username: string): ProfileRow | null {
  const k = usernameKey(username);
  return profileRepo.all(db).find((p) => usernameKey(p.username) === k) ?? null;
}

function summary(row: ProfileRow): ProfileSummary {
  return { id: row.id, username: row.username, createdAt: row.createdAt };
}

/** The registry of local profiles (app database): creation, password checks with persisted backoff. */
export class ProfileRegistry {
  private dummyHash?: Promise<string>;

  constructor(
    private readonly store: Store,
    private readonly now: () => number = Date.now,
    private readonly scryptCost = DEFAULT_COST,
  ) {}

  list(): Promise<ProfileSummary[]> {
    return this.store.writer.read((db) => profileRepo.all(db).map(summary));
  }

  async create(username: string, password: string): Promise<ProfileSummary> {
    // Hash outside the writer queue: scrypt takes tens of milliseconds and must not hold up other writes.
    const passwordHash = await hashPassword(password, this.scryptCost);
    return this.store.writer.write((db) => {
      const taken = findByUsername(db, username);
      if (taken) throw new AppError('USERNAME_TAKEN', `A profile named "${username}" already exists.`);
      const row: ProfileRow = {
        id: randomUUID(),
        username,
        passwordHash,
        createdAt: new Date(this.now()).toISOString(),
        failedAttempts: 0,
        lastFailedAt: null,
      };
      profileRepo.insert(db, row);
      return summary(row);
    });
  }

  /** Checks a password by username. Unknown names and wrong passwords get the same answer. */
  async verify(username: string, password: string): Promise<ProfileSummary> {
    const row = await this.store.writer.read((db) => findByUsername(db, username));
    if (!row) {
      // Spend the same time as a real check so response time does not reveal which usernames exist.
      this.dummyHash ??= hashPassword('not-a-password', this.scryptCost);
      await verifyPassword(password, await this.dummyHash);
      throw new AppError('INVALID_CREDENTIALS', 'Wrong username or password.');
    }
    return this.check(row, password);
  }

  async verifyById(id: string, password: string): Promise<ProfileSummary> {
    const row = await this.store.writer.read((db) => profileRepo.byId(db, id));
    if (!row) throw new AppError('NOT_FOUND', 'This profile no longer exists.');
    return this.check(row, password);
  }

  private async check(row: ProfileRow, password: string): Promise<ProfileSummary> {
    const wait = retryAfterMs(row.failedAttempts, row.lastFailedAt, this.now());
    if (wait > 0) {
      throw new AppError(
        'TOO_MANY_ATTEMPTS',
        `Too many wrong passwords. Try again in ${Math.ceil(wait / 1000)} s.`,
        { retryAfterMs: wait },
      );
    }
    const ok = await verifyPassword(password, row.passwordHash);
    const at = new Date(this.now()).toISOString();
    await this.store.writer.write((db) => (ok ? profileRepo.succeeded(db, row.id) : profileRepo.failed(db, row.id, at)));
    if (!ok) throw new AppError('INVALID_CREDENTIALS', 'Wrong username or password.');
    return summary(row);
  }
}
