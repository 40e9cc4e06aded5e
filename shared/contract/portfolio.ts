import { z } from 'zod';
import { AccountId } from './common.js';

const Money = z.string();
const Nullable = z.string().nullable();

export const HoldingView = z.object({
  symbol: z.string(),
  name: z.string(),
  assetClass: z.string(),
  currency: z.string(),
  quantity: z.string(),
  averageCost: Nullable,
  totalCost: Money,
  /** The mark: the live price when there is one, else the last stored close. */
  price: Nullable,
  priceTs: z.number().nullable(),
  priceSource: Nullable,
  simulated: z.boolean(),
  stale: z.boolean(),
  marketValue: Nullable,
  marketValueBase: Nullable,
  unrealizedPnl: Nullable,
  unrealizedPnlBase: Nullable,
  unrealizedPnlRatio: Nullable,
  dayChange: Nullable,
  dayChangeBase: Nullable,
  realizedPnl: Money,
});
export type HoldingView = z.infer<typeof HoldingView>;

export const CashView = z.object({ currency: z.string(), balance: Money, reserved: Money, available: Money, valueBase: Nullable });
export type CashView = z.infer<typeof CashView>;

const Allocation = z.array(z.object({ key: z.string(), value: Money, weight: z.string() }));

export const TwrView = z.object({ start: z.string(), end: z.string(), twr: z.string(), clamped: z.boolean() }).nullable();

export const PortfolioSnapshot = z.object({
  baseCurrency: z.string(),
  /**
   * The cost-basis method of the figures: each account's own (docs/design.md#lots); the one they share, or `mixed`
   * when the accounts in the snapshot use different ones.
   */
  method: z.enum(['fifo', 'lifo', 'hifo', 'average', 'mixed']),
  /** When the snapshot was made (ISO instant); holdings are valued on its UTC calendar day. */
  asOf: z.string(),
  /**
   * Present only on figures kept from an earlier session (asked with `kept: true`): computed at `computedAt` (ISO
   * instant), never live; the next request of the live snapshot answers the fresh one.
   */
  kept: z.object({ computedAt: z.string() }).optional(),
  /** The oldest price behind the marks (ms since epoch), so the screen can say how old the figures are. */
  oldestPriceTs: z.number().nullable(),
  holdings: z.array(HoldingView),
  cash: z.array(CashView),
  totals: z.object({ value: Money, holdings: Money, cash: Money, unrealizedPnl: Money, realizedPnl: Money, dayChange: Money }),
  /** Realized P&L per year and currency. */
  realizedByYear: z.array(z.object({ year: z.string(), currency: z.string(), amount: Money })),
  allocation: z.object({ byAssetClass: Allocation, byCurrency: Allocation, byHolding: Allocation }),
  /** Daily value (base currency) and external flows. */
  series: z.array(z.object({ date: z.string(), value: Money, flow: Money })),
  returns: z.object({ '1M': TwrView, '3M': TwrView, YTD: TwrView, '1Y': TwrView, Max: TwrView }),
  warnings: z.object({
    /** Symbols valued at a trade's price on some day of the series because no close was stored yet. */
    pricedAtTrade: z.array(z.string()),
    /** Currencies without any stored rate on some day (left out of that day's value rather than converted later). */
    missingFx: z.array(z.string()),
    /** Open holdings with neither a live price nor a stored close: marked at their latest trade's price. */
    missingPrices: z.array(z.string()),
    /** Currencies whose wallet balance differs from the cash the activity log adds up to (a bookkeeping fault). */
    cashMismatch: z.array(z.string()),
    /**
     * Currencies valued today at a stored rate more than a week old (no live rate, and nothing newer stored, e.g.
     * offline with only the bundled history): the rate carried forward and the day it was published.
     */
    staleFx: z.array(z.object({ currency: z.string(), date: z.string() })),
  }),
});
export type PortfolioSnapshot = z.infer<typeof PortfolioSnapshot>;

/** A day, YYYY-MM-DD. */
const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date such as 2024-03-31');

/**
 * Which accounts, and which day: all accounts and today when absent (the live snapshot). With either, the snapshot is
 * of those accounts at the end of that day: its holdings and cost by each account's cost-basis method (the lots),
 * marked at the day's close and converted at the day's rate (docs/design.md#the-portfolio-by-account-and-date).
 */
export const PortfolioRequest = z.strictObject({
  accountIds: z.array(AccountId).min(1).max(100).optional(),
  asOf: Day.optional(),
  /**
   * The live snapshot only: when none was computed yet in this session, the answer may be the one kept from the last
   * (marked `kept`) while the fresh one is computed (docs/design.md#the-kept-snapshot).
   */
  kept: z.boolean().optional(),
});
export type PortfolioRequest = z.infer<typeof PortfolioRequest>;

/** One account's part of a snapshot by account and date, in the base currency. */
export const AccountTotals = z.object({
  accountId: z.string(),
  name: z.string(),
  holdings: z.array(
    z.object({
      symbol: z.string(),
      currency: z.string(),
      quantity: z.string(),
      /** By the account's cost-basis method, in the instrument's currency. */
      cost: Money,
      /** The close of the day (or the last before it) and its date; null when none is stored. */
      price: Nullable,
      priceDate: Nullable,
      marketValue: Nullable,
      marketValueBase: Nullable,
      costBase: Nullable,
    }),
  ),
  cash: z.array(z.object({ currency: z.string(), balance: Money, valueBase: Nullable })),
  /** Sums of the rows' base figures; a row without a price or rate is left out (and named in the warnings). */
  totals: z.object({ holdings: Money, cash: Money, value: Money }),
});
export type AccountTotals = z.infer<typeof AccountTotals>;

export const PortfolioByAccount = PortfolioSnapshot.extend({
  /** The day the figures are of. */
  date: z.string(),
  accounts: z.array(AccountTotals),
});
export type PortfolioByAccount = z.infer<typeof PortfolioByAccount>;

export const portfolioChannels = {
  /** Without accountIds and asOf the live snapshot (as before); with either, `date` and `accounts` come too. */
  'portfolio:snapshot': { auth: 'session', request: PortfolioRequest, response: z.union([PortfolioByAccount, PortfolioSnapshot]) },
  /**
   * The snapshot by account and date as CSV (RFC 4180): one row per account and holding, then one per account and
   * cash currency; `currency: 'base'` values in the base currency, `'instrument'` in each instrument's own currency.
   */
  'portfolio:export': {
    auth: 'session',
    request: PortfolioRequest.extend({ currency: z.enum(['base', 'instrument']) }),
    response: z.object({ filename: z.string(), csv: z.string() }),
  },
} as const;
