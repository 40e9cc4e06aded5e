import { markTransferLegs } from '../ledger/transfer-legs.js';
import type { WriteDb } from '../store/writer.js';
import type { AccountRef, Candidate, RowError } from './candidate.js';

/**
 * The legs of cash transfers between accounts in Bourse's own file (its `transferWith` column: on each leg, the other
 * leg's id). A pair is a withdrawal and, right after it in the import order, a deposit of the same date, each naming
 * the other: how the ledger writes a transfer (main/ledger/transfer-legs.ts), and what the Portfolio reads as one
 * (the two legs next to each other in the log, main/portfolio/load-activities.ts). An exported file always has them
 * so (one instant, consecutive `seq`); a leg that names anything else is refused at its line, so an edited file
 * never imports a half transfer.
 */
export interface TransferPairs {
  /** Cash transfers: [withdrawal id, deposit id], in the import order (marked by markPairs once written). */
  pairs: [string, string][];
  /** Securities transfers: the ids of the `transfer-out` legs whose next row is their `transfer-in` (recorded together). */
  units: Set<string>;
  errors: RowError[];
}

const OUT = new Set(['withdrawal', 'transfer-out']);
const IN: Record<string, string> = { withdrawal: 'deposit', 'transfer-out': 'transfer-in' };

export function transferPairs(candidates: readonly Candidate[]): TransferPairs {
  const pairs: [string, string][] = [];
  const units = new Set<string>();
  const errors: RowError[] = [];
  for (let i = 0; i < candidates.length; i++) {
    const c = candidates[i]!;
    if (c.transferWith === undefined) continue;
    const next = candidates[i + 1];
    if (
      OUT.has(c.req.type) &&
      next !== undefined &&
      next.req.type === IN[c.req.type] &&
      next.options.id === c.transferWith &&
      next.transferWith === c.options.id &&
      next.req.date === c.req.date
    ) {
      if (c.req.type === 'withdrawal') pairs.push([c.options.id, next.options.id]);
      else units.add(c.options.id);
      i++;
      continue;
    }
    errors.push({
      line: c.line,
      field: 'transferWith',
      code: 'INVALID_INPUT',
      message: `Line ${c.line}: transferWith: a transfer's legs are a withdrawal (or transfer-out) and, right after it, the deposit (or transfer-in) of the same date, each naming the other; "${c.transferWith.slice(0, 40)}" is not.`,
    });
  }
  return { pairs, units, errors };
}

/**
 * A Bourse file exported before the `transferWith` column names no pair; its cash transfers between accounts are
 * recognised by their shape only where it cannot be anything else: a withdrawal and, next in the file's `seq`
 * (consecutive numbers), a deposit recorded at the same instant, of the same date, currency and amount, in two
 * accounts the file names that are two accounts of this profile (`accountOf`: the profile's account of a reference,
 * null when it cannot have one). That is how the ledger wrote every transfer (both legs in one transaction); two
 * entries recorded on their own never share an instant and consecutive rowids in two accounts. Each pair found gets
 * its `transferWith` as a newer file would carry it; returns how many. Never used for a broker's file.
 */
export function pairByShape(candidates: Candidate[], accountOf: (ref: AccountRef) => string | null): number {
  let found = 0;
  for (let i = 0; i + 1 < candidates.length; i++) {
    const c = candidates[i]!;
    const next = candidates[i + 1]!;
    if (c.req.type !== 'withdrawal' || next.req.type !== 'deposit') continue;
    if (c.transferWith !== undefined || next.transferWith !== undefined || !c.account || !next.account) continue;
    if (c.seq === undefined || next.seq !== c.seq + 1 || c.options.at !== next.options.at) continue;
    if (c.req.date !== next.req.date || c.req.currency !== next.req.currency || c.req.amount !== next.req.amount) continue;
    // Legs that land in one account of this profile (a file naming accounts by ids it does not know) stay unpaired.
    const from = accountOf(c.account);
    const to = accountOf(next.account);
    if (from === null || to === null || from === to) continue;
    c.transferWith = next.options.id;
    next.transferWith = c.options.id;
    found += 1;
    i++;
  }
  return found;
}

/**
 * Marks the pairs whose two legs this import wrote (inside its transaction, after the rows are flushed). A pair with
 * one leg already in the profile and the other not cannot be a transfer of this profile: its line is refused. A pair
 * with both legs already there was marked, or not, when they were written; it is left as it is.
 */
export function markPairs(db: WriteDb, pairs: readonly [string, string][], written: ReadonlySet<string>, present: ReadonlySet<string>, lineOf: (id: string) => number): RowError[] {
  const errors: RowError[] = [];
  for (const [out, into] of pairs) {
    if (written.has(out) && written.has(into)) markTransferLegs(db, out, into);
    else if (present.has(out) !== present.has(into)) {
      const line = lineOf(present.has(out) ? into : out);
      errors.push({ line, field: 'transferWith', code: 'INVALID_INPUT', message: `Line ${line}: transferWith: the other leg of this transfer is already in the profile and this one is not.` });
    }
  }
  return errors;
}
