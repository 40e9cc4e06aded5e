import { LotBook, type CostMethod } from '../../shared/lots/index.js';
import { isCorporateAction } from '../../shared/contract/index.js';
import { toLotEvents, type LotEventRow } from '../ledger/lot-events.js';
import type { ReadDb } from '../store/writer.js';
import { lotsRepo, type AccountRow, type LogHead } from './repo.js';

/** The lots of every account replayed from the log, and the accounts with their methods. */
export interface ReplayedBook {
  accounts: AccountRow[];
  book: LotBook;
}

interface Kept extends ReplayedBook {
  /** The accounts' methods the book was replayed by. */
  methods: string;
  /** The log's last row when the book was brought up to date. */
  head: LogHead;
  /** The latest date of an event in the book ('' when none). */
  last: string;
}

/** Every lot event of the log in LOT_EVENT_ORDER and the log's last row, read together. */
export interface LogRead {
  rows: readonly LotEventRow[];
  head: LogHead;
}

/** What the last book() did, for tests and the benchmark. */
export type LotsBuild = 'kept' | 'appended' | 'replayed-instruments' | 'replayed-accounts' | 'replayed' | 'replayed-to-date';

/**
 * Keeps the lots book of the whole log between requests (the portfolio by account and the tax-year reports share
 * it), so that a request replays only what was written since. The log is append-only but for clearing and restoring
 * (docs/design.md#lots), so the book stays true while the row it last read is still the same row; rows appended since
 * are applied in the engine's order when none of them sorts before what the book already holds (a trade dated on or
 * after its last date, a corporate action dated after it), and anything else replays the whole log. A book as of an
 * earlier day is replayed up to that day and kept until the log or the day changes.
 * Not thread-safe by design: every call runs inside one synchronous read of the profile database.
 */
export class LotsService {
  private kept: Kept | null = null;
  private past: (Kept & { date: string }) | null = null;
  private lastBuild: LotsBuild = 'replayed';

  /** Whether a book of the whole log is kept (of any head: a request applies what was written since). */
  get hasWhole(): boolean {
    return this.kept !== null;
  }

  get build(): LotsBuild {
    return this.lastBuild;
  }

  /**
   * Replays the whole log ahead of the first request (after sign-in), a slice of events at a time with the event
   * loop free between slices, and keeps the book unless a request kept one meanwhile or `alive()` turned false. A
   * book of an older head is as good as any kept one: the next request applies what was written since. `log`: the
   * lot events and head of the whole log when the caller read them already, in one read (else they are read here).
   */
  async warm(read: <T>(work: (db: ReadDb) => T) => Promise<T>, alive: () => boolean, slice = WARM_SLICE, log?: LogRead): Promise<void> {
    if (this.kept) return;
    const got = await read((db) => {
      const accounts = lotsRepo.accounts(db);
      return log ? { accounts, ...log } : { accounts, head: lotsRepo.head(db), rows: lotsRepo.upTo(db, '9999-12-31') };
    });
    const events = toLotEvents(got.rows);
    const book = newBook(got.accounts);
    for (let i = 0; i < events.length; i += slice) {
      if (!alive() || this.kept) return;
      const end = Math.min(events.length, i + slice);
      for (let j = i; j < end; j++) book.apply(events[j]!);
      await new Promise((resolve) => setImmediate(resolve));
    }
    if (!alive() || this.kept) return;
    this.kept = keptOf(got.accounts, book, got.head, got.rows);
  }

  /** The book of every lot event dated up to the end of `date` (the whole log without one). */
  book(db: ReadDb, date?: string): ReplayedBook {
    const accounts = lotsRepo.accounts(db);
    const methods = methodsKey(accounts);
    const head = lotsRepo.head(db);
    // A day before the log's last lot event needs its own replay: the whole log's book is neither needed nor built.
    if (date !== undefined && date < lotsRepo.lastDate(db)) {
      if (this.past && this.past.date === date && this.past.methods === methods && sameHead(this.past.head, head)) {
        this.lastBuild = 'kept';
        return this.past;
      }
      const book = replay(accounts, lotsRepo.upTo(db, date));
      this.past = { accounts, book, methods, head, last: date, date };
      this.lastBuild = 'replayed-to-date';
      return this.past;
    }
    return this.whole(db, accounts, methods, head);
  }

