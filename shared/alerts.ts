import { Dec } from './decimal/index.js';

export type AlertKindName = 'above' | 'below' | 'move';

/**
 * Whether a price meets an alert's terms (docs/design.md#alerts): `above` at or over the threshold, `below` at or
 * under it, `move` a change of at least `threshold` percent either way from `reference` (the last close before
 * today). Exact decimals; a `move` without a reference is undecided (null) and changes nothing.
 */
export function meets(kind: AlertKindName, threshold: string, price: string, reference: string | null): boolean | null {
  const p = Dec.of(price);
  if (kind === 'above') return p.gte(threshold);
  if (kind === 'below') return p.lte(threshold);
  if (reference === null || Dec.of(reference).isZero()) return null;
  return movePercent(price, reference).abs().gte(threshold);
}

/** The change from `reference` to `price` in percent (exact to 8 places, half-even). */
export function movePercent(price: string, reference: string): Dec {
  return Dec.of(price).minus(reference).times(100).div(reference).round(8);
}

/**
 * One tick's effect on an alert: fire when armed and met, re-arm when disarmed and no longer met, else nothing. So an
 * alert fires once per crossing, however many ticks stay beyond its threshold.
 */
export function step(armed: boolean, met: boolean | null): 'fire' | 'rearm' | null {
  if (met === null) return null;
  if (armed && met) return 'fire';
  if (!armed && !met) return 'rearm';
  return null;
}
