import { z } from 'zod';
import { DecimalString, Empty, IdempotencyKey } from './common.js';

/**
 * Price alerts (docs/design.md#alerts): on an instrument (`AAPL`, `BTC-USD`) or a currency pair (`EUR-USD`), checked
 * in main on every live price. `above` and `below` compare the price with `threshold`; `move` compares the day's move
 * (against the last close before today) with `threshold` percent either way. An alert fires once per crossing and is
 * armed again when the price is back on the other side.
 */
export const AlertKind = z.enum(['above', 'below', 'move']);
export type AlertKind = z.infer<typeof AlertKind>;

export const AlertSymbol = z.string().regex(/^[A-Z0-9.^=_-]{1,32}$/, 'a ticker or a pair such as EUR-USD');

export const AlertView = z.object({
  id: z.string(),
  symbol: z.string(),
  kind: AlertKind,
  /** A price in the symbol's currency, or a percentage for `move`. */
  threshold: z.string(),
  /** False after it fired, until the price crosses back. */
  armed: z.boolean(),
  createdAt: z.string(),
  lastFiredAt: z.string().nullable(),
});
export type AlertView = z.infer<typeof AlertView>;

export const AlertFired = z.object({
  id: z.string(),
  alertId: z.string(),
  symbol: z.string(),
  kind: AlertKind,
  threshold: z.string(),
  price: z.string(),
  /** The reference close of a `move` alert, null otherwise. */
  reference: z.string().nullable(),
  /** The tick's time (ms since the epoch). */
  ts: z.number(),
  firedAt: z.string(),
  /** The notification text. */
  message: z.string(),
});
export type AlertFired = z.infer<typeof AlertFired>;

export const AlertCreate = z.strictObject({
  symbol: AlertSymbol,
  kind: AlertKind,
  threshold: DecimalString.refine((s) => !s.startsWith('-') && /[1-9]/.test(s), 'must be greater than zero'),
  idempotencyKey: IdempotencyKey,
});

export const alertChannels = {
  'alerts:list': { auth: 'session', request: Empty, response: z.array(AlertView) },
  'alerts:create': { auth: 'session', request: AlertCreate, response: AlertView },
  'alerts:delete': { auth: 'session', request: z.strictObject({ id: z.string().min(1).max(64) }), response: z.object({ deleted: z.boolean() }) },
  'alerts:history': {
    auth: 'session',
    request: z.strictObject({ limit: z.number().int().min(1).max(500).optional() }),
    response: z.array(AlertFired),
  },
} as const;
