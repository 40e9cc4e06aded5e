import { z } from 'zod';
import { SessionState } from './profile.js';
import { SyncJobView } from './sync.js';
import { FeedState, PriceView } from './market.js';
import { OrderView } from './orders.js';
import { ExportProgress, ImportProgress } from './history.js';
import { AlertFired } from './alerts.js';

/** Events main pushes to renderers (IPC `bourse:event`, or SSE on the browser host). */
export const events = {
  'session:changed': SessionState,
  'wallet:changed': z.object({ currency: z.string(), balance: z.string() }),
  'sync:progress': SyncJobView,
  /** Coalesced price updates (at most about ten a second per symbol). */
  'market:prices': z.object({ prices: z.array(PriceView) }),
  'market:feed': FeedState,
  /** An order was placed, changed state or filled (also from the aggregation timer and limit matching). */
  'orders:changed': OrderView,
  /** Holdings or cash changed (a fill, a recorded activity, a deposit): refetch the portfolio. */
  'portfolio:changed': z.object({ reason: z.string() }),
  /** A history export advanced, finished, failed or was cancelled. */
  'export:progress': ExportProgress,
  /** A running import (preview or import) advanced. */
  'import:progress': ImportProgress,
  /** Split proposals changed (a provider published a split of a held instrument, or one was decided). */
  'corporate:proposals': z.object({ proposed: z.number().int().min(0) }),
  /** A price alert fired (once per crossing), also while the window is hidden or the session locked. */
  'alerts:fired': AlertFired,
} as const;

export type EventName = keyof typeof events;

/**
 * The only events a page receives while the session is locked or signed out: the session's own state and the feed's
 * connection state. Every other event carries the profile's balances, holdings, orders or activity (even a price
 * update names the symbols the profile holds), so it waits behind the lock (docs/design.md#security).
 */
export const PUBLIC_EVENTS: ReadonlySet<EventName> = new Set<EventName>(['session:changed', 'market:feed']);
export type EventPayload<E extends EventName> = z.infer<(typeof events)[E]>;
export type BourseEvent = { [E in EventName]: { event: E; payload: EventPayload<E> } }[EventName];
