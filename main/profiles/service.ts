import { randomUUID } from 'node:crypto';
import type { ProfileSummary } from '../../shared/contract/index.js';
import { AppError } from '../../shared/errors.js';
import type { ProfileRow } from '../store/entities/app/profile.js';
import type { Store } from '../store/data-source.js';
import type { ReadDb } from '../store/writer.js';
import { profileRepo } from './repo.js';
import { retryAfterMs } from './login-backoff.js';
import { DEFAULT_COST, hashPassword, needsRehash, verifyPassword } from './password.js';
import type { DbKey } from '../store/db-key.js';
import { fileIdOf, removeRekeyedCopy } from '../store/rekey.js';
import { deriveDbKey, KEY_COST, newKeyParams } from './db-key-kdf.js';

/** A new password's hash and database key, made before a re-key (main/session/rekey.ts). */
export interface NextCredentials {
  passwordHash: string;
  keyParams: string;
  key: DbKey;
}

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
  private dummyKeyParams?: string;
  /** The tail of each profile's queue of password checks. */
  private readonly checking = new Map<string, Promise<unknown>>();
  /** Profiles whose re-key runs now in this process: settling must not take its copy for a crash's leftover. */
  private readonly rekeying = new Set<string>();

  constructor(
    private readonly store: Store,
    private readonly now: () => number = Date.now,
    private readonly scryptCost = DEFAULT_COST,
    /** Where each profile's database is: a re-key in flight is settled by looking at the file (main/store/rekey.ts). */
    private readonly fileOf: (profileId: string) => string = () => '',
    private readonly keyCost = KEY_COST,
  ) {}

  list(): Promise<ProfileSummary[]> {
    return this.store.writer.read((db) => profileRepo.all(db).map(summary));
  }

  async create(username: string, password: string): Promise<{ profile: ProfileSummary; key: DbKey }> {
    // Hash outside the writer queue: scrypt takes tens of milliseconds and must not hold up other writes.
    const next = await this.nextCredentials(password);
    const profile = await this.store.writer.write((db) => {
      const taken = findByUsername(db, username);
      if (taken) throw new AppError('USERNAME_TAKEN', `A profile named "${username}" already exists.`);
      const row: ProfileRow = {
        id: randomUUID(),
        username,
        passwordHash: next.passwordHash,
        createdAt: new Date(this.now()).toISOString(),
        failedAttempts: 0,
        lastFailedAt: null,
        keyParams: next.keyParams,
        pendingPasswordHash: null,
        pendingKeyParams: null,
        pendingFileId: null,
        retiredKeyParams: null,
      };
      profileRepo.insert(db, row);
      return summary(row);
    });
    return { profile, key: next.key };
  }

  /** A password's hash and a database key under a fresh salt (a new profile, a password change, a first encryption). */
  async nextCredentials(password: string, passwordHash?: string): Promise<NextCredentials> {
    const keyParams = newKeyParams(this.keyCost);
    // Two independent scrypt runs on libuv's pool: in parallel, sign-up costs one of them in wall time.
    const [hash, key] = await Promise.all([passwordHash ?? hashPassword(password, this.scryptCost), deriveDbKey(password, keyParams)]);
    return { passwordHash: hash, keyParams, key };
  }

  /**
   * The database key of a profile whose password was just verified; null for a database from before encryption
   * (the session encrypts it, main/session/rekey.ts).
   */
  async keyOf(profileId: string, password: string): Promise<DbKey | null> {
    const row = await this.store.writer.read((db) => profileRepo.byId(db, profileId));
    if (!row) throw new AppError('NOT_FOUND', 'This profile no longer exists.');
    return row.keyParams ? deriveDbKey(password, row.keyParams) : null;
  }

  /**
   * The keys `password` gives under the key parameters this profile had before its password changes, newest first,
   * derived one at a time as the caller asks (each is a full scrypt run): for opening a backup made back then.
   */
  async *earlierKeysOf(profileId: string, password: string): AsyncGenerator<DbKey> {
    const row = await this.store.writer.read((db) => profileRepo.byId(db, profileId));
    const params = row?.retiredKeyParams?.split('\n').filter(Boolean).reverse() ?? [];
    for (const p of params) yield await deriveDbKey(password, p);
  }

  async passwordHashOf(profileId: string): Promise<string> {
    const row = await this.store.writer.read((db) => profileRepo.byId(db, profileId));
    if (!row) throw new AppError('NOT_FOUND', 'This profile no longer exists.');
    return row.passwordHash;
  }

  /** Runs a re-key of one profile; settling leaves that profile alone meanwhile. */
  async whileRekeying<T>(profileId: string, fn: () => Promise<T>): Promise<T> {
    if (this.rekeying.has(profileId)) throw new AppError('IN_USE', 'This profile’s password is being changed.');
    this.rekeying.add(profileId);
    try {
      return await fn();
    } finally {
      this.rekeying.delete(profileId);
    }
  }

  /** After the copy replaced the file: the new password and key hold. */
  finishRekey(profileId: string): Promise<void> {
    return this.store.writer.write((db) => profileRepo.promote(db, profileId));
  }

  /** A profile from before encryption whose database does not exist (yet): it simply starts encrypted. */
  adoptKeyParams(profileId: string, keyParams: string): Promise<void> {
    return this.store.writer.write((db) => profileRepo.setKeyParams(db, profileId, keyParams));
  }

  /** Step 2 of a re-key: the checked copy `fileId` exists; what holds once it has replaced the file. */
  beginRekey(profileId: string, p: { passwordHash: string; keyParams: string; fileId: string }): Promise<void> {
    return this.store.writer.write((db) => profileRepo.beginRekey(db, profileId, p));
  }

  /**
   * Settles a re-key a crash may have interrupted, by the file itself: if the live file is the copy the row names,
   * the rename happened and the new password and key hold; otherwise it did not, and the old ones still do.
   */
  async settleRekey(profileId: string): Promise<void> {
    if (this.rekeying.has(profileId)) return;
    const row = await this.store.writer.read((db) => profileRepo.byId(db, profileId));
    if (!row) return;
    const file = this.fileOf(profileId);
    if (row.pendingFileId) {
      const committed = (await fileIdOf(file)) === row.pendingFileId;
      await this.store.writer.write((db) => (committed ? profileRepo.promote(db, profileId) : profileRepo.dropPending(db, profileId)));
    }
    if (file) await removeRekeyedCopy(file);
  }

  /** Checks a password by username. Unknown names and wrong passwords get the same answer. */
  async verify(username: string, password: string): Promise<ProfileSummary> {
    return (await this.verifyWithKey(username, password)).profile;
  }

  /**
   * Sign-in: checks the password and derives the database key (null for a database from before encryption) at the
   * same time, two scrypt runs on libuv's pool, so sign-in costs about one of them in wall time. A key derived for a
   * wrong password is dropped unused.
   */
  async verifyWithKey(username: string, password: string): Promise<{ profile: ProfileSummary; key: DbKey | null }> {
    const found = await this.store.writer.read((db) => findByUsername(db, username));
    if (found) await this.settleRekey(found.id);
    const row = found && (await this.store.writer.read((db) => profileRepo.byId(db, found.id)));
    if (row) {
      const key = row.keyParams ? deriveDbKey(password, row.keyParams) : Promise.resolve(null);
      key.catch(() => undefined);
      const profile = await this.check(row.id, password);
      return { profile, key: await key };
    }
    return { profile: await this.unknownUser(password), key: null };
  }

  private unknownUser(password: string): Promise<never> {
    // Spend the same time as a real check so response time does not reveal which usernames exist (a known user's
    // sign-in also derives a key meanwhile: so does this); one at a time, like a real profile, so parallel guesses at
    // unknown names cannot pile up verifications either.
    return this.oneAtATime(UNKNOWN, async () => {
      this.dummyHash ??= hashPassword('not-a-password', this.scryptCost);
      this.dummyKeyParams ??= newKeyParams(this.keyCost);
      await Promise.all([verifyPassword(password, await this.dummyHash), deriveDbKey(password, this.dummyKeyParams)]);
      throw new AppError('INVALID_CREDENTIALS', 'Wrong username or password.');
    });
  }

  async verifyById(id: string, password: string): Promise<ProfileSummary> {
    await this.settleRekey(id);
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
