import type { ReadDb } from '../store/writer.js';
import type { HistoryEntry, HistoryFilter, HistorySort, HistorySummary } from '../../shared/contract/index.js';
import { AppError } from '../../shared/errors.js';
import { signedAmount, transferOf } from '../activities/view.js';
import type { Store } from '../store/data-source.js';
import { statements } from '../store/statements.js';
import { countByScan, dataVersion, pageRowids, plan, searches } from './query.js';
import { convert, RateBook } from './rates.js';
import { filterConditions } from './filter-sql.js';
import { fetchRows, minorUnitOf, SQL, type HistoryRow } from './repo.js';
import { legSums, totals } from './totals.js';

export function entryOf(r: HistoryRow, rates: RateBook, baseDigits: number): HistoryEntry {
  const amount = signedAmount(r.type, r.amount);
  const rated = rates.rated(r.currency, r.date);
  const fxRate = rated?.rate ?? null;
  const transfer = transferOf(r.type, r.account_id, r.other_account);
  return {
    id: r.id,
    date: r.date,
    type: r.type,
    symbol: r.symbol,
    quantity: r.quantity,
    price: r.price,
    currency: r.currency,
    amount,
    fee: r.fee,
    toCurrency: r.to_currency,
    toAmount: r.to_amount,
    balanceAfter: r.balance_after,
    fxRate,
    fxDate: rated?.published ?? null,
    baseAmount: fxRate === null ? null : convert(amount, fxRate, baseDigits),
    orderId: r.order_id,
    source: r.source,
    note: r.note,
    createdAt: r.created_at,
    accountId: r.account_id,
    ...(transfer ? { transfer } : {}),
  };
}

export interface HistoryDeps {
  store: Store;
  market: Store;
  baseCurrency: () => string;
  /** FX sources in the user's priority order. */
  fxPriority: () => readonly string[];
}

/**
 * The history list of the signed-in profile (docs/design.md#history-export-and-import): pages at any offset, totals,
 * facets. Reads go through the profile's serialized writer like every other unit of work, so a page never sees half of
 * a transaction.
 */
export class HistoryService {
  private readonly counts = new Map<string, { version: number; count: number }>();
  private rates: { key: string; version: string; book: RateBook } | null = null;

  constructor(private readonly deps: HistoryDeps) {}

  async page(filter: HistoryFilter, sort: HistorySort, offset: number, limit: number): Promise<{ rows: HistoryEntry[]; offset: number; baseCurrency: string }> {
    checkRange(filter);
    const base = this.deps.baseCurrency();
    const { rows, digits } = await this.deps.store.writer.read((db) => {
      const matching = this.count(db, filter);
      const p = plan(filter, sort, matching);
      const key = JSON.stringify([filter, sort]);
      return { rows: fetchRows(db, pageRowids(db, p, key, offset, limit)), digits: minorUnitOf(db, base) };
    });
    const entries = await this.deps.market.writer.read((mdb) => {
      const book = this.rateBook(mdb, base);
      book.loadFor(rows);
      return rows.map((r) => entryOf(r, book, digits));
    });
    return { rows: entries, offset, baseCurrency: base };
  }

  async summary(filter: HistoryFilter): Promise<HistorySummary> {
    checkRange(filter);
    const base = this.deps.baseCurrency();
    const { sums, digits } = await this.deps.store.writer.read((db) => ({ sums: legSums(db, filter), digits: minorUnitOf(db, base) }));
    return this.deps.market.writer.read((mdb) => totals(sums, filter, this.rateBook(mdb, base), digits));
  }

  /**
   * The rates of the pages and totals, kept while market.db is unchanged: a page sorted by anything but date holds
   * entries from the whole history, and loading each currency's series over that span for every page would be most
   * of its time. Any write to market.db, by this connection
   * (total_changes) or another (data_version), a new base currency or provider order starts a new book.
   */
  private rateBook(mdb: ReadDb, base: string): RateBook {
    const priority = this.deps.fxPriority();
    const key = JSON.stringify([base, priority]);
    const version = `${dataVersion(mdb)}:${String(mdb.pragma('data_version', { simple: true }))}`;
    if (this.rates?.key !== key || this.rates.version !== version) this.rates = { key, version, book: new RateBook(mdb, base, priority) };
    return this.rates.book;
  }

  facets(): Promise<{ symbols: string[]; currencies: string[] }> {
    return this.deps.store.writer.read((db) => {
      const sql = statements(db, SQL);
      return {
        symbols: (sql.symbols.all() as { symbol: string }[]).map((r) => r.symbol),
        currencies: (sql.currencies.all() as { currency: string }[]).map((r) => r.currency),
      };
    });
  }

  /** The number of matching entries, kept until the next write. */
  count(db: ReadDb, filter: HistoryFilter): number {
    const key = JSON.stringify(filter);
    const version = dataVersion(db);
    const hit = this.counts.get(key);
    if (hit && hit.version === version) return hit.count;
    const count = searches(filter) ? countByScan(db, filter) : countFromDays(db, filter);
    if (this.counts.size > 32) this.counts.clear();
    this.counts.set(key, { version, count });
    return count;
  }
}

function countFromDays(db: ReadDb, filter: HistoryFilter): number {
  const { where, args } = filterConditions(filter, 'symbol');
  where.unshift(filter.currency ? "(leg = 'cash' OR leg = 'to')" : "leg = 'cash'");
  if (filter.currency) {
    where.push('currency = ?');
    args.push(filter.currency);
  }
  return (db.prepare(`SELECT COALESCE(SUM(entries), 0) AS n FROM history_days WHERE ${where.join(' AND ')}`).get(...args) as { n: number }).n;
}

function checkRange(filter: HistoryFilter): void {
  if (filter.from && filter.to && filter.from > filter.to) {
    throw new AppError('INVALID_INPUT', 'The start of the date range is after its end.', { from: filter.from, to: filter.to });
  }
}
