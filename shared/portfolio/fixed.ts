/**
 * Exact fixed-point arithmetic on BigInt for the portfolio engine's hot paths.
 *
 * Why not decimal.js here: a decimal.js multiply-add or parse costs several times a BigInt one, and a snapshot of a
 * large history (hundreds of thousands of daily prices over ten years) has a budget that decimal.js alone would
 * exceed several times over (docs/benchmarks.md). Scaled integers are just as exact (no binary floats anywhere) and
 * every rounding below is explicit and half-even (docs/design.md#money). The API edges stay decimal strings;
 * decimal.js remains the tool for the small, non-hot computations (valuation, orders).
 *
 * Scales: quantities 18 fraction digits (crypto), prices 10, so quantity × price is exact at 28 digits, which is the
 * scale of every currency amount (cash, cost, proceeds). FX rates carry 18 digits (sources publish ≤ 12 significant
 * digits; inverted/crossed rates are normalised to 12 significant digits by shared/fx.ts), so base-currency values sit
 * at 46 digits and are rounded only when formatted.
 */
export const QTY_DP = 18;
export const PRICE_DP = 10;
export const AMOUNT_DP = QTY_DP + PRICE_DP;
export const FX_DP = 18;
export const BASE_DP = AMOUNT_DP + FX_DP;

const POW10: bigint[] = [];
for (let i = 0, p = 1n; i <= 120; i++, p *= 10n) POW10.push(p);

export function pow10(n: number): bigint {
  const p = POW10[n];
  if (p === undefined) throw new RangeError(`10^${n} out of range`);
  return p;
}

const PLAIN_RE = /^-?(0|[1-9]\d*)(\.\d+)?$/;

/**
 * What the last successful parseScaled read, for callers that also want the value as a small Number: `units` is
 * the text's digits as an integer (the value × 10^digits, sign included) when it has at most 15 digits, which a
 * double holds exactly, else NaN; `digits` is its count of fraction digits. A module-level out-parameter instead
 * of a returned object, because parseScaled runs for every quantity, price and close of every snapshot.
 */
export const lastScan = { units: NaN, digits: 0 };

/** Largest integer a double holds exactly together with all smaller ones (2^53 − 1). */
export const MAX_EXACT = Number.MAX_SAFE_INTEGER;

/** 10^n as a double, exact for n ≤ 22. */
export const POW10_NUMBER: readonly number[] = Array.from({ length: 23 }, (_, i) => 10 ** i);

/**
 * Parses a plain decimal string (optional leading minus, no exponent) to an integer scaled by 10^dp. Returns
 * undefined when the text is not a plain decimal or has more than `dp` fraction digits (never rounds silently).
 */
export function parseScaled(text: string, dp: number): bigint | undefined {
  if (!scanScaled(text, dp)) return undefined;
  const acc = lastScan.units;
  const fd = lastScan.digits;
  if (acc === acc) {
    const neg = acc < 0;
    const abs = neg ? -acc : acc;
    // One BigInt conversion instead of a conversion and a multiply when the scaled value is still exact as a double.
    const scaled = dp - fd <= 22 ? abs * POW10_NUMBER[dp - fd]! : Infinity;
    const v = scaled <= MAX_EXACT ? BigInt(scaled) : BigInt(abs) * pow10(dp - fd);
    return neg ? -v : v;
  }
  const dot = text.indexOf('.');
  return BigInt(dot < 0 ? text : text.slice(0, dot) + text.slice(dot + 1)) * pow10(dp - fd);
}

/**
 * parseScaled's check without the BigInt: true when `text` is a plain decimal with at most `dp` fraction digits,
 * and then lastScan holds its digits (units NaN above 15 digits). The snapshot's forward pass scans quantities and
 * prices this way and builds their BigInts only where a double path cannot be taken (activity.ts, ensureBig).
 */
