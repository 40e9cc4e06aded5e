import type BetterSqlite3 from 'better-sqlite3';

/**
 * Rows of one table written many to a statement (`INSERT ... VALUES (...), (...), ...`): an import's 100,000 rows
 * and their ledger entries were one statement run each, and a run's own cost (binding, the statement's start and
 * end, the result object) was about a fifth of the SQLite time. Rows go in in the order they were added, so rowids
 * and every stored value are what one INSERT per row gives.
 */
export class RowBatch {
  private values: unknown[] = [];
  private rows = 0;
  private readonly bySize = new Map<number, BetterSqlite3.Statement>();

  constructor(
    private readonly db: BetterSqlite3.Database,
    /** `INSERT INTO table (a, b, ...)`, without VALUES. */
    private readonly insert: string,
    private readonly width: number,
    /** Rows per statement: 64 × 16 columns stays far below SQLite's 32,766 variables. */
    readonly size = 64,
  ) {}

  get pending(): number {
    return this.rows;
  }

  /** One row's values, in the column order of `insert`. Written by the next `flush` (or when the batch is full). */
  add(...row: unknown[]): void {
    if (row.length !== this.width) throw new Error(`a row of ${this.width} values expected, ${row.length} given`);
    for (const v of row) this.values.push(v);
    this.rows += 1;
    if (this.rows === this.size) this.flush();
  }

  /** Writes the rows added so far. */
  flush(): void {
    if (this.rows === 0) return;
    const values = this.values;
    const rows = this.rows;
    // Taken off first: a failing statement must not leave its rows to be written again.
    this.values = [];
    this.rows = 0;
    // Spread, not one array argument: better-sqlite3 then binds from the call's own arguments instead of reading
    // the array element by element through the V8 API.
    this.statement(rows).run(...values);
  }

  private statement(rows: number): BetterSqlite3.Statement {
    let s = this.bySize.get(rows);
    if (!s) {
      const one = `(${Array.from({ length: this.width }, () => '?').join(', ')})`;
      s = this.db.prepare(`${this.insert} VALUES ${Array.from({ length: rows }, () => one).join(', ')}`);
      this.bySize.set(rows, s);
    }
    return s;
  }
}
