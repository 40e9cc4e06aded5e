import { z } from 'zod';
import { Empty } from './common.js';
import { SyncJobView } from './sync.js';

/** One watched symbol as the renderer shows it: last price, its age and source, stale and simulated flags. */
export const PriceView = z.object({
  symbol: z.string(),
  assetClass: z.enum(['fx', 'crypto', 'stock']),
  price: z.string().nullable(),
  currency: z.string(),
  /** ms since epoch at the source; null when no price has ever been seen. */
  ts: z.number().nullable(),
  source: z.string().nullable(),
  simulated: z.boolean(),
  stale: z.boolean(),
});
export type PriceView = z.infer<typeof PriceView>;

export const FeedState = z.object({
  url: z.string().nullable(),
  connected: z.boolean(),
  embedded: z.boolean(),
  sources: z.array(z.object({ source: z.string(), state: z.enum(['live', 'stale', 'down']), since: z.number() })),
});
export type FeedState = z.infer<typeof FeedState>;

export const marketChannels = {
  'market:watchlist': { auth: 'session', request: Empty, response: z.object({ prices: z.array(PriceView), feed: FeedState }) },
  'sync:jobs': { auth: 'session', request: Empty, response: z.array(SyncJobView) },
  'sync:cancel': { auth: 'session', request: z.strictObject({ id: z.number().int().positive() }), response: SyncJobView.nullable() },
  /** Plans backfill/refresh jobs for every series in use now (also done at sign-in and when something changes). */
  'sync:run': { auth: 'session', request: Empty, response: z.array(SyncJobView) },
  /** The feed server to follow (Settings); empty string returns to the embedded feed (or BOURSE_FEED_URL). */
  'feed:configure': {
    auth: 'session',
    request: z.strictObject({ url: z.union([z.literal(''), z.url({ protocol: /^(https?|wss?)$/ }).max(500)]) }),
    response: FeedState,
  },
  /** Daily bars from a CSV file (date,open,high,low,close,volume) for an instrument of the catalogue. */
  'bars:import': {
    auth: 'session',
    request: z.strictObject({ symbol: z.string().min(1).max(32), csv: z.string().min(1).max(20_000_000) }),
    response: z.object({ rows: z.number(), from: z.string().nullable(), to: z.string().nullable() }),
  },
} as const;
