import { channels, type Channel } from '../shared/contract/index.js';
import type { Handlers } from './handler.js';

export type { Handler, Handlers } from './handler.js';

type Keys<T> = T extends object ? keyof T : never;
/** The channels that appear in more than one slice of T. */
type Duplicates<T extends readonly object[], Seen = never> = T extends readonly [infer H, ...infer R extends readonly object[]]
  ? (Keys<H> & Seen) | Duplicates<R, Seen | Keys<H>>
  : never;
type Covered<T extends readonly object[]> = Keys<T[number]>;

/**
 * Merges the domains' handler slices into one handler per channel. A channel claimed twice, or one no slice answers,
 * fails to compile (the types below) and, should types be bypassed, fails at start.
 */
export function mergeHandlers<const T extends readonly object[]>(
  ...slices: T &
    ([Duplicates<T>] extends [never] ? unknown : { duplicateChannel: Duplicates<T> }) &
    ([Exclude<Channel, Covered<T>>] extends [never] ? unknown : { missingChannel: Exclude<Channel, Covered<T>> })
): Handlers {
  const merged: Record<string, unknown> = {};
  for (const slice of slices as readonly object[]) {
    for (const [channel, handler] of Object.entries(slice)) {
      if (channel in merged) throw new Error(`channel ${channel} has two handlers`);
      merged[channel] = handler;
    }
  }
  for (const channel of Object.keys(channels)) if (!(channel in merged)) throw new Error(`channel ${channel} has no handler`);
  return merged as Handlers;
}
