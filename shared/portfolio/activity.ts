import { findCurrency } from '../currencies.js';
import { dayNumber, isCalendarDate } from './days.js';
import { fail, type PortfolioError, type PortfolioResult } from './errors.js';
import { Dec, MAX_EXACT, parseUnits, pow10, scan, unitsOfDouble } from '../decimal/index.js';
import { AMOUNT_DP, PRICE_DP, QTY_DP, lastScan } from './scales.js';
import { settledMinor, settledValue } from './settle.js';

/**
 * The activity model: everything that changes what a person owns, as plain records with decimal
 * strings, so the service can hand over rows straight from SQLite. `date` is a calendar day (YYYY-MM-DD) or an ISO
 * instant; an instant counts on its UTC calendar day (the same UTC days as shared/fx.ts), so its FX rate and its
 * place in the daily series never depend on the machine's time zone.
 */
interface ActivityBase {
  id: string;
  date: string;
}

export interface TradeActivity extends ActivityBase {
  type: 'buy' | 'sell';
  symbol: string;
  /** Positive, at most 18 fraction digits. */
  quantity: string;
  /** Per unit, in `currency`; positive, at most 10 fraction digits. */
  price: string;
  /** In `currency`, at most the currency's minor unit; adds to a buy's cost and reduces a sell's proceeds. */
  fee?: string;
  currency: string;
}

export interface CashActivity extends ActivityBase {
  type: 'deposit' | 'withdrawal' | 'interest' | 'fee';
  currency: string;
  amount: string;
}

export interface DividendActivity extends ActivityBase {
  type: 'dividend';
  currency: string;
  amount: string;
  symbol?: string;
}

/** Money moved between wallets at the rate actually paid (toAmount / fromAmount), spread and charges included. */
export interface FxExchangeActivity extends ActivityBase {
  type: 'fx-exchange';
  fromCurrency: string;
  fromAmount: string;
  toCurrency: string;
  toAmount: string;
}

/**
 * A split of `numerator`-for-`denominator` (a stock dividend is one of (n + d)-for-d), effective at the start of its
 * day: every unit held becomes numerator / denominator units, cost unchanged (docs/design.md#corporate-actions). The
 * caller places it before the trades of its day.
 */
export interface SplitActivity extends ActivityBase {
  type: 'split';
  symbol: string;
  numerator: string;
  denominator: string;
}

export type Activity = TradeActivity | CashActivity | DividendActivity | FxExchangeActivity | SplitActivity;
export type ActivityType = Activity['type'];

/** Minor unit per currency code; defaults to the ISO 4217 catalogue. Pass one for non-ISO quote currencies (USDT). */
export type MinorUnits = (code: string) => number | undefined;
export const isoMinorUnits: MinorUnits = (code) => findCurrency(code)?.minorUnit;

/**
 * An activity checked and converted to scaled integers (shared/portfolio/scales.ts). `cash` is the signed change of
 * the `currency` wallet; an fx-exchange also carries the credited side in `toCurrency` / `toCash`.
 */
export interface ParsedActivity {
  id: string;
  type: ActivityType;
  /** Sort key: the date, or the instant normalised to UTC ISO; a date sorts before any instant of the same day. */
  key: string;
  day: number;
  currency: string;
  minorUnit: number;
  symbol?: string;
  /**
   * True for a trade parsed lean (parseActivity's `lean`) whose figures all have exact doubles: then quantity, price,
   * gross and cash are not built (0n) and ensureBig builds them from the doubles for a caller that needs them.
   */
  lazy: boolean;
  /** Scale 10^18. */
  quantity: bigint;
  /**
   * The quantity as a double integer at scale 10^qtyDigits (its text's fraction digits), exact; NaN when the text
   * has more than 15 digits. Lets the value series keep Σ quantity × price step in doubles (performance.ts).
   */
  qtyUnits: number;
  qtyDigits: number;
  /** Scale 10^10. */
  price: bigint;
  /** The price as a double integer at scale 10^priceDigits, exact; NaN when the text has more than 15 digits. */
  priceUnits: number;
  priceDigits: number;
  /** gross in minor units as an exact double integer, NaN when it has none. */
  grossMinor: number;
  /** fee in minor units as an exact double integer, NaN when it has none. */
  feeMinor: number;
  /** Scale 10^28: quantity × price rounded half-even to the currency's minor unit (what the cash actually moves). */
  gross: bigint;
  /** Scale 10^28. */
  fee: bigint;
  /**
   * gross + fee of a trade in minor units as an exact double integer, NaN when it has none: FIFO lots keep their
   * cost in doubles where they can (cost-basis.ts).
   */
  costMinor: number;
  /** Scale 10^28, signed. */
  cash: bigint;
  /** A trade's cash in minor units as an exact double integer, NaN when it has none (or for another type). */
  cashMinor: number;
  toCurrency?: string;
  toMinorUnit?: number;
  toCash?: bigint;
  /** A split's ratio as two positive integers (0n for every other type). */
  ratioNum: bigint;
  ratioDen: bigint;
}

