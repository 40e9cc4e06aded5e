import { useAge } from '../hooks/useAge.js';

/** A price's time as its age ("3 s ago"), redrawn by itself as it grows: the row or note around it is not. */
export function PriceAge({ ts }: { ts: number }) {
  return <time dateTime={new Date(ts).toISOString()}>{useAge(ts)}</time>;
}
