import { findCurrency } from '../../../shared/currencies.js';
import { Dec } from '../../../shared/decimal/index.js';
import { inBase } from './base.js';
import { CALENDAR_YEAR, DEFAULT_HOLDING_DAYS, inTaxYear, taxYearRange, termOf, type TaxYearStart } from '../../../shared/lots/tax-year.js';
import type { ClosedLot, FxLookup } from '../../../shared/lots/types.js';

/** One closed lot of the realized-gains report; amounts are decimal strings at their currency's minor unit. */
export interface RealizedRow {
  accountId: string;
  symbol: string;
  quantity: string;
  acquired: string;
  sold: string;
  currency: string;
  proceeds: string;
  cost: string;
  fees: string;
  gain: string;
  term: 'short' | 'long';
  /** Null when no rate is known for the acquisition or the sale date (the row is then named in `missingFx`). */
  baseProceeds: string | null;
  baseCost: string | null;
  baseGain: string | null;
}

export interface MissingFx {
  currency: string;
  date: string;
}

/** Totals in the base currency, over the rows whose base figures are known. */
export interface RealizedReport {
  rows: RealizedRow[];
  totals: { proceeds: string; cost: string; fees: string; gain: string; shortTermGain: string; longTermGain: string };
  missingFx: MissingFx[];
}

export interface ReportOptions {
  year: number;
  baseCurrency: string;
  fx: FxLookup;
  /** Only these accounts; all when absent. */
  accountIds?: readonly string[];
  taxYearStart?: TaxYearStart;
  holdingDays?: number;
  minorUnit?: (currency: string) => number;
}

const isoMinor = (c: string): number => findCurrency(c)?.minorUnit ?? 2;

/**
 * The realized gains of a tax year: every lot closed by a sell dated in it, short or long term, sorted by sale date,
 * account, symbol and acquisition date; totals in the base currency are the sums of the rows' rounded figures, so a
 * reader adding up the rows gets the totals to the cent.
 */
export function realizedReport(closed: readonly ClosedLot[], o: ReportOptions): RealizedReport {
  const range = taxYearRange(o.year, o.taxYearStart ?? CALENDAR_YEAR);
  const accounts = o.accountIds ? new Set(o.accountIds) : undefined;
  const minor = o.minorUnit ?? isoMinor;
  const bdp = minor(o.baseCurrency);
  const holding = o.holdingDays ?? DEFAULT_HOLDING_DAYS;
  const picked = closed
    .filter((c) => inTaxYear(c.sold, range) && (!accounts || accounts.has(c.accountId)))
    .sort((a, b) => cmp(a.sold, b.sold) || cmp(a.accountId, b.accountId) || cmp(a.symbol, b.symbol) || cmp(a.acquired, b.acquired));
  const t = { proceeds: Dec.ZERO, cost: Dec.ZERO, fees: Dec.ZERO, short: Dec.ZERO, long: Dec.ZERO };
  const missing = new Map<string, MissingFx>();
  const rows = picked.map((c): RealizedRow => {
    const dp = minor(c.currency);
    const b = inBase(c, o.baseCurrency, o.fx, minor);
    const term = termOf(c.acquired, c.sold, holding);
    if (b.baseGain && b.baseCost && b.baseProceeds && b.baseFees) {
      t.proceeds = t.proceeds.plus(b.baseProceeds);
      t.cost = t.cost.plus(b.baseCost);
      t.fees = t.fees.plus(b.baseFees);
      if (term === 'long') t.long = t.long.plus(b.baseGain);
      else t.short = t.short.plus(b.baseGain);
    } else {
      for (const date of [c.acquired, c.sold]) if (!o.fx(c.currency, o.baseCurrency, date)) missing.set(`${c.currency} ${date}`, { currency: c.currency, date });
    }
    return {
      accountId: c.accountId,
      symbol: c.symbol,
      quantity: c.quantity.toFixed(),
      acquired: c.acquired,
      sold: c.sold,
      currency: c.currency,
      proceeds: c.proceeds.toFixed(dp),
      cost: c.cost.toFixed(dp),
      fees: c.fees.toFixed(dp),
      gain: c.gain.toFixed(dp),
      term,
      baseProceeds: b.baseProceeds?.toFixed(bdp) ?? null,
      baseCost: b.baseCost?.toFixed(bdp) ?? null,
      baseGain: b.baseGain?.toFixed(bdp) ?? null,
    };
  });
  return {
    rows,
    totals: {
      proceeds: t.proceeds.toFixed(bdp),
      cost: t.cost.toFixed(bdp),
      fees: t.fees.toFixed(bdp),
      gain: t.short.plus(t.long).toFixed(bdp),
      shortTermGain: t.short.toFixed(bdp),
      longTermGain: t.long.toFixed(bdp),
    },
    missingFx: [...missing.values()],
  };
}

/** A dividend, interest or fee booked to an account; `amount` is positive, in `currency`. */
export interface IncomeEvent {
  accountId: string;
  date: string;
  type: 'dividend' | 'interest' | 'fee';
  currency: string;
  amount: string;
  symbol?: string;
}

export interface IncomeRow {
  accountId: string;
  date: string;
  type: 'dividend' | 'interest' | 'fee';
  symbol: string | null;
  currency: string;
  amount: string;
  /** At the rate of its own date; null when none is known (named in `missingFx`). */
  baseAmount: string | null;
}

/** Totals in the base currency; net = dividends + interest − fees. */
export interface IncomeReport {
  rows: IncomeRow[];
  totals: { dividends: string; interest: string; fees: string; net: string };
  missingFx: MissingFx[];
}

/** Dividends, interest and fees of a tax year, each at its own date's rate, in date order. */
export function incomeReport(events: readonly IncomeEvent[], o: ReportOptions): IncomeReport {
  const range = taxYearRange(o.year, o.taxYearStart ?? CALENDAR_YEAR);
  const accounts = o.accountIds ? new Set(o.accountIds) : undefined;
  const minor = o.minorUnit ?? isoMinor;
  const bdp = minor(o.baseCurrency);
  const sums = { dividend: Dec.ZERO, interest: Dec.ZERO, fee: Dec.ZERO };
  const missing = new Map<string, MissingFx>();
  const rows = events
    .filter((e) => inTaxYear(e.date, range) && (!accounts || accounts.has(e.accountId)))
    .sort((a, b) => cmp(a.date, b.date) || cmp(a.accountId, b.accountId))
    .map((e): IncomeRow => {
      const amount = Dec.of(e.amount);
      const r = e.currency === o.baseCurrency ? Dec.ONE : o.fx(e.currency, o.baseCurrency, e.date);
      const base = r ? amount.times(r).round(bdp) : undefined;
      if (base) sums[e.type] = sums[e.type].plus(base);
      else missing.set(`${e.currency} ${e.date}`, { currency: e.currency, date: e.date });
      return {
        accountId: e.accountId,
        date: e.date,
        type: e.type,
        symbol: e.symbol ?? null,
        currency: e.currency,
        amount: amount.toFixed(minor(e.currency)),
        baseAmount: base?.toFixed(bdp) ?? null,
      };
    });
  return {
    rows,
    totals: {
      dividends: sums.dividend.toFixed(bdp),
      interest: sums.interest.toFixed(bdp),
      fees: sums.fee.toFixed(bdp),
      net: sums.dividend.plus(sums.interest).minus(sums.fee).toFixed(bdp),
    },
    missingFx: [...missing.values()],
  };
}

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
