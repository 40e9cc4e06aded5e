import { z } from 'zod';
import { Empty } from './common.js';

/**
 * The data health report (docs/design.md#data-health): for every instrument and currency pair the signed-in profile
 * uses, where its data came from, how current and complete it is, and why it is not, in words. Read-only.
 */
export const HealthUse = z.enum(['held', 'watchlist', 'ledger', 'base']);

export const HealthGap = z.object({ from: z.string(), to: z.string(), weekdays: z.number() });

export const HealthRow = z.object({
  /** The row's id, also the target of the warnings' links: an instrument's symbol, or a pair `XXX-BASE`. */
  key: z.string(),
  kind: z.enum(['instrument', 'fx']),
  assetClass: z.enum(['stock', 'crypto', 'fx']),
  /** The stored series read for it (an FX pair is stored against EUR, as the sync fetches it). */
  series: z.string(),
  uses: z.array(HealthUse),
  /** The provider of the last stored close or rate. */
  provider: z.string().nullable(),
  firstDate: z.string().nullable(),
  lastDate: z.string().nullable(),
  /** Weekdays between the first and last stored dates without a close or rate (market holidays included). */
  gapWeekdays: z.number(),
  longestGap: HealthGap.nullable(),
  live: z
    .object({ price: z.string(), ts: z.number(), source: z.string(), stale: z.boolean(), simulated: z.boolean() })
    .nullable(),
  stale: z.boolean(),
  simulated: z.boolean(),
  /** The series' latest sync job. */
  sync: z.object({ state: z.string(), provider: z.string().nullable(), at: z.string() }).nullable(),
  /** Circuit breakers of the providers of its asset class, in the user's order. */
  breakers: z.array(z.object({ provider: z.string(), state: z.enum(['closed', 'open', 'half_open']) })),
  /** The last error in words, or null when nothing is wrong. */
  problem: z.string().nullable(),
});
export type HealthRow = z.infer<typeof HealthRow>;

export const HealthReport = z.object({ asOf: z.string(), baseCurrency: z.string(), rows: z.array(HealthRow) });
export type HealthReport = z.infer<typeof HealthReport>;

export const healthChannels = {
  'health:report': { auth: 'session', request: Empty, response: HealthReport },
} as const;
