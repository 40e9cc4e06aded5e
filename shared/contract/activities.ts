import { z } from 'zod';
import { AccountId, Amount, CurrencyCode, IdempotencyKey, IsoTime, Note } from './common.js';
import { InstrumentSymbol } from './catalogue.js';

/** A calendar day, YYYY-MM-DD (checked to be a real date by the service). */
export const CalendarDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date such as 2024-03-31');

/** `accountId`: the profile's default account when absent. */
const Base = { date: CalendarDate, note: Note.optional(), idempotencyKey: IdempotencyKey, accountId: AccountId.optional() };

/** A corporate action belongs to the instrument: it applies to every account holding it, so it names no account. */
const CorporateBase = { date: CalendarDate, note: Note.optional(), idempotencyKey: IdempotencyKey };

/** A positive whole number or decimal of a ratio ("2", "1", "10", "1.5"). */
const RatioTerm = z.string().regex(/^\d{1,12}(\.\d{1,8})?$/, 'a positive number such as 2 or 1.5');

/**
 * Outside activity of a real portfolio (docs/design.md#outside-activity), each at a chosen past date and price. Every
 * one moves the wallets it names exactly as it says (a recorded buy pays from the wallet of its currency), so the
 * wallets stay equal to their ledgers and the portfolio's cash equals the wallets.
 */
export const ActivityRecordRequest = z.discriminatedUnion('type', [
  z.strictObject({ type: z.enum(['buy', 'sell']), symbol: InstrumentSymbol, quantity: Amount, price: Amount, fee: Amount.optional(), ...Base }),
  z.strictObject({ type: z.enum(['deposit', 'withdrawal', 'interest', 'fee']), currency: CurrencyCode, amount: Amount, ...Base }),
  z.strictObject({ type: z.literal('dividend'), currency: CurrencyCode, amount: Amount, symbol: InstrumentSymbol.optional(), ...Base }),
  z.strictObject({
    type: z.literal('fx-exchange'),
    fromCurrency: CurrencyCode,
    fromAmount: Amount,
    toCurrency: CurrencyCode,
    toAmount: Amount,
    ...Base,
  }),
  /**
   * Corporate actions (docs/design.md#corporate-actions), effective at the start of `date`: a split of
   * numerator-for-denominator (2-for-1: "2" and "1"; a 1-for-10 reverse split: "1" and "10"); a stock dividend of
   * `numerator` new units for every `denominator` held; a symbol change to `newSymbol`. Units change, cost never.
   */
  z.strictObject({ type: z.enum(['split', 'stock-dividend']), symbol: InstrumentSymbol, numerator: RatioTerm, denominator: RatioTerm, ...CorporateBase }),
  z.strictObject({ type: z.literal('symbol-change'), symbol: InstrumentSymbol, newSymbol: InstrumentSymbol, ...CorporateBase }),
]);
export type ActivityRecordRequest = z.infer<typeof ActivityRecordRequest>;

/**
 * transfer-out / transfer-in: units moved between two accounts with their lots (account:transfer); no cash moves.
 * split, stock-dividend, symbol-change: corporate actions.
 */
export const ActivityType = z.enum([
  'buy', 'sell', 'deposit', 'withdrawal', 'dividend', 'interest', 'fee', 'fx-exchange',
  'split', 'stock-dividend', 'symbol-change', 'transfer-out', 'transfer-in',
]);

/** The corporate actions among the activity types: they move units of every account, never cash. */
export const CORPORATE_ACTION_TYPES = ['split', 'stock-dividend', 'symbol-change'] as const;
export type CorporateActionType = (typeof CORPORATE_ACTION_TYPES)[number];
export function isCorporateAction(type: string): type is CorporateActionType {
  return (CORPORATE_ACTION_TYPES as readonly string[]).includes(type);
}

export const ActivityView = z.object({
  id: z.string(),
  type: ActivityType,
  date: z.string(),
  symbol: z.string().nullable(),
  quantity: z.string().nullable(),
  price: z.string().nullable(),
  fee: z.string().nullable(),
  /** The cash side: the wallet it moved (the paying side of an fx-exchange). */
  currency: z.string(),
  /** Signed change of that wallet. */
  amount: z.string(),
  toCurrency: z.string().nullable(),
  toAmount: z.string().nullable(),
  /** The FX rate paid (toAmount / fromAmount) of an fx-exchange. */
  rate: z.string().nullable(),
  orderId: z.string().nullable(),
  /** 'order' (a fill of an order placed in Bourse), 'wallet' (deposit/withdrawal screen), 'manual' (recorded). */
  source: z.enum(['order', 'wallet', 'manual']),
  note: z.string().nullable(),
  createdAt: IsoTime,
  /** A split's or stock dividend's ratio. */
  numerator: z.string().optional(),
  denominator: z.string().optional(),
  /** A symbol change's new symbol. */
  newSymbol: z.string().optional(),
  /** The account it belongs to (a corporate action belongs to the instrument: none). */
  accountId: z.string().optional(),
  /**
   * A move between two accounts of the profile, seen from this row: a transfer of units (`transfer-out` and its
   * `transfer-in`), or a cash transfer (account:transfer's withdrawal and deposit, written together).
   */
  transfer: z.object({ fromAccountId: z.string(), toAccountId: z.string() }).optional(),
});
export type ActivityView = z.infer<typeof ActivityView>;

export const activityChannels = {
  'activity:record': { auth: 'session', request: ActivityRecordRequest, response: ActivityView },
  'activity:list': {
    auth: 'session',
    request: z.strictObject({
      symbol: InstrumentSymbol.optional(),
      limit: z.number().int().min(1).max(500).optional(),
      /** Keyset paging: activities before this id (newest first). */
      before: z.string().min(1).max(64).optional(),
    }),
    response: z.array(ActivityView),
  },
} as const;
