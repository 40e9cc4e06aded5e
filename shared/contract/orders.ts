import { z } from 'zod';
import { AccountId, Amount, IdempotencyKey, IsoTime } from './common.js';
import { InstrumentSymbol } from './catalogue.js';
import { LedgerEntry } from './wallet.js';

/** Order states (shared/orders/state.ts holds the transitions). */
export const OrderState = z.enum(['pending', 'aggregating', 'open', 'filled', 'cancelled', 'rejected', 'failed']);
export const OrderSide = z.enum(['buy', 'sell']);
export const OrderType = z.enum(['market', 'limit']);

/** What the user asks for: exactly one of quantity (instrument units) or amount (quote currency). */
const OrderTerms = z.strictObject({
  symbol: InstrumentSymbol,
  side: OrderSide,
  type: OrderType,
  quantity: Amount.optional(),
  amount: Amount.optional(),
  limitPrice: Amount.optional(),
  /** The account that pays and receives (a paper account on the paper venue); the default account when absent. */
  accountId: AccountId.optional(),
});

function termsRule<T extends z.infer<typeof OrderTerms>>(o: T, ctx: z.RefinementCtx): void {
  if ((o.quantity === undefined) === (o.amount === undefined)) {
    ctx.addIssue({ code: 'custom', path: ['quantity'], message: 'give either a quantity or an amount' });
  }
  if (o.type === 'limit' && o.limitPrice === undefined) ctx.addIssue({ code: 'custom', path: ['limitPrice'], message: 'a limit order needs a limit price' });
  if (o.type === 'market' && o.limitPrice !== undefined) ctx.addIssue({ code: 'custom', path: ['limitPrice'], message: 'a market order has no limit price' });
}

/** The order form asks as the user types: without a size yet it gets the price, the wallet and the holding only. */
export const OrderQuoteRequest = OrderTerms.superRefine((o, ctx) => {
  if (o.quantity !== undefined && o.amount !== undefined) ctx.addIssue({ code: 'custom', path: ['quantity'], message: 'give either a quantity or an amount' });
  if (o.type === 'market' && o.limitPrice !== undefined) ctx.addIssue({ code: 'custom', path: ['limitPrice'], message: 'a market order has no limit price' });
});

export const OrderPlaceRequest = OrderTerms.extend({
  /** The user confirmed a price far from the last close (PRICE_NEEDS_CONFIRMATION). */
  confirm: z.boolean().optional(),
  idempotencyKey: IdempotencyKey,
}).superRefine(termsRule);
export type OrderPlaceRequest = z.infer<typeof OrderPlaceRequest>;

export const OrderView = z.object({
  id: z.string(),
  symbol: z.string(),
  side: OrderSide,
  type: OrderType,
  /** As asked; an order by amount has quantity null until it fills. */
  quantity: z.string().nullable(),
  amount: z.string().nullable(),
  limitPrice: z.string().nullable(),
  currency: z.string(),
  state: OrderState,
  /** Cash held for an unfilled buy (quote currency), or units held for an unfilled sell. */
  reserved: z.string(),
  filledQuantity: z.string(),
  averagePrice: z.string().nullable(),
  /** Gross value of the fills, their fee, and the cash moved (buy: gross + fee paid; sell: gross − fee received). */
  gross: z.string(),
  fee: z.string(),
  total: z.string(),
  venue: z.string(),
  /** The aggregation book while aggregating (and the one it filled through). */
  book: z.string().nullable(),
  /** Why it was rejected, failed or cancelled. */
  reason: z.string().nullable(),
  createdAt: IsoTime,
  updatedAt: IsoTime,
});
export type OrderView = z.infer<typeof OrderView>;

export const FillView = z.object({
  id: z.number(),
  quantity: z.string(),
  price: z.string(),
  gross: z.string(),
  fee: z.string(),
  /** The venue's order this fill came from (one aggregated venue order fills several of ours). */
  venueOrderId: z.string(),
  createdAt: IsoTime,
});
export type FillView = z.infer<typeof FillView>;

export const OrderEventView = z.object({ state: OrderState, at: IsoTime, note: z.string().nullable() });

export const OrderDetail = OrderView.extend({
  fills: z.array(FillView),
  ledger: z.array(LedgerEntry),
  events: z.array(OrderEventView),
});
export type OrderDetail = z.infer<typeof OrderDetail>;

/** The order form's figures: the live price and its age, the estimate with fees, what the user has. */
export const OrderQuote = z.object({
  symbol: z.string(),
  currency: z.string(),
  price: z.string().nullable(),
  priceTs: z.number().nullable(),
  source: z.string().nullable(),
  simulated: z.boolean(),
  stale: z.boolean(),
  estimate: z
    .object({ executionPrice: z.string(), quantity: z.string(), gross: z.string(), fee: z.string(), total: z.string() })
    .nullable(),
  /** Why there is no estimate (no price yet, amount too small, …). */
  problem: z.string().nullable(),
  cash: z.object({ balance: z.string(), reserved: z.string(), available: z.string() }),
  holding: z.object({ quantity: z.string(), reserved: z.string(), available: z.string() }),
  /** Below the aggregation threshold: the order would wait in the book. */
  aggregated: z.boolean(),
});
export type OrderQuote = z.infer<typeof OrderQuote>;

export const ordersChannels = {
  'orders:quote': { auth: 'session', request: OrderQuoteRequest, response: OrderQuote },
  'orders:place': { auth: 'session', request: OrderPlaceRequest, response: OrderView },
  'orders:cancel': {
    auth: 'session',
    request: z.strictObject({ id: z.string().min(1).max(64), idempotencyKey: IdempotencyKey }),
    response: OrderView,
  },
  'orders:list': {
    auth: 'session',
    request: z.strictObject({
      states: z.array(OrderState).max(7).optional(),
      symbol: InstrumentSymbol.optional(),
      limit: z.number().int().min(1).max(500).optional(),
      /** Keyset paging: orders created before this one. */
      before: z.string().min(1).max(64).optional(),
    }),
    response: z.array(OrderView),
  },
  'orders:get': { auth: 'session', request: z.strictObject({ id: z.string().min(1).max(64) }), response: OrderDetail },
} as const;
