import { fail, type PortfolioResult } from './errors.js';
import { divRound, formatPlain, MAX_EXACT, pow10, POW10_NUMBER, roundAt } from '../decimal/index.js';
import { AMOUNT_DP, QTY_DP } from './scales.js';
import { ensureBig, type ParsedActivity } from './activity.js';
import { Position, pushLot, RealizedSell, toBig, toExact, unitsAt, type CostMethod, type Lots } from './position.js';

/** Buys and sells applied to a position's lots: FIFO or average cost, in doubles while exact, else in BigInt. */
// One shared result for every buy (100,000 trades per snapshot replay); results are never written to.
const BOUGHT: PortfolioResult<RealizedSell | undefined> = Object.freeze({ ok: true, data: undefined });

/** Applies a buy or sell; returns an error (and leaves the position unspecified) when a sell exceeds the holding. */
export function applyTrade(p: Position, a: ParsedActivity, method: CostMethod): PortfolioResult<RealizedSell | undefined> {
  if (a.currency !== p.currency) {
    return fail('CURRENCY_MISMATCH', `${p.symbol} is held in ${p.currency}, not ${a.currency}`, { id: a.id, symbol: p.symbol, currency: a.currency });
  }
  p.priceUnits = a.priceUnits;
  p.priceDigits = a.priceDigits;
  if (a.priceUnits !== a.priceUnits) p.priceBig = a.price; // (no exact double: then the trade is not lazy)
  if (!p.big) {
    const done = tradeInDoubles(p, a, method);
    if (done !== undefined) return done;
    toBig(p);
  }
  ensureBig(a);
  if (a.type === 'buy') {
    p.q += a.quantity;
    p.c += a.gross + a.fee;
    if (method === 'fifo') pushLot(p, a);
    return BOUGHT;
  }
  if (a.quantity > p.q) {
    return fail('INSUFFICIENT_HOLDING', `cannot sell ${formatPlain(a.quantity, QTY_DP)} ${p.symbol}: ${formatPlain(p.q, QTY_DP)} held`, {
      id: a.id,
      symbol: p.symbol,
      held: formatPlain(p.q, QTY_DP),
      requested: formatPlain(a.quantity, QTY_DP),
    });
  }
  const released = method === 'fifo' ? releaseFifo(p, a) : releaseAverage(p, a.quantity);
  p.q -= a.quantity;
  p.c -= released;
  const proceeds = a.gross - a.fee;
  const sell = new RealizedSell(a.id, a.day, p.minorUnit, NaN, 0, NaN, NaN, { quantity: a.quantity, proceeds, cost: released });
  p.r += proceeds - released;
  p.realizedSells.push(sell);
  return { ok: true, data: sell };
}

// Bounds that keep every sum in tradeInDoubles exact: no two or three terms of at most 2^51 pass 2^53 − 1.
const QUARTER = Math.floor(MAX_EXACT / 4);

/**
 * The trade in exact doubles; undefined when some figure has no exact double or a result could leave the range,
 * and then nothing that matters has changed (the quantity's digits or the queue may be rescaled, same values).
 */
function tradeInDoubles(p: Position, a: ParsedActivity, method: CostMethod): PortfolioResult<RealizedSell | undefined> | undefined {
  const costMinor = a.costMinor; // NaN when the trade's figures have no exact doubles
  if (!(costMinor <= QUARTER)) return undefined;
  let units = p.units;
  let digits = p.digits;
  if (a.qtyDigits > digits) {
    units *= POW10_NUMBER[a.qtyDigits - digits]!;
    digits = a.qtyDigits;
    if (!(units <= MAX_EXACT)) return undefined;
  }
  const u = a.qtyUnits * POW10_NUMBER[digits - a.qtyDigits]!;
  if (!(u <= MAX_EXACT)) return undefined;
  if (a.type === 'buy') {
    const q = units + u;
    const c = p.costMinor + costMinor;
    if (!(q <= MAX_EXACT && c <= QUARTER)) return undefined;
    if (method === 'fifo') pushLot(p, a);
    p.units = q;
    p.digits = digits;
    p.costMinor = c;
    return BOUGHT;
  }
  // More than held: the BigInt path refuses it with the exact texts.
  if (u > units) return undefined;
  const proceeds = a.grossMinor - a.feeMinor;
  if (!(Math.abs(p.realizedMinor) <= QUARTER && Math.abs(proceeds) <= QUARTER)) return undefined;
  let released: number;
  if (method === 'fifo') {
    if (p.lots.exact) return undefined;
    const sold = unitsAt(p, a.qtyUnits, a.qtyDigits);
    released = sold === sold ? releaseUnits(p, sold) : NaN;
    if (released !== released) return undefined; // (releaseUnits changed nothing)
    compact(p.lots);
  } else {
    released = u === units ? p.costMinor : partialUnits(p.costMinor, u, units);
    if (released !== released) return undefined;
  }
  const left = units - u;
  p.units = left;
  p.digits = left === 0 ? 0 : digits;
  p.costMinor -= released;
  p.realizedMinor += proceeds - released;
  const sell = new RealizedSell(a.id, a.day, p.minorUnit, a.qtyUnits, a.qtyDigits, proceeds, released, null);
  p.realizedSells.push(sell);
  return { ok: true, data: sell };
}

