import type { ActivityRecordRequest } from '../../shared/contract/index.js';
import { ActivityRecordRequest as RequestSchema } from '../../shared/contract/index.js';
import type { RecordOptions } from '../activities/service.js';
import { surelyValid } from './request-check.js';

/** What a broker row names as its instrument, kept to resolve it against the catalogue and to list it when unknown. */
export interface InstrumentRef {
  /** The ticker, crypto asset or pair, or the ISIN when that is all the row has. */
  reference: string;
  isin: string | null;
  name: string | null;
  /** The row's currency, when the file gives one (a crypto asset's pair is found with it). */
  currency: string | null;
}

/** An account as a Bourse file names it (main/import/accounts.ts maps it to one of the profile's). */
export interface AccountRef {
  /** The account's id in the exporting profile. */
  id: string | null;
  name: string | null;
  kind: string | null;
  institution: string | null;
  costMethod: string | null;
}

/** A leg of a securities transfer between accounts (Bourse's own file): recorded with its other leg, never alone. */
export interface UnitsLegRequest {
  type: 'transfer-out' | 'transfer-in';
  symbol: string;
  quantity: string;
  currency: string;
  date: string;
  note?: string | undefined;
}

/** One row of a file, ready for ActivityService.recordIn (or the reason it is not). */
export interface Candidate {
  line: number;
  req: ActivityRecordRequest | UnitsLegRequest;
  /** The account a Bourse row names; absent: the account the import is given (a broker's file names none). */
  account?: AccountRef;
  /** A Bourse row's `seq` (its position in the exporting profile's record). */
  seq?: number;
  options: RecordOptions & { id: string; at: string };
  /** Import order: Bourse rows by when they were recorded, broker rows by date (then file order). */
  order: string;
  /** A fill of an order placed in Bourse: the order row to recreate when the profile does not have it. */
  fill?: { orderId: string; side: 'buy' | 'sell'; symbol: string; quantity: string; price: string; fee: string; total: string };
  /** A broker row's instrument as the file names it (resolved against the catalogue when checked). */
  ref?: InstrumentRef;
  /** A broker trade's currencies of its total and fee: either figure is kept only in the instrument's currency. */
  trade?: { totalCurrency: string | null; feeCurrency: string | null };
  /** Set when checking left out the total or fee for being in another currency than the instrument's. */
  otherCurrency?: boolean;
  /** A leg of a cash transfer between accounts in Bourse's own file: the other leg's id (transfer-pairs.ts). */
  transferWith?: string;
}

export interface RowError {
  line: number;
  field: string | null;
  code: string;
  message: string;
}

export type RowResult = { ok: true; candidate: Candidate } | { ok: false; error: RowError; skip?: undefined } | { ok: false; skip: string; error?: undefined };

/** The schema wants an idempotency key on every request: a row's is a placeholder (import:run carries the real one). */
export const PLACEHOLDER_KEY = 'import-row';

export function fail(line: number, field: string | null, message: string, code = 'INVALID_INPUT'): RowResult {
  return { ok: false, error: { line, field, code, message } };
}

export function schemaError(line: number, req: Record<string, unknown>): RowResult | null {
  // zod only for a row the hand check cannot pass (it then words the refusal).
  if (surelyValid(req)) return null;
  const parsed = RequestSchema.safeParse(req);
  if (parsed.success) return null;
  const issue = parsed.error.issues[0]!;
  const field = issue.path.map(String).join('.') || null;
  return fail(line, field, field ? `${field}: ${issue.message}` : issue.message);
}

export const positive = (s: string) => (s.startsWith('-') ? s.slice(1) : s);
export const isZero = (s: string) => !/[1-9]/.test(s);
