import { addDays } from '../shared/fx.js';

/**
 * The synthetic history both sides of the ingest benchmark generate: the bench worker (standing in for a provider) and
 * the raw yardstick. Shared so the two write exactly the same rows in the same order (pair after pair, dates ascending,
 * as the sync runner's chunks arrive), because B-tree insert order changes SQLite's cost.
 */
export const INGEST_TODAY = '2026-01-01';
/** 100 pairs x 10,000 calendar days = 1,000,000 rows. Every calendar day: the count stays exact and round. */
export const INGEST_DAYS = 10_000;
export const INGEST_SINCE = addDays(INGEST_TODAY, -(INGEST_DAYS - 1));
/** A real provider id (the bundled history needs no network), so the batches are exactly what production sends. */
export const INGEST_SOURCE = 'bundled' as const;

const CODES = ['USD', 'EUR', 'GBP', 'JPY', 'CHF', 'CAD', 'AUD', 'NZD', 'SEK', 'NOK', 'DKK'];

/** `count` distinct ordered pairs of real ISO codes (110 available). */
export function ingestPairs(count: number): [string, string][] {
  const out: [string, string][] = [];
  for (const a of CODES) for (const b of CODES) if (a !== b && out.length < count) out.push([a, b]);
  if (out.length < count) throw new Error(`only ${out.length} pairs available`);
  return out;
}

/** A deterministic, plausible-looking rate: a per-pair level with a slow wobble, six decimals as providers publish. */
export function syntheticRate(pairIndex: number, dayIndex: number): string {
  return (0.5 + pairIndex * 0.173 + 0.05 * Math.sin(dayIndex / 37)).toFixed(6);
}

export function dayIndex(date: string): number {
  return Math.round((Date.parse(`${date}T00:00:00Z`) - Date.parse(`${INGEST_SINCE}T00:00:00Z`)) / 86_400_000);
}
