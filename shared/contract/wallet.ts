import { z } from 'zod';
import { AccountId, Amount, CurrencyCode, IdempotencyKey, Note } from './common.js';

export const LedgerEntry = z.object({
  id: z.number(),
  currency: z.string(),
  /** deposit/withdrawal (wallet screen); buy/sell (fills); the rest from recorded activities. */
  kind: z.enum(['deposit', 'withdrawal', 'buy', 'sell', 'dividend', 'interest', 'fee', 'fx-exchange']),
  /** Signed decimal string: deposits positive, withdrawals negative. */
  amount: z.string(),
  balanceAfter: z.string(),
  note: z.string().nullable(),
  createdAt: z.string(),
  /** The order whose fill moved the cash, if any. */
  orderId: z.string().nullable().optional(),
});
export type LedgerEntry = z.infer<typeof LedgerEntry>;

export const Wallet = z.object({
  /** The account holding it (wallets are per account and currency). */
  accountId: z.string(),
  currency: z.string(),
  name: z.string(),
  minorUnit: z.number(),
  balance: z.string(),
  /** Held by unfilled buy orders. */
  reserved: z.string(),
  /** What a withdrawal or a new buy can use: balance − reserved. */
  available: z.string(),
  latest: z.array(LedgerEntry),
});
export type Wallet = z.infer<typeof Wallet>;

export const MoneyRequest = z.strictObject({
  /** The profile's default account when absent. */
  accountId: AccountId.optional(),
  currency: CurrencyCode,
  amount: Amount,
  note: Note.optional(),
  idempotencyKey: IdempotencyKey,
});
export type MoneyRequest = z.infer<typeof MoneyRequest>;

export const MoneyResult = z.object({ entry: LedgerEntry, balance: z.string() });

export const walletChannels = {
  'wallet:list': {
    auth: 'session',
    request: z.strictObject({ latest: z.number().int().min(0).max(50).optional(), accountId: AccountId.optional() }),
    response: z.array(Wallet),
  },
  'wallet:open': { auth: 'session', request: z.strictObject({ currency: CurrencyCode, accountId: AccountId.optional() }), response: Wallet },
  'wallet:deposit': { auth: 'session', request: MoneyRequest, response: MoneyResult },
  'wallet:withdraw': { auth: 'session', request: MoneyRequest, response: MoneyResult },
  'wallet:entries': {
    auth: 'session',
    request: z.strictObject({
      accountId: AccountId.optional(),
      currency: CurrencyCode,
      limit: z.number().int().min(1).max(500).optional(),
      beforeId: z.number().int().positive().optional(),
    }),
    response: z.array(LedgerEntry),
  },
} as const;
