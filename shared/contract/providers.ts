import { z } from 'zod';

const ProviderIdSchema = z.string().regex(/^[a-z-]{2,32}$/);
const AssetClassSchema = z.enum(['fx', 'crypto', 'stock']);

export const ProviderView = z.object({
  id: z.string(),
  name: z.string(),
  enabled: z.boolean(),
  needsKey: z.boolean(),
  /** `••••1234` when a key is stored; the key itself never leaves main. */
  keyHint: z.string().nullable(),
  baseUrl: z.string(),
  defaultBaseUrl: z.string(),
  /** The env variable that overrides the base URL (BOURSE_<PROVIDER>_URL). */
  envVar: z.string(),
});
export type ProviderView = z.infer<typeof ProviderView>;

export const ProvidersView = z.object({
  fx: z.array(ProviderView),
  crypto: z.array(ProviderView),
  stock: z.array(ProviderView),
  keysEncrypted: z.boolean(),
});
export type ProvidersView = z.infer<typeof ProvidersView>;

export const providerChannels = {
  'providers:list': { auth: 'session', request: z.strictObject({}), response: ProvidersView },
  /** Reorders one asset class (ids in the new order) and applies per-provider changes. */
  'providers:update': {
    auth: 'session',
    request: z.strictObject({
      assetClass: AssetClassSchema,
      order: z.array(ProviderIdSchema).max(20).optional(),
      changes: z
        .array(
          z.strictObject({
            id: ProviderIdSchema,
            enabled: z.boolean().optional(),
            /** Empty string restores the default. */
            baseUrl: z.union([z.literal(''), z.url({ protocol: /^https?$/ }).max(500)]).optional(),
            /** Empty string removes the stored key. */
            apiKey: z.string().max(200).regex(/^[\x21-\x7e]*$/, 'printable characters without spaces').optional(),
          }),
        )
        .max(20)
        .optional(),
    }),
    response: ProvidersView,
  },
  'providers:test': {
    auth: 'session',
    request: z.strictObject({ id: ProviderIdSchema, assetClass: AssetClassSchema }),
    response: z.object({
      ok: z.boolean(),
      provider: z.string(),
      elapsedMs: z.number(),
      sample: z.object({ price: z.string(), currency: z.string(), date: z.string() }).optional(),
      error: z.object({ kind: z.string(), message: z.string() }).optional(),
    }),
  },
} as const;
