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
  method: z.enum(['fifo', 'average']),
  /** When the snapshot was made (ISO instant); holdings are valued on its UTC calendar day. */
  asOf: z.string(),
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

export const portfolioChannels = {
  /** `accountIds`: the accounts the snapshot covers (every account when absent). */
  'portfolio:snapshot': { auth: 'session', request: z.strictObject({ accountIds: z.array(AccountId).max(100).optional() }), response: PortfolioSnapshot },
} as const;
