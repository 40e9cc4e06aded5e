import { randomUUID } from 'node:crypto';
import type { ProfileSummary } from '../../shared/contract/index.js';
import { AppError } from '../../shared/errors.js';
import type { ProfileRow } from '../store/entities/app/profile.js';
import type { Store } from '../store/data-source.js';
import type { ReadDb } from '../store/writer.js';
import { profileRepo } from './repo.js';
import { retryAfterMs } from './login-backoff.js';
import { DEFAULT_COST, hashPassword, needsRehash, verifyPassword } from './password.js';

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
  /** The tail of each profile's queue of password checks. */
  private readonly checking = new Map<string, Promise<unknown>>();

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
      // Spend the same time as a real check so response time does not reveal which usernames exist; one at a time,
      // like a real profile, so parallel guesses at unknown names cannot pile up verifications either.
      return this.oneAtATime(UNKNOWN, async () => {
        this.dummyHash ??= hashPassword('not-a-password', this.scryptCost);
        await verifyPassword(password, await this.dummyHash);
        throw new AppError('INVALID_CREDENTIALS', 'Wrong username or password.');
      });
    }
    return this.check(row.id, password);
  }

  async verifyById(id: string, password: string): Promise<ProfileSummary> {
    return this.check(id, password);
  }

  /**
   * One verification at a time per profile, and the attempt is counted as failed before the password is checked
   * (a success clears it): parallel wrong guesses therefore each see the ones before them and meet the backoff,
   * and a crash mid-check leaves the attempt counted (docs/design.md#security).
   */
  private check(id: string, password: string): Promise<ProfileSummary> {
    return this.oneAtATime(id, async () => {
      const row = await this.store.writer.write((db) => {
        const current = profileRepo.byId(db, id);
        if (!current) throw new AppError('NOT_FOUND', 'This profile no longer exists.');
        const wait = retryAfterMs(current.failedAttempts, current.lastFailedAt, this.now());
        if (wait > 0) {
          throw new AppError('TOO_MANY_ATTEMPTS', `Too many wrong passwords. Try again in ${Math.ceil(wait / 1000)} s.`, {
            retryAfterMs: wait,
          });
        }
        profileRepo.failed(db, id, new Date(this.now()).toISOString());
        return current;
      });
      if (!(await verifyPassword(password, row.passwordHash))) {
        throw new AppError('INVALID_CREDENTIALS', 'Wrong username or password.');
      }
      // A hash made with weaker parameters is replaced now that the password is known (docs/design.md#security).
      const rehashed = needsRehash(row.passwordHash, this.scryptCost) ? await hashPassword(password, this.scryptCost) : null;
      await this.store.writer.write((db) => {
        profileRepo.succeeded(db, id);
        if (rehashed) profileRepo.setHash(db, id, rehashed);
      });
      return summary(row);
    });
  }

  private oneAtATime<T>(key: string, fn: () => Promise<T>): Promise<T> {
    const run = (this.checking.get(key) ?? Promise.resolve()).then(fn, fn);
    const tail = run.catch(() => undefined);
    this.checking.set(key, tail);
    void tail.then(() => {
      if (this.checking.get(key) === tail) this.checking.delete(key);
    });
    return run;
  }
}

/** The queue key shared by every unknown username. */
const UNKNOWN = '\0unknown';
