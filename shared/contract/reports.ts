import { z } from 'zod';
import { AccountId } from './common.js';

const Amount = z.string();
const BaseAmount = z.string().nullable();
const MissingFx = z.array(z.object({ currency: z.string(), date: z.string() }));

/** A tax year and the accounts it covers (all when absent); docs/design.md#the-tax-year. */
export const ReportRequest = z.strictObject({
  year: z.number().int().min(1900).max(9998),
  accountIds: z.array(AccountId).max(100).optional(),
  /** Where the tax year starts (1 January when absent). */
  taxYearStart: z.strictObject({ month: z.number().int().min(1).max(12), day: z.number().int().min(1).max(31) }).optional(),
  /** Long term when held more than this many days (365 when absent). */
  holdingDays: z.number().int().min(0).max(36_500).optional(),
});

export const RealizedReport = z.object({
  rows: z.array(
    z.object({
      accountId: z.string(),
      symbol: z.string(),
      quantity: z.string(),
      acquired: z.string(),
      sold: z.string(),
      currency: z.string(),
      proceeds: Amount,
      cost: Amount,
      fees: Amount,
      gain: Amount,
      term: z.enum(['short', 'long']),
      /** In the base currency; null when no rate is stored for the day (then named in missingFx). */
      baseProceeds: BaseAmount,
      baseCost: BaseAmount,
      baseGain: BaseAmount,
    }),
  ),
  /** In the base currency. */
  totals: z.object({ proceeds: Amount, cost: Amount, fees: Amount, gain: Amount, shortTermGain: Amount, longTermGain: Amount }),
  missingFx: MissingFx,
});
export type RealizedReport = z.infer<typeof RealizedReport>;

export const IncomeReport = z.object({
  rows: z.array(
    z.object({
      accountId: z.string(),
      date: z.string(),
      type: z.enum(['dividend', 'interest', 'fee']),
      symbol: z.string().nullable(),
      currency: z.string(),
      amount: Amount,
      baseAmount: BaseAmount,
    }),
  ),
  /** In the base currency; net = dividends + interest − fees. */
  totals: z.object({ dividends: Amount, interest: Amount, fees: Amount, net: Amount }),
  missingFx: MissingFx,
});
export type IncomeReport = z.infer<typeof IncomeReport>;

/** A report saved as a file: CSV (one row per closed lot or income entry, then the totals) or a PDF statement. */
export const ReportFileRequest = ReportRequest.extend({ report: z.enum(['realized', 'income']), format: z.enum(['csv', 'pdf']) });
export type ReportFileRequest = z.infer<typeof ReportFileRequest>;

export const ReportFile = z.object({
  state: z.enum(['done', 'cancelled']),
  fileName: z.string(),
  bytes: z.number(),
  /** Desktop: where main's save dialog put it. */
  path: z.string().nullable(),
  /** Browser host: a one-time download address. */
  downloadUrl: z.string().nullable(),
});
export type ReportFile = z.infer<typeof ReportFile>;

export const reportFileChannels = {
  'report:file': { auth: 'session', request: ReportFileRequest, response: ReportFile },
} as const;

export const reportChannels = {
  'report:realized': { auth: 'session', request: ReportRequest, response: RealizedReport },
  'report:income': { auth: 'session', request: ReportRequest, response: IncomeReport },
} as const;
