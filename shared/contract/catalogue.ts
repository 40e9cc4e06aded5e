import { z } from 'zod';
import { CurrencyCode, Empty } from './common.js';

export const CurrencyView = z.object({ code: z.string(), name: z.string(), minorUnit: z.number(), builtin: z.boolean(), inUse: z.boolean() });
export type CurrencyView = z.infer<typeof CurrencyView>;

export const InstrumentName = z.string().trim().min(1).max(100);
const Name = InstrumentName;
const MinorUnit = z.number().int().min(0).max(8);
/** Tickers (AAPL, VOD.L, BRK-B) and crypto pairs (BTC-USD); upper case, no spaces. */
export const InstrumentSymbol = z.string().min(1).max(32).regex(/^[A-Z0-9][A-Z0-9.^=_-]*$/, 'upper-case letters, digits and . ^ = _ -');
export const ProviderSymbols = z.record(z.string().regex(/^[a-z-]{2,32}$/), z.string().min(1).max(64)).refine((o) => Object.keys(o).length <= 20);

export const InstrumentView = z.object({
  id: z.number(),
  symbol: z.string(),
  name: z.string(),
  assetClass: z.enum(['stock', 'crypto']),
  quoteCurrency: z.string(),
  providerSymbols: z.record(z.string(), z.string()),
});
export type InstrumentView = z.infer<typeof InstrumentView>;

export const catalogueChannels = {
  'currency:list': { auth: 'session', request: Empty, response: z.array(CurrencyView) },
  'currency:add': {
    auth: 'session',
    request: z.strictObject({ code: CurrencyCode, name: Name, minorUnit: MinorUnit }),
    response: CurrencyView,
  },
  'currency:update': {
    auth: 'session',
    request: z.strictObject({ code: CurrencyCode, name: Name.optional(), minorUnit: MinorUnit.optional() }),
    response: CurrencyView,
  },
  'currency:remove': { auth: 'session', request: z.strictObject({ code: CurrencyCode }), response: z.object({ code: z.string() }) },
  'instrument:list': { auth: 'session', request: Empty, response: z.array(InstrumentView) },
  'instrument:add': {
    auth: 'session',
    request: z.strictObject({
      symbol: InstrumentSymbol,
      name: Name,
      assetClass: z.enum(['stock', 'crypto']),
      quoteCurrency: CurrencyCode,
      providerSymbols: ProviderSymbols.optional(),
    }),
    response: InstrumentView,
  },
  'instrument:update': {
    auth: 'session',
    request: z.strictObject({
      id: z.number().int().positive(),
      name: Name.optional(),
      quoteCurrency: CurrencyCode.optional(),
      providerSymbols: ProviderSymbols.optional(),
    }),
    response: InstrumentView,
  },
  'instrument:remove': { auth: 'session', request: z.strictObject({ id: z.number().int().positive() }), response: z.object({ id: z.number() }) },
} as const;