function partial(cost: bigint, part: bigint, whole: bigint, minorUnit: number): bigint {
  return roundAt(divRound(cost * part, whole), AMOUNT_DP, minorUnit);
}

function releaseAverage(p: Position, sold: bigint): bigint {
  return sold === p.q ? p.c : partial(p.c, sold, p.q, p.minorUnit);
}

function releaseFifo(p: Position, a: ParsedActivity): bigint {
  const l = p.lots;
  // In doubles when the sold units are exact and every sum stays below 2^53 (released ≤ the position's cost).
  const sold = l.exact || p.c > maxCost(p.minorUnit) ? NaN : unitsAt(p, a.qtyUnits, a.qtyDigits);
  const released = sold === sold ? releaseUnits(p, sold) : NaN;
  if (released === released) {
    compact(l);
    return BigInt(released) * pow10(AMOUNT_DP - p.minorUnit);
  }
  toExact(p);
  let left = a.quantity;
  let big = 0n;
  while (left > 0n) {
    const h = l.head;
    const q = l.qty[h]!;
    if (q <= left) {
      big += l.cost[h]!;
      left -= q;
      l.head++;
    } else {
      const part = partial(l.cost[h]!, left, q, p.minorUnit);
      l.cost[h]! -= part;
      l.qty[h] = q - left;
      big += part;
      left = 0n;
    }
  }
  compact(l);
  return big;
}

const MAX_COST: bigint[] = [];
const maxCost = (mu: number) => (MAX_COST[mu] ??= BigInt(MAX_EXACT) * pow10(AMOUNT_DP - mu));

/**
 * Releases `sold` units in doubles; NaN (and nothing changed) when a partial release's product is not exact, so
 * the caller can do it all in BigInt. Half-even like partial(): part = minor × left / units, checked by remainder.
 */
function releaseUnits(p: Position, sold: number): number {
  const l = p.lots;
  let h = l.head;
  let left = sold;
  let released = 0;
  while (left > 0) {
    const q = l.units[h]!;
    if (q <= left) {
      released += l.minor[h]!;
      left -= q;
      h++;
      continue;
    }
    const c = l.minor[h]!;
    const part = partialUnits(c, left, q);
    if (part !== part) return NaN;
    l.minor[h] = c - part;
    l.units[h] = q - left;
    released += part;
    left = 0;
  }
  l.head = h;
  return released;
}

/**
 * c × part / whole rounded half-even, all exact non-negative double integers, or NaN when c × part is too large for
 * that to be exact. The double form of partial() (which rounds twice; see openPosition).
 */
function partialUnits(c: number, part: number, whole: number): number {
  const n = c * part;
  // n and whole at most 2^52 keep floor × whole (≤ n + whole) exact below, so the remainder is exact and checks the floor.
  if (!(n <= MAX_EXACT / 2 && whole <= MAX_EXACT / 2)) return NaN;
  let q = Math.floor(n / whole);
  let r = n - q * whole;
  if (r < 0) {
    q--;
    r += whole;
  } else if (r >= whole) {
    q++;
    r -= whole;
  }
  if (2 * r > whole || (2 * r === whole && q % 2 === 1)) q++;
  return q;
}

/** Keeps the queue compact so a long history of sells does not hold every consumed lot; an empty one starts over. */
function compact(l: Lots): void {
  const n = l.ids.length;
  if (l.head === n && n > 0) {
    l.ids = [];
    l.days = [];
    l.units = [];
    l.minor = [];
    l.qty = [];
    l.cost = [];
    l.head = 0;
    l.digits = 0;
  } else if (l.head > 64 && l.head * 2 > n) {
    const h = l.head;
    l.ids = l.ids.slice(h);
    l.days = l.days.slice(h);
    if (l.exact) {
      l.qty = l.qty.slice(h);
      l.cost = l.cost.slice(h);
    } else {
      l.units = l.units.slice(h);
      l.minor = l.minor.slice(h);
    }
    l.head = 0;
  }
}