const INSTANT_RE = /^(\d{4}-\d{2}-\d{2})T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;
const SYMBOL_RE = /^[A-Za-z0-9.^=_:/-]{1,32}$/;
const CODE_RE = /^[A-Z0-9]{2,10}$/;

// Dates repeat a lot (100,000 activities over ~3,650 days): remember the checked ones.
const dateCache = new Map<string, DateKey>();

/** An activity's date checked: its sort key and UTC day. */
export interface DateKey {
  key: string;
  day: number;
}

function dateKey(date: string): DateKey | undefined {
  if (date.length === 10) {
    let hit = dateCache.get(date);
    if (hit === undefined && isCalendarDate(date)) {
      if (dateCache.size > 100_000) dateCache.clear();
      dateCache.set(date, (hit = { key: date, day: dayNumber(date) }));
    }
    return hit;
  }
  const m = INSTANT_RE.exec(date);
  if (!m || !isCalendarDate(m[1]!)) return undefined;
  const ms = Date.parse(date);
  if (!Number.isFinite(ms)) return undefined;
  const key = new Date(ms).toISOString();
  return { key, day: dayNumber(key) };
}

// Fees and cash amounts repeat a lot ("1.25", "0", a monthly deposit): remember their scaled values per minor
// unit (BigInt values are immutable, so sharing them is safe), and the value in minor units as an exact double
// (NaN when it has none), which the last call leaves in lastMoney.minor.
const moneyCache: Map<string, { v: bigint; minor: number }>[] = [];
const lastMoney = { minor: NaN };

function money(text: unknown, minorUnit: number, field: string, allowZero: boolean): bigint | PortfolioError {
  const cache = (moneyCache[minorUnit] ??= new Map());
  const hit = typeof text === 'string' ? cache.get(text) : undefined;
  if (hit !== undefined && (allowZero || hit.v !== 0n)) {
    lastMoney.minor = hit.minor;
    return hit.v;
  }
  const v = typeof text === 'string' && !text.startsWith('-') ? parseUnits(text, minorUnit, lastScan) : undefined;
  if (v === undefined || (!allowZero && v === 0n)) {
    return { code: 'INVALID_AMOUNT', message: `${field} must be a ${allowZero ? 'non-negative' : 'positive'} decimal with at most ${minorUnit} fraction digits`, details: { field, value: text } };
  }
  const scaled = v * pow10(AMOUNT_DP - minorUnit);
  const minor = v <= MAX_EXACT_BIG ? Number(v) : NaN;
  if (cache.size > 10_000) cache.clear();
  cache.set(text as string, { v: scaled, minor });
  lastMoney.minor = minor;
  return scaled;
}

const MAX_EXACT_BIG = BigInt(MAX_EXACT);

function unit(code: unknown, minorUnits: MinorUnits): number | PortfolioError {
  const mu = typeof code === 'string' && code.length <= 10 && CODE_RE.test(code) ? minorUnits(code) : undefined;
  if (mu === undefined) return { code: 'UNKNOWN_CURRENCY', message: `unknown currency ${String(code)}`, details: { currency: code } };
  return mu;
}

const symbols = new Set<string>();
function validSymbol(symbol: string): boolean {
  if (symbols.has(symbol)) return true;
  if (!SYMBOL_RE.test(symbol)) return false;
  if (symbols.size > 100_000) symbols.clear();
  symbols.add(symbol);
  return true;
}