export function scanScaled(text: string, dp: number): boolean {
  // A hand-rolled scan instead of a regex + slice + BigInt(string): this parses every quantity, price and amount of
  // every snapshot. Up to 15 digits are accumulated as an integer-valued Number, which is exact below 2^53 (no
  // fractional arithmetic ever happens); longer texts leave units NaN.
  const n = text.length;
  const neg = text.charCodeAt(0) === 45; // '-'
  let i = neg ? 1 : 0;
  const start = i;
  let dot = -1;
  let acc = 0;
  for (; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 46 && dot < 0) dot = i;
    else if (c < 48 || c > 57) return false;
    else acc = acc * 10 + (c - 48);
  }
  const intLen = (dot < 0 ? n : dot) - start;
  if (intLen === 0 || (intLen > 1 && text.charCodeAt(start) === 48) || dot === n - 1) return false;
  const fd = dot < 0 ? 0 : n - dot - 1;
  if (fd > dp) return false;
  const digits = n - start - (dot < 0 ? 0 : 1);
  lastScan.digits = fd;
  lastScan.units = digits <= 15 ? (neg ? -acc : acc) : NaN;
  return true;
}

/** An exact double integer `units` × 10^-digits (digits ≤ dp) at scale 10^dp, as a BigInt. */
export function bigOfUnits(units: number, digits: number, dp: number): bigint {
  const scaled = dp - digits <= 22 ? units * POW10_NUMBER[dp - digits]! : Infinity;
  return scaled <= MAX_EXACT && scaled >= -MAX_EXACT ? BigInt(scaled) : BigInt(units) * pow10(dp - digits);
}

/** Like parseScaled but rounds extra fraction digits half-even (for FX rates published with more digits than FX_DP). */
export function parseScaledRounded(text: string, dp: number): bigint | undefined {
  if (!PLAIN_RE.test(text)) return undefined;
  const dot = text.indexOf('.');
  const fd = dot < 0 ? 0 : text.length - dot - 1;
  if (fd <= dp) return parseScaled(text, dp);
  const whole = BigInt(text.slice(0, dot) + text.slice(dot + 1));
  lastScan.units = NaN; // rounded: the digits are no longer the value
  lastScan.digits = dp;
  return divRound(whole, pow10(fd - dp));
}

/** n / d rounded half-even (banker's rounding, docs/design.md#money); d must not be zero. */
export function divRound(n: bigint, d: bigint): bigint {
  if (d < 0n) {
    n = -n;
    d = -d;
  }
  let q = n / d;
  const r = n - q * d;
  if (r === 0n) return q;
  const twice = (r < 0n ? -r : r) * 2n;
  if (twice > d || (twice === d && (q & 1n) !== 0n)) q += n < 0n ? -1n : 1n;
  return q;
}

/** Rounds a value held at scale 10^dp to `digits` fraction digits, half-even; the result stays at scale 10^dp. */
export function roundAt(value: bigint, dp: number, digits: number): bigint {
  if (digits >= dp) return value;
  const unit = pow10(dp - digits);
  return divRound(value, unit) * unit;
}

/** Rescales from 10^from to 10^to, rounding half-even when digits are dropped. */
export function rescale(value: bigint, from: number, to: number): bigint {
  if (to >= from) return value * pow10(to - from);
  return divRound(value, pow10(from - to));
}

/**
 * Formats a value at scale 10^dp with exactly `digits` fraction digits (half-even), e.g. money at its minor unit.
 * A value that rounds to zero prints without a sign.
 */
export function formatFixed(value: bigint, dp: number, digits: number): string {
  const v = digits >= dp ? value * pow10(digits - dp) : divRound(value, pow10(dp - digits));
  const neg = v < 0n;
  const s = (neg ? -v : v).toString();
  if (digits === 0) return neg ? `-${s}` : s;
  const padded = s.padStart(digits + 1, '0');
  const body = `${padded.slice(0, -digits)}.${padded.slice(-digits)}`;
  return neg ? `-${body}` : body;
}

/** Shortest exact form of a value at scale 10^dp ("1.5", "0.000000000000000001", "12"). */
export function formatPlain(value: bigint, dp: number): string {
  const full = formatFixed(value, dp, dp);
  if (dp === 0) return full;
  const trimmed = full.replace(/0+$/, '');
  return trimmed.endsWith('.') ? trimmed.slice(0, -1) : trimmed;
}
