import type { UnsequencedTick } from '../tick-book.js';

export type UpstreamState = 'live' | 'stale' | 'down';

/** What an upstream adapter reports back to the relay. */
export interface UpstreamSink {
  tick(tick: UnsequencedTick): void;
  state(state: UpstreamState, detail?: string): void;
  /** A message that parsed as JSON (or not) but was not a shape we know: counted, never fatal. */
  malformed(): void;
}

export interface UpstreamAdapter {
  readonly source: string;
  /** The full set of feed symbols this adapter should follow now (idempotent). */
  setSymbols(symbols: readonly string[]): void;
  close(): Promise<void>;
}