const isErr = (v: unknown): v is PortfolioError => typeof v === 'object' && v !== null && 'code' in v;

function bad(a: Activity, message: string, details?: Record<string, unknown>): { ok: false; error: PortfolioError } {
  return fail('INVALID_ACTIVITY', message, { id: a?.id, ...details });
}

function withId(a: Activity, e: PortfolioError): { ok: false; error: PortfolioError } {
  return { ok: false, error: { ...e, details: { id: a.id, ...e.details } } };
}

function parsed(a: Activity, when: { key: string; day: number }, currency: string, minorUnit: number, cash: bigint, into: ParsedActivity | undefined): ParsedActivity {
  if (into === undefined) {
    return {
      id: a.id,
      type: a.type,
      key: when.key,
      day: when.day,
      currency,
      minorUnit,
      symbol: undefined,
      lazy: false,
      quantity: 0n,
      qtyUnits: 0,
      qtyDigits: 0,
      price: 0n,
      priceUnits: 0,
      priceDigits: 0,
      grossMinor: NaN,
      feeMinor: NaN,
      gross: 0n,
      fee: 0n,
      costMinor: NaN,
      cash,
      cashMinor: NaN,
      toCurrency: undefined,
      toMinorUnit: undefined,
      toCash: undefined,
      ratioNum: 0n,
      ratioDen: 0n,
    };
  }
  into.id = a.id;
  into.type = a.type;
  into.key = when.key;
  into.day = when.day;
  into.currency = currency;
  into.minorUnit = minorUnit;
  into.symbol = undefined;
  into.lazy = false;
  into.quantity = 0n;
  into.qtyUnits = 0;
  into.qtyDigits = 0;
  into.price = 0n;
  into.priceUnits = 0;
  into.priceDigits = 0;
  into.grossMinor = NaN;
  into.feeMinor = NaN;
  into.gross = 0n;
  into.fee = 0n;
  into.costMinor = NaN;
  into.cash = cash;
  into.cashMinor = NaN;
  into.toCurrency = undefined;
  into.toMinorUnit = undefined;
  into.toCash = undefined;
  into.ratioNum = 0n;
  into.ratioDen = 0n;
  return into;
}

// With `into`, the result object is reused as well (100,000 results per snapshot that would each die young): read
// it before the next call.
const reused: { ok: true; data: ParsedActivity } = { ok: true, data: undefined as unknown as ParsedActivity };
function done(p: ParsedActivity, into: ParsedActivity | undefined): PortfolioResult<ParsedActivity> {
  if (into === undefined) return { ok: true, data: p };
  reused.data = p;
  return reused;
}

// No closures or object spreads on the success path: this runs 100,000 times per snapshot.
/**
 * Validates one activity; refuses rather than rounds (too many digits, zero quantity, unknown currency, bad date).
 * `into`: a record to overwrite instead of a new one, for a caller that is done with the previous activity before it
 * parses the next (the snapshot's forward pass: 100,000 records that would each die young); its result object is
 * then reused too.
 * `lean`: a trade whose figures all have exact doubles leaves its BigInts unbuilt (`lazy`, see ensureBig), for the
 * callers that work in doubles (cost-basis.ts, performance.ts): four BigInt allocations saved per trade.
 */
