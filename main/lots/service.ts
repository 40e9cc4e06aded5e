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

/** What the last book() did, for tests and the benchmark. */
export type LotsBuild = 'kept' | 'appended' | 'replayed' | 'replayed-to-date';

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

  get build(): LotsBuild {
    return this.lastBuild;
  }

  /** The book of every lot event dated up to the end of `date` (the whole log without one). */
  book(db: ReadDb, date?: string): ReplayedBook {
    const accounts = lotsRepo.accounts(db);
    const methods = accounts.map((a) => `${a.id}\u001f${a.cost_method}`).join('\u001e');
    const head = lotsRepo.head(db);
    const whole = this.whole(db, accounts, methods, head);
    if (date === undefined || date >= whole.last) return whole;
    if (this.past && this.past.date === date && this.past.methods === methods && sameHead(this.past.head, head)) {
      this.lastBuild = 'kept';
      return this.past;
    }
    const book = replay(accounts, lotsRepo.upTo(db, date));
    this.past = { accounts, book, methods, head, last: date, date };
    this.lastBuild = 'replayed-to-date';
    return this.past;
  }

  private whole(db: ReadDb, accounts: AccountRow[], methods: string, head: LogHead): Kept {
    const kept = this.kept;
    // Taken out while it changes: an event the engine refuses leaves no half-applied book behind.
    this.kept = null;
    if (kept && kept.methods === methods && head.rowid >= kept.head.rowid && lotsRepo.idAt(db, kept.head.rowid) === kept.head.id) {
      if (head.rowid === kept.head.rowid) {
        this.lastBuild = 'kept';
        return (this.kept = { ...kept, accounts });
      }
      const rows = lotsRepo.since(db, kept.head.rowid);
      if (rows.every((r) => appendable(r, kept.last))) {
        for (const e of toLotEvents(rows)) kept.book.apply(e);
        this.lastBuild = 'appended';
        return (this.kept = { accounts, book: kept.book, methods, head, last: rows.reduce((m, r) => (r.date > m ? r.date : m), kept.last) });
      }
    }
    const rows = lotsRepo.upTo(db, '9999-12-31');
    const book = replay(accounts, rows);
    this.lastBuild = 'replayed';
    return (this.kept = { accounts, book, methods, head, last: rows.length ? rows[rows.length - 1]!.date : '' });
  }
}

function replay(accounts: readonly AccountRow[], rows: readonly LotEventRow[]): LotBook {
  const book = new LotBook({ methods: new Map(accounts.map((a) => [a.id, a.cost_method as CostMethod])) });
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
