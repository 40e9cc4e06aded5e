import { z } from 'zod';
import { Amount, CurrencyCode } from './common.js';

export const IsoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD')
  .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s), 'a real calendar date');

export const FxRange = z.enum(['1M', '3M', '1Y', '5Y', 'MAX']);

export const ResolvedRate = z.object({
  from: z.string(),
  to: z.string(),
  date: z.string(),
  rate: z.string(),
  publishedDate: z.string(),
  filled: z.boolean(),
  source: z.string(),
  path: z.array(z.string()),
});
export type ResolvedRate = z.infer<typeof ResolvedRate>;

export const Conversion = ResolvedRate.extend({ amount: z.string(), result: z.string() });
export type Conversion = z.infer<typeof Conversion>;

export const SeriesPoint = z.object({
  date: z.string(),
  rate: z.string(),
  publishedDate: z.string(),
  filled: z.boolean(),
  source: z.string(),
});

export const fxChannels = {
  /** The rate between two currencies on a date (today by default). */
  'fx:rate': {
    auth: 'none',
    request: z.strictObject({ from: CurrencyCode, to: CurrencyCode, date: IsoDate.optional() }),
    response: ResolvedRate,
  },
  'fx:convert': {
    auth: 'none',
    request: z.strictObject({ amount: Amount, from: CurrencyCode, to: CurrencyCode, date: IsoDate.optional() }),
    response: Conversion,
  },
  /** A pair's daily history for the chart, weekends and holidays filled and marked. */
  'fx:series': {
    auth: 'none',
    request: z.strictObject({ from: CurrencyCode, to: CurrencyCode, range: FxRange }),
    response: z.object({ from: z.string(), to: z.string(), points: z.array(SeriesPoint) }),
  },
  /** Back-office style: one source currency against a list of symbols between two dates. */
  'fx:timeseries': {
    auth: 'none',
    request: z
      .strictObject({
        base: CurrencyCode,
        symbols: z.array(CurrencyCode).min(1).max(50),
        start: IsoDate,
        end: IsoDate,
      })
      .refine((r) => r.start <= r.end, 'start must not be after end')
      .refine((r) => (Date.parse(r.end) - Date.parse(r.start)) / 86_400_000 <= 366 * 30, 'at most 30 years at once'),
    response: z.object({
      base: z.string(),
      start: z.string(),
      end: z.string(),
      rates: z.record(z.string(), z.record(z.string(), z.string())),
    }),
  },
} as const;