export function parseActivity(a: Activity, minorUnits: MinorUnits = isoMinorUnits, checkedDate?: DateKey, into?: ParsedActivity, lean = false): PortfolioResult<ParsedActivity> {
  if (!a || typeof a.id !== 'string' || a.id.length === 0) return bad(a, 'an activity needs an id');
  // `checkedDate`: what dateOrder already found for this activity's date (saves a second lookup per activity).
  const when = checkedDate ?? (typeof a.date === 'string' ? dateKey(a.date) : undefined);
  if (!when) return bad(a, 'date must be YYYY-MM-DD or an ISO instant', { date: a.date });
  switch (a.type) {
    case 'buy':
    case 'sell': {
      if (typeof a.symbol !== 'string' || !validSymbol(a.symbol)) return bad(a, 'a trade needs an instrument symbol');
      const mu = unit(a.currency, minorUnits);
      if (isErr(mu)) return withId(a, mu);
      // Scanned first; the BigInt is built here only for a text too long for a double (its zero test needs it).
      let quantity = 0n;
      const qOk = typeof a.quantity === 'string' && !a.quantity.startsWith('-') && scan(a.quantity, QTY_DP, lastScan);
      const qtyUnits = lastScan.units;
      const qtyDigits = lastScan.digits;
      if (qOk && qtyUnits !== qtyUnits) quantity = parseUnits(a.quantity, QTY_DP, lastScan)!;
      if (!qOk || qtyUnits === 0 || (qtyUnits !== qtyUnits && quantity === 0n)) {
        return withId(a, { code: 'INVALID_AMOUNT', message: 'quantity must be positive with at most 18 fraction digits', details: { value: a.quantity } });
      }
      let price = 0n;
      const pOk = typeof a.price === 'string' && !a.price.startsWith('-') && scan(a.price, PRICE_DP, lastScan);
      const priceUnits = lastScan.units;
      const priceDigits = lastScan.digits;
      if (pOk && priceUnits !== priceUnits) price = parseUnits(a.price, PRICE_DP, lastScan)!;
      if (!pOk || priceUnits === 0 || (priceUnits !== priceUnits && price === 0n)) {
        return withId(a, { code: 'INVALID_AMOUNT', message: 'price must be positive with at most 10 fraction digits', details: { value: a.price } });
      }
      const fee = money(a.fee ?? '0', mu, 'fee', true);
      if (isErr(fee)) return withId(a, fee);
      const feeMinor = lastMoney.minor;
      const buy = a.type === 'buy';
      // Brokers settle the trade value at the currency's minor unit: the one rounding rule, half-even (shared/decimal/round.ts).
      const grossMinor = settledMinor(qtyUnits, qtyDigits, priceUnits, priceDigits, mu);
      const costMinor = grossMinor + feeMinor; // NaN stays NaN; exactness is checked by the one who uses it
      const exact = costMinor <= MAX_EXACT; // both terms exact, non-negative, and so every difference below too
      let gross = 0n;
      let cash = 0n;
      if (!(lean && exact)) {
        if (qtyUnits === qtyUnits) quantity = unitsOfDouble(qtyUnits, qtyDigits, QTY_DP);
        if (priceUnits === priceUnits) price = unitsOfDouble(priceUnits, priceDigits, PRICE_DP);
        gross = settledValue(quantity, price, qtyUnits, qtyDigits, priceUnits, priceDigits, mu);
        cash = buy ? -(gross + fee) : gross - fee;
      }
      const p = parsed(a, when, a.currency, mu, cash, into);
      p.symbol = a.symbol;
      p.lazy = lean && exact;
      p.quantity = quantity;
      p.qtyUnits = qtyUnits;
      p.qtyDigits = qtyDigits;
      p.price = price;
      p.priceUnits = priceUnits;
      p.priceDigits = priceDigits;
      p.grossMinor = grossMinor;
      p.feeMinor = feeMinor;
      p.gross = gross;
      p.fee = fee;
      p.costMinor = exact ? costMinor : NaN;
      p.cashMinor = exact ? (buy ? -costMinor : grossMinor - feeMinor) : NaN;
      return done(p, into);
    }
    case 'deposit':
    case 'withdrawal':
    case 'interest':
    case 'fee':
    case 'dividend': {
      const mu = unit(a.currency, minorUnits);
      if (isErr(mu)) return withId(a, mu);
      const amount = money(a.amount, mu, 'amount', false);
      if (isErr(amount)) return withId(a, amount);
      const outflow = a.type === 'withdrawal' || a.type === 'fee';
      const p = parsed(a, when, a.currency, mu, outflow ? -amount : amount, into);
      if (a.type === 'dividend' && typeof a.symbol === 'string') p.symbol = a.symbol;
      return done(p, into);
    }
    case 'fx-exchange': {
      const fromMu = unit(a.fromCurrency, minorUnits);
      if (isErr(fromMu)) return withId(a, fromMu);
      const toMu = unit(a.toCurrency, minorUnits);
      if (isErr(toMu)) return withId(a, toMu);
      if (a.fromCurrency === a.toCurrency) return bad(a, 'an FX exchange needs two different currencies');
      const from = money(a.fromAmount, fromMu, 'fromAmount', false);
      if (isErr(from)) return withId(a, from);
      const to = money(a.toAmount, toMu, 'toAmount', false);
      if (isErr(to)) return withId(a, to);
      const p = parsed(a, when, a.fromCurrency, fromMu, -from, into);
      p.toCurrency = a.toCurrency;
      p.toMinorUnit = toMu;
      p.toCash = to;
      return done(p, into);
    }
    case 'split': {
      if (typeof a.symbol !== 'string' || !validSymbol(a.symbol)) return bad(a, 'a split needs an instrument symbol');
      const n = typeof a.numerator === 'string' ? Dec.tryOf(a.numerator) : undefined;
      const d = typeof a.denominator === 'string' ? Dec.tryOf(a.denominator) : undefined;
      if (!n || !d || !n.isPos() || !d.isPos()) return bad(a, 'a split needs a ratio of two positive numbers', { numerator: a.numerator, denominator: a.denominator });
      const p = parsed(a, when, '', 0, 0n, into);
      p.symbol = a.symbol;
      p.ratioNum = n.n * pow10(d.s);
      p.ratioDen = d.n * pow10(n.s);
      return done(p, into);
    }
    default:
      return bad(a, `unknown activity type ${String((a as { type?: unknown }).type)}`);
  }
}

