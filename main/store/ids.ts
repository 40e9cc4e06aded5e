import { v7 } from 'uuid';

/**
 * The id of a new order or activity: a UUIDv7 (RFC 9562), so ids made later sort after ids made earlier. Each insert
 * then lands at the right-hand edge of every index keyed or partly keyed by the id (the table's own key, fills by
 * order, ledger entries by order and by activity) instead of on a random leaf: a commit writes fewer pages, and a
 * checkpoint copies a few hot pages instead of thousands of scattered ones. Ids made before (v4) stay valid; nothing
 * reads meaning into an id's order beyond that.
 */
export function newRowId(): string {
  return v7();
}
