import { markTransferLegs } from '../ledger/transfer-legs.js';
import type { WriteDb } from '../store/writer.js';
import type { Candidate, RowError } from './candidate.js';

/**
 * The legs of cash transfers between accounts in Bourse's own file (its `transferWith` column: on each leg, the other
 * leg's id). A pair is a withdrawal and, right after it in the import order, a deposit of the same date, each naming
 * the other: how the ledger writes a transfer (main/ledger/transfer-legs.ts), and what the Portfolio reads as one
 * (the two legs next to each other in the log, main/portfolio/load-activities.ts). An exported file always has them
 * so (one instant, consecutive `seq`); a leg that names anything else is refused at its line, so an edited file
 * never imports a half transfer.
 */
export interface TransferPairs {
  /** [withdrawal id, deposit id], in the import order. */
  pairs: [string, string][];
  errors: RowError[];
}

export function transferPairs(candidates: readonly Candidate[]): TransferPairs {
  const pairs: [string, string][] = [];
  const errors: RowError[] = [];
  for (let i = 0; i < candidates.length; i++) {
    const c = candidates[i]!;
    if (c.transferWith === undefined) continue;
    const next = candidates[i + 1];
    if (
      c.req.type === 'withdrawal' &&
      next !== undefined &&
      next.req.type === 'deposit' &&
      next.options.id === c.transferWith &&
      next.transferWith === c.options.id &&
      next.req.date === c.req.date
    ) {
      pairs.push([c.options.id, next.options.id]);
      i++;
      continue;
    }
    errors.push({
      line: c.line,
      field: 'transferWith',
      code: 'INVALID_INPUT',
      message: `Line ${c.line}: transferWith: a transfer's legs are a withdrawal and, right after it, the deposit of the same date, each naming the other; "${c.transferWith.slice(0, 40)}" is not.`,
    });
  }
  return { pairs, errors };
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
