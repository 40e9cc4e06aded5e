import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The other leg of what account:transfer wrote before this migration, as read from the log's shape (the one place
 * that rule is left), `activities` being the row seen and `b` the row after it:
 * - units: a `transfer-out` row and, at the next rowid, its `transfer-in` row of the same symbol and quantity;
 * - cash: a manual withdrawal and, at the next rowid, a manual deposit of the same instant and date in another
 *   account, whose notes are the defaults it wrote when the user gave none ("Transfer to …" / "Transfer from …") or
 *   the one note the user gave, written on both legs. A withdrawal and a deposit recorded on their own never carried
 *   those, so the notes keep them out even when the clock gave both one instant.
 */
const NEXT_LEG = `SELECT b.id FROM activities b WHERE b.rowid = activities.rowid + 1 AND (
    (activities.type = 'transfer-out' AND b.type = 'transfer-in' AND b.symbol = activities.symbol AND b.quantity = activities.quantity)
    OR (activities.type = 'withdrawal' AND b.type = 'deposit' AND activities.source = 'manual' AND b.source = 'manual'
      AND b.created_at = activities.created_at AND b.date = activities.date AND b.account_id <> activities.account_id
      AND (b.note = activities.note OR (activities.note GLOB 'Transfer to *' AND b.note GLOB 'Transfer from *'))))`;
/** The first leg, once marked, of a row seen as a second leg. */
const FIRST_LEG = 'SELECT a.id FROM activities a WHERE a.rowid = activities.rowid - 1 AND a.transfer_with = activities.id';

/**
 * The marker of a move between two accounts (docs/design.md#accounts): `activities.transfer_with`, on each leg of an
 * account:transfer the id of the other leg, NULL on every other row. main/ledger/transfer-legs.ts sets it in the
 * transaction that writes the legs; readers pair the legs by it (the activity list, the lots replay), never by how
 * the rows look. Added by ALTER TABLE (no stored row is rewritten); the transfers already in the log are marked the
 * same way, and the English notes account:transfer wrote when the user gave none are removed from their legs (the
 * pages say what moved between which accounts in the reader's language). down() gives them back, with the accounts'
 * names of today.
 */
export class TransferLegs1763800000019 implements MigrationInterface {
  name = 'TransferLegs1763800000019';

  async up(q: QueryRunner): Promise<void> {
    await q.query('ALTER TABLE activities ADD COLUMN transfer_with TEXT');
    await q.query(`UPDATE activities SET transfer_with = (${NEXT_LEG}) WHERE type IN ('transfer-out', 'withdrawal') AND (${NEXT_LEG}) IS NOT NULL`);
    await q.query(`UPDATE activities SET transfer_with = (${FIRST_LEG}) WHERE type IN ('transfer-in', 'deposit') AND (${FIRST_LEG}) IS NOT NULL`);
    // The default notes: "Transfer from …" on the second leg with "Transfer to …" on the first (a note the user gave
    // is the same on both legs and stays). The second legs first, so that a first leg's default is known by its
    // second leg's note being gone.
    const other = '(SELECT o.note FROM activities o WHERE o.id = activities.transfer_with)';
    await q.query(`UPDATE activities SET note = NULL WHERE transfer_with IS NOT NULL AND type IN ('transfer-in', 'deposit') AND note GLOB 'Transfer from *' AND ${other} GLOB 'Transfer to *'`);
    await q.query(`UPDATE activities SET note = NULL WHERE transfer_with IS NOT NULL AND type IN ('transfer-out', 'withdrawal') AND note GLOB 'Transfer to *' AND ${other} IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    const name = '(SELECT name FROM accounts WHERE id = (SELECT b.account_id FROM activities b WHERE b.id = activities.transfer_with))';
    await q.query(`UPDATE activities SET note = 'Transfer to ' || ${name} WHERE note IS NULL AND type IN ('withdrawal', 'transfer-out') AND transfer_with IS NOT NULL`);
    await q.query(`UPDATE activities SET note = 'Transfer from ' || ${name} WHERE note IS NULL AND type IN ('deposit', 'transfer-in') AND transfer_with IS NOT NULL`);
    await q.query('ALTER TABLE activities DROP COLUMN transfer_with');
  }
}
