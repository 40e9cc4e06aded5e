/** What the order service needs to know of the market for one symbol, computed by the caller from the feed. */
export interface LivePrice {
  price: string;
  /** ms since epoch at the source. */
  ts: number;
  source: string;
  simulated: boolean;
  /** Past its asset class's window (shared/market.ts STALE_AFTER_MS), or not confirmed by the feed since a restart. */
  stale: boolean;
}
