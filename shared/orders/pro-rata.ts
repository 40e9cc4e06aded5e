/**
 * Exact pro-rata split by the largest-remainder (Hamilton) method: every share is total × weight / Σweights truncated
 * to the unit (10^-decimals); the units still missing go one each to the largest truncated-away remainders, ties to
 * the larger weight (the biggest order), then to the earlier member. The parts always add up to the total exactly,
 * and no part is off from its exact share by a whole unit or more. BigInt throughout: remainders are compared exactly.
 */
const PLAIN = /^(0|[1-9]\d*)(\.\d+)?$/;

function scaled(text: string, dp: number): bigint {
  const dot = text.indexOf('.');
  const fd = dot < 0 ? 0 : text.length - dot - 1;
  return BigInt(dot < 0 ? text : text.slice(0, dot) + text.slice(dot + 1)) * 10n ** BigInt(dp - fd);
}

function digits(text: string): number {
  const dot = text.indexOf('.');
  return dot < 0 ? 0 : text.length - dot - 1;
}

function format(units: bigint, decimals: number): string {
  const s = units.toString().padStart(decimals + 1, '0');
  return decimals === 0 ? s : `${s.slice(0, -decimals)}.${s.slice(-decimals)}`;
}

export function splitProRata(total: string, weights: readonly string[], decimals: number): string[] {
  if (!PLAIN.test(total) || digits(total) > decimals) throw new RangeError(`total ${total} must be a non-negative decimal with at most ${decimals} digits`);
  if (weights.length === 0 || weights.some((w) => !PLAIN.test(w))) throw new RangeError('weights must be non-negative decimals');
  const wdp = Math.max(...weights.map(digits));
  const w = weights.map((x) => scaled(x, wdp));
  const sum = w.reduce((a, b) => a + b, 0n);
  if (sum === 0n) throw new RangeError('at least one weight must be positive');
  const units = scaled(total, decimals);
  const parts = w.map((wi) => (units * wi) / sum);
  const rest = w.map((wi) => (units * wi) % sum);
  let missing = units - parts.reduce((a, b) => a + b, 0n);
  const order = w.map((_, i) => i).sort((a, b) => (rest[b]! > rest[a]! ? 1 : rest[b]! < rest[a]! ? -1 : w[b]! > w[a]! ? 1 : w[b]! < w[a]! ? -1 : a - b));
  for (const i of order) {
    if (missing === 0n) break;
    parts[i]! += 1n;
    missing -= 1n;
  }
  return parts.map((p) => format(p, decimals));
}
