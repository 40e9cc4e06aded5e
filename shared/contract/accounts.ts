import { z } from 'zod';
import { ActivityView, CalendarDate } from './activities.js';
import { InstrumentSymbol } from './catalogue.js';
import { AccountId, Amount, CurrencyCode, IdempotencyKey, Note } from './common.js';

export const AccountKind = z.enum(['brokerage', 'bank', 'crypto', 'paper', 'other']);
export type AccountKind = z.infer<typeof AccountKind>;

/** How a sell in the account picks its lots (docs/design.md#lots). */
export const AccountCostMethod = z.enum(['fifo', 'lifo', 'hifo', 'average']);


const Name = z.string().trim().min(1).max(80);
const Institution = z.string().trim().max(120);

export const Account = z.object({
  id: z.string(),
  name: z.string(),
  kind: AccountKind,
  institution: z.string().nullable(),
  costMethod: AccountCostMethod,
  archived: z.boolean(),
  /** Where a request without an `accountId` goes; it cannot be archived. */
  isDefault: z.boolean(),
});
export type Account = z.infer<typeof Account>;

/** What an account holds now: its wallets' balances and the units of each instrument (positions held, not zero). */
export const AccountBalances = z.object({
  accountId: z.string(),
  cash: z.array(z.object({ currency: z.string(), balance: z.string(), reserved: z.string() })),
  units: z.array(z.object({ symbol: z.string(), quantity: z.string(), reserved: z.string() })),
});
export type AccountBalances = z.infer<typeof AccountBalances>;

export const accountChannels = {
  'account:balances': { auth: 'session', request: z.strictObject({}), response: z.array(AccountBalances) },
  'account:list': {
    auth: 'session',
    request: z.strictObject({ includeArchived: z.boolean().optional() }),
    response: z.array(Account),
  },
  'account:create': {
    auth: 'session',
    request: z.strictObject({ name: Name, kind: AccountKind, institution: Institution.optional(), costMethod: AccountCostMethod.optional() }),
    response: Account,
  },
  'account:update': {
    auth: 'session',
    request: z.strictObject({ id: AccountId, name: Name.optional(), institution: Institution.nullable().optional(), costMethod: AccountCostMethod.optional() }),
    response: Account,
  },
  'account:archive': { auth: 'session', request: z.strictObject({ id: AccountId }), response: Account },
} as const;

/**
 * A transfer between two accounts of the profile: cash in one currency, cash paid in one currency and received in
 * another at the rate actually paid (`toCurrency` + `toAmount`), or units of an instrument with their lots.
 */
export const AccountTransferRequest = z
  .strictObject({
    fromAccountId: AccountId,
    toAccountId: AccountId,
    date: CalendarDate,
    idempotencyKey: IdempotencyKey,
    note: Note.optional(),
    currency: CurrencyCode.optional(),
    amount: Amount.optional(),
    toCurrency: CurrencyCode.optional(),
    toAmount: Amount.optional(),
    symbol: InstrumentSymbol.optional(),
    quantity: Amount.optional(),
  })
  .refine((r) => (r.currency !== undefined && r.amount !== undefined && r.symbol === undefined && r.quantity === undefined) || (r.symbol !== undefined && r.quantity !== undefined && r.currency === undefined && r.amount === undefined && r.toCurrency === undefined && r.toAmount === undefined), {
    message: 'either currency and amount, or symbol and quantity',
  })
  .refine((r) => (r.toCurrency === undefined) === (r.toAmount === undefined), { message: 'toCurrency and toAmount go together' });
export type AccountTransferRequest = z.infer<typeof AccountTransferRequest>;

export const AccountTransferResult = z.object({ from: ActivityView, to: ActivityView });

export const accountTransferChannels = {
  'account:transfer': { auth: 'session', request: AccountTransferRequest, response: AccountTransferResult },
} as const;
