import { createHash } from 'node:crypto';
import { PortfolioSnapshot } from '../../shared/contract/portfolio.js';
import { statements } from '../store/statements.js';
import type { ReadDb, WriteDb } from '../store/writer.js';
import { KEPT_SQL, PROFILE_SQL } from './repo.js';

/**
 * The last computed live snapshot kept in the profile database (docs/design.md#the-kept-snapshot), so that a sign-in
 * shows figures at once instead of after a cold replay of the whole log.
 *
 * A kept snapshot is shown only when the database still holds exactly what it was computed from: the fingerprint
 * covers the activity log's extent (its last rowid and that row's id: the log is append-only, a restore brings its
 * own kept row, and a migration changes the last migration's stamp), the base currency, the accounts (with their
 * cost-basis methods), the wallets and the catalogue. Closes and rates are not in it: they move between any two moments, and a
 * kept snapshot is always shown as the figures of its time, never as live, until the fresh one replaces it.
 */

/** Bump when the snapshot's computation or shape changes: older kept rows then stop matching. */
const KEPT_FORMAT = 2;
export const KEPT_LIVE = 'live';

/** What a snapshot is computed from in the profile database, read in the same transaction as its inputs. */
export interface KeptInputs {
  last: number;
  parts: string;
}

export function readKeptInputs(db: ReadDb): KeptInputs {
  const s = statements(db, KEPT_SQL);
  const p = statements(db, PROFILE_SQL);
  const lastRow = s.lastActivity.get() as { last: number; id: string } | undefined;
  const one = (v: unknown) => ((v as { v: string | null } | undefined)?.v ?? '') as string;
  const parts = JSON.stringify([
    KEPT_FORMAT,
    lastRow?.last ?? 0,
    lastRow?.id ?? '',
    (s.migration.get() as { t: number }).t,
    one(s.accountsPacked.get()),
    one(s.walletsPacked.get()),
    p.instrumentsPacked.pluck().get() ?? '',
    p.currenciesPacked.pluck().get() ?? '',
  ]);
  return { last: lastRow?.last ?? 0, parts };
}

/** The fingerprint a kept snapshot is stored under: its inputs and the base currency it was computed in. */
export function fingerprint(inputs: KeptInputs, baseCurrency: string): string {
  return createHash('sha256').update(JSON.stringify([inputs.parts, baseCurrency])).digest('hex');
}

export interface KeptSnapshot {
  computedAt: string;
  snapshot: PortfolioSnapshot;
}

/** The kept snapshot when it was computed from what the database holds now in this base currency; else undefined. */
export function readKept(db: ReadDb, baseCurrency: string): KeptSnapshot | undefined {
  const row = statements(db, KEPT_SQL).get.get(KEPT_LIVE) as { inputs: string; lastRowid: number; computedAt: string; snapshot: string } | undefined;
  if (!row) return undefined;
  if (row.inputs !== fingerprint(readKeptInputs(db), baseCurrency)) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(row.snapshot);
  } catch {
    return undefined;
  }
  const parsed = PortfolioSnapshot.safeParse(json);
  if (!parsed.success || parsed.data.baseCurrency !== baseCurrency) return undefined;
  return { computedAt: row.computedAt, snapshot: parsed.data };
}

/**
 * Keeps `snapshot`, computed from `inputs`, if the database still holds exactly those inputs (nothing was written
 * since the snapshot's read); answers whether it was kept.
 */
export function writeKept(db: WriteDb, snapshot: PortfolioSnapshot, inputs: KeptInputs): boolean {
  const now = readKeptInputs(db);
  if (now.parts !== inputs.parts) return false;
  const { kept: _kept, ...plain } = snapshot;
  statements(db, KEPT_SQL).put.run(KEPT_LIVE, fingerprint(inputs, snapshot.baseCurrency), inputs.last, snapshot.asOf, JSON.stringify(plain));
  return true;
}