/** Builds a lazy trade's BigInts from its exact doubles (what parseActivity without `lean` gives); no-op otherwise. */
export function ensureBig(a: ParsedActivity): void {
  if (!a.lazy) return;
  const unit = pow10(AMOUNT_DP - a.minorUnit);
  a.quantity = unitsOfDouble(a.qtyUnits, a.qtyDigits, QTY_DP);
  a.price = unitsOfDouble(a.priceUnits, a.priceDigits, PRICE_DP);
  a.gross = BigInt(a.grossMinor) * unit;
  a.cash = BigInt(a.cashMinor) * unit;
  a.lazy = false;
}

/**
 * The date order of activities without parsing them (keys only; null when the input is already in order), so a
 * long history can be parsed one activity at a time as it is applied: parsed records then die young instead of
 * all 100,000 surviving into the old generation of the garbage collector.
 */
export function dateOrder(activities: readonly Activity[]): PortfolioResult<{ keys: string[]; dates: DateKey[]; order: Int32Array | null }> {
  const keys: string[] = new Array(activities.length);
  const dates: DateKey[] = new Array(activities.length);
  let sorted = true;
  for (let i = 0; i < activities.length; i++) {
    const a = activities[i]!;
    const when = a && typeof a.date === 'string' ? dateKey(a.date) : undefined;
    if (!when) return bad(a, 'date must be YYYY-MM-DD or an ISO instant', { date: a?.date });
    keys[i] = when.key;
    dates[i] = when;
    if (i > 0 && keys[i - 1]! > when.key) sorted = false;
  }
  if (sorted) return { ok: true, data: { keys, dates, order: null } };
  const order = Int32Array.from(keys.keys());
  order.sort((x, y) => (keys[x]! < keys[y]! ? -1 : keys[x]! > keys[y]! ? 1 : x - y));
  return { ok: true, data: { keys, dates, order } };
}

/**
 * Parses and orders activities: by date/instant, ties kept in input order (the service passes rows in insertion
 * order). Input already in order (ORDER BY date, seq) is detected in one pass and not re-sorted.
 */
export function parseActivities(activities: readonly Activity[], minorUnits: MinorUnits = isoMinorUnits): PortfolioResult<ParsedActivity[]> {
  const out: ParsedActivity[] = new Array(activities.length);
  let sorted = true;
  for (let i = 0; i < activities.length; i++) {
    const r = parseActivity(activities[i]!, minorUnits);
    if (!r.ok) return r;
    out[i] = r.data;
    if (i > 0 && out[i - 1]!.key > r.data.key) sorted = false;
  }
  if (!sorted) {
    const indexed = out.map((p, i) => ({ p, i }));
    indexed.sort((x, y) => (x.p.key < y.p.key ? -1 : x.p.key > y.p.key ? 1 : x.i - y.i));
    for (let i = 0; i < indexed.length; i++) out[i] = indexed[i]!.p;
  }
  return { ok: true, data: out };
}
