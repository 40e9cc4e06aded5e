import { Dec } from '../shared/decimal/index.js';

/**
 * One random-walk step on a decimal price string. The randomness is drawn as an integer number of basis-point
 * tenths, so the price itself never passes through a float: next = price × (1 + k / 100000), k ∈ [-maxStep, maxStep],
 * rounded half-even to the price's own number of decimals (at least 2) and never below one unit of that precision.
 */
export function randomWalkStep(price: string, maxStep = 20, random: () => number = Math.random): string {
  const dot = price.indexOf('.');
  const places = Math.max(2, dot < 0 ? 0 : price.length - dot - 1);
  const k = Math.floor(random() * (2 * maxStep + 1)) - maxStep;
  const next = Dec.of(price).times(Dec.of(100000 + k)).div(100000).round(places);
  const floor = Dec.fromUnits(1n, places);
  return (next.lt(floor) ? floor : next).toFixed(places);
}
