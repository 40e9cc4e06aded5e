import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The history's sort indexes that hold only indexed rows (`h_ready = 1`); see the class comment. */
export const DEFERRED_HISTORY_INDEXES: { name: string; on: string; where?: string }[] = [
  { name: 'idx_history_type', on: '(type, date)' },
  { name: 'idx_history_currency', on: '(currency, date)' },
  { name: 'idx_history_to_currency', on: '(to_currency, date)', where: 'to_currency IS NOT NULL' },
  { name: 'idx_history_amount', on: '(h_amount_whole, h_amount_frac, date)' },
  { name: 'idx_history_quantity', on: '(h_quantity_whole, h_quantity_frac, date)' },
  { name: 'idx_history_price', on: '(h_price_whole, h_price_frac, date)' },
  { name: 'idx_history_fee', on: '(h_fee_whole, h_fee_frac, date)' },
  { name: 'idx_history_note', on: '(h_note, date)' },
];

/**
 * Trades and wallet entries stop paying for eight history sort indexes in their own commit: an order or a deposit
 * is one commit the user waits for, and every index it touches is pages written and fsynced in that commit.
 *
 * Measured (bench/orders.ts, WAL frames per commit): one market order wrote 31 pages, eight of them leaves of the
 * history's sort indexes (type, currency, amount, quantity, price, fee, note), each a random page. Those indexes
 * now hold only rows with `h_ready = 1`. The hot paths insert `h_ready = 0`; such rows sit in one small partial index
 * on date (one hot page) and main/history/indexer.ts marks them ready in batches about once a second, one commit
 * for hundreds of rows. Reads never wait for it: main/history/query.ts reads every sort as two arms, the ready rows
 * through their index and the few pending ones through the pending index, merged in order. Everything else
 * (imports, recorded activities, migrated rows) is written ready at once.
 *
 * Also: `idx_activities_symbol (symbol, date)` duplicated `idx_history_symbol (h_symbol, date)`; the two queries that
 * used it now filter on `h_symbol`, and it goes (one more page per trade). `idx_history_symbol` and
 * `idx_activities_date` stay complete: the portfolio, the symbol filter and the date order use them directly.
 */
export class HistoryPending1763800000006 implements MigrationInterface {
  name = 'HistoryPending1763800000006';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE activities ADD COLUMN h_ready INTEGER NOT NULL DEFAULT 1 CHECK (h_ready IN (0, 1))`);
    await q.query(`DROP INDEX idx_activities_symbol`);
    for (const i of DEFERRED_HISTORY_INDEXES) {
      await q.query(`DROP INDEX ${i.name}`);
      await q.query(`CREATE INDEX ${i.name} ON activities ${i.on} WHERE ${i.where ? `${i.where} AND ` : ''}h_ready = 1`);
    }
    await q.query(`CREATE INDEX idx_history_pending ON activities (date) WHERE h_ready = 0`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX idx_history_pending`);
    for (const i of DEFERRED_HISTORY_INDEXES) {
      await q.query(`DROP INDEX ${i.name}`);
      await q.query(`CREATE INDEX ${i.name} ON activities ${i.on}${i.where ? ` WHERE ${i.where}` : ''}`);
    }
    await q.query(`CREATE INDEX idx_activities_symbol ON activities (symbol, date) WHERE symbol IS NOT NULL`);
    await q.query(`ALTER TABLE activities DROP COLUMN h_ready`);
  }
}
