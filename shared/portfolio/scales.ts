import type { Scan } from '../decimal/index.js';

/**
 * The portfolio engine's fixed scales (integers at 10^dp, shared/decimal/): quantities 18 fraction digits (crypto),
 * prices 10, so quantity × price is exact at 28 digits, the scale of every currency amount (cash, cost, proceeds).
 * FX rates carry 18 digits (sources publish ≤ 12 significant digits; inverted and crossed rates are normalised to 12
 * significant digits by shared/fx.ts), so base-currency values sit at 46 digits and are rounded only when formatted.
 * Scaled integers rather than a value object per figure: a snapshot reads every quantity, price and daily close.
 */
export const QTY_DP = 18;
export const PRICE_DP = 10;
export const AMOUNT_DP = QTY_DP + PRICE_DP;
export const FX_DP = 18;
export const BASE_DP = AMOUNT_DP + FX_DP;

/**
 * What the engine's last parse read (shared/decimal/parse.ts `Scan`): the text's digits as an exact double when it
 * has at most 15 of them, which the engine's double-precision paths use instead of the bigint. One object reused
 * rather than one returned per parse, because the engine parses every quantity, price and close of every snapshot.
 */
export const lastScan: Scan = { units: NaN, digits: 0 };