  private whole(db: ReadDb, accounts: AccountRow[], methods: string, head: LogHead): Kept {
    const kept = this.kept;
    // Taken out while it changes: an event the engine refuses leaves no half-applied book behind.
    this.kept = null;
    const sameLog = kept !== null && head.rowid >= kept.head.rowid && lotsRepo.idAt(db, kept.head.rowid) === kept.head.id;
    // Accounts added or methods changed with nothing written since: only the accounts whose lots depend on a changed
    // method are replayed (docs/design.md#lots).
    if (kept && sameLog && kept.methods !== methods && head.rowid === kept.head.rowid) {
      this.lastBuild = remethodBook(db, kept.book, kept.accounts, accounts) ? 'replayed-accounts' : 'kept';
      return (this.kept = { ...kept, accounts, methods });
    }
    if (kept && sameLog && kept.methods === methods) {
      if (head.rowid === kept.head.rowid) {
        this.lastBuild = 'kept';
        return (this.kept = { ...kept, accounts });
      }
      const rows = lotsRepo.since(db, kept.head.rowid);
      const last = rows.reduce((m, r) => (r.date > m ? r.date : m), kept.last);
      if (rows.every((r) => appendable(r, kept.last))) {
        for (const e of toLotEvents(rows)) kept.book.apply(e);
        this.lastBuild = 'appended';
        return (this.kept = { accounts, book: kept.book, methods, head, last });
      }
      // Rows dated before what the book holds: only their instruments are replayed, when no symbol change is involved.
      const symbols = new Set(rows.map((r) => r.symbol ?? ''));
      if (rows.every((r) => r.type !== 'symbol-change' && r.symbol) && ![...symbols].some((s) => kept.book.wasRenamed(s))) {
        kept.book.forget(symbols);
        for (const s of symbols) for (const e of toLotEvents(lotsRepo.ofSymbol(db, s))) kept.book.apply(e);
        this.lastBuild = 'replayed-instruments';
        return (this.kept = { accounts, book: kept.book, methods, head, last });
      }
    }
    const rows = lotsRepo.upTo(db, '9999-12-31');
    this.lastBuild = 'replayed';
    return (this.kept = keptOf(accounts, replay(accounts, rows), head, rows));
  }
}

/**
 * Brings the kept book to the accounts' methods now: a new account's is set (it holds no lots yet), and the accounts
 * linked to one whose method changed are replayed on their own and put in place of their lots (true when any were).
 */
function remethodBook(db: ReadDb, book: LotBook, before: readonly AccountRow[], accounts: readonly AccountRow[]): boolean {
  const was = new Map(before.map((a) => [a.id, a.cost_method]));
  const added = new Map<string, CostMethod>();
  const changed: string[] = [];
  for (const a of accounts) {
    if (!was.has(a.id)) added.set(a.id, a.cost_method as CostMethod);
    else if (was.get(a.id) !== a.cost_method) changed.push(a.id);
  }
  book.setMethods(added);
  if (changed.length === 0) return false;
  const replayed = book.linkedAccounts(changed);
  const own = lotsRepo.upTo(db, '9999-12-31').filter((r) => replayed.has(r.account_id) || isCorporateAction(r.type));
  book.replaceAccounts(replayed, replay(accounts, own));
  return true;
}

/** Events replayed between two turns of the event loop by warm(): a few milliseconds' work. */
const WARM_SLICE = 2_000;

const methodsKey = (accounts: readonly AccountRow[]): string => accounts.map((a) => `${a.id}\u001f${a.cost_method}`).join('\u001e');

const newBook = (accounts: readonly AccountRow[]): LotBook => new LotBook({ methods: new Map(accounts.map((a) => [a.id, a.cost_method as CostMethod])) });

/** The whole log's book as kept: `rows` are every lot event in the engine's order, the last one the latest. */
const keptOf = (accounts: AccountRow[], book: LotBook, head: LogHead, rows: readonly LotEventRow[]): Kept => ({
  accounts,
  book,
  methods: methodsKey(accounts),
  head,
  last: rows.length ? rows[rows.length - 1]!.date : '',
});

function replay(accounts: readonly AccountRow[], rows: readonly LotEventRow[]): LotBook {
  const book = newBook(accounts);
  for (const e of toLotEvents(rows)) book.apply(e);
  return book;
}

/**
 * Whether a new row goes after everything the book holds in the engine's order (date, corporate actions first within
 * a date, then as written): a trade or transfer dated on or after the book's last date, a corporate action after it.
 */
function appendable(r: LotEventRow, last: string): boolean {
  return isCorporateAction(r.type) ? r.date > last : r.date >= last;
}

/** The kept head is the log's head when the same row is still the last one. */
const sameHead = (a: LogHead, b: LogHead): boolean => a.rowid === b.rowid && a.id === b.id;
