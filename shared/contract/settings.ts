import { z } from 'zod';
import { CurrencyCode, Empty } from './common.js';

/** A renderer page's id (the renderer knows the list; an id it does not know opens the default page). */
const PageId = z.string().max(32).regex(/^[a-z-]*$/, 'a page id such as "wallets"');

export const Theme = z.enum(['system', 'light', 'dark']);
/** A cost-basis method (the same list as an account's, shared/contract/accounts.ts). */
export const CostMethod = z.enum(['fifo', 'lifo', 'hifo', 'average']);
/** The interface language: the system's (the browser's or OS's preferred language) or one Bourse is translated into. */
export const Language = z.enum(['system', 'en', 'de']);
export type Language = z.infer<typeof Language>;

/** A non-negative decimal string setting (fractions, prices). */
const SettingDecimal = z.string().max(24).regex(/^(0|[1-9]\d*)(\.\d+)?$/, 'a plain decimal such as "0.1"');

/**
 * Trading rules of the paper venue and the order guards (docs/design.md#orders). USD figures are converted at the live
 * rate for orders in other currencies.
 */
export const TradingSettings = z.object({
  /** Orders worth less than this (USD equivalent) wait in the aggregation book. "0" turns aggregation off. */
  aggregationThresholdUsd: SettingDecimal,
  aggregationWindowSeconds: z.number().int().min(1).max(86_400),
  /** Full bid–ask width of the paper venue in basis points. */
  spreadBps: SettingDecimal,
  /** Fee as a fraction of the gross ("0.001" = 0.1 %), and its minimum in the quote currency. */
  feeRate: SettingDecimal,
  feeMinimum: SettingDecimal,
  /** Largest order value (USD equivalent); "0" means no maximum. */
  maxOrderValueUsd: SettingDecimal,
  ordersPerMinute: z.number().int().min(1).max(10_000),
  /** A price further than this fraction from the last close needs confirmation. */
  maxDeviation: SettingDecimal,
});
export type TradingSettings = z.infer<typeof TradingSettings>;

export const DEFAULT_TRADING: TradingSettings = {
  aggregationThresholdUsd: '10',
  aggregationWindowSeconds: 60,
  spreadBps: '10',
  feeRate: '0.001',
  feeMinimum: '0',
  maxOrderValueUsd: '100000',
  ordersPerMinute: 30,
  maxDeviation: '0.1',
};

export const Settings = z.object({
  baseCurrency: z.string(),
  theme: Theme,
  /**
   * Interface language. Not personal and not per profile: kept in settings.json for the whole installation, so the
   * sign-in screen speaks it too.
   */
  language: Language,
  /** BCP 47 tag used for numbers and dates, e.g. "en-US", "de-CH". */
  locale: z.string(),
  /** 0 disables the idle lock. */
  idleLockMinutes: z.number().int(),
  /** The cost-basis method a new account starts with; each account then keeps its own (docs/design.md#accounts). */
  costMethod: CostMethod,
  trading: TradingSettings,
  /** Amounts, balances and quantities are masked on screen (screen sharing). */
  privacyMode: z.boolean(),
  /** The page the profile last had open, shown again at the next sign-in; '' for the default. */
  lastPage: PageId,
  /** The first-run choices were made (or skipped); until then a profile without wallets opens on them. */
  welcomed: z.boolean(),
  /** The profile holds the made-up sample activity (marked on every page until it is deleted). */
  sample: z.boolean(),
});
export type Settings = z.infer<typeof Settings>;

export const SettingsPatch = z.strictObject({
  baseCurrency: CurrencyCode.optional(),
  theme: Theme.optional(),
  language: Language.optional(),
  locale: z
    .string()
    .min(2)
    .max(35)
    .regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'a BCP 47 language tag such as en-US')
    .optional(),
  idleLockMinutes: z.number().int().min(0).max(1440).optional(),
  costMethod: CostMethod.optional(),
  trading: TradingSettings.partial().strict().optional(),
  privacyMode: z.boolean().optional(),
  lastPage: PageId.optional(),
  welcomed: z.boolean().optional(),
});
export type SettingsPatch = z.infer<typeof SettingsPatch>;

export const DEFAULT_SETTINGS: Settings = {
  baseCurrency: 'USD',
  theme: 'system',
  language: 'system',
  locale: 'en-US',
  idleLockMinutes: 15,
  costMethod: 'fifo',
  trading: DEFAULT_TRADING,
  privacyMode: false,
  lastPage: '',
  welcomed: false,
  sample: false,
};

export const settingsChannels = {
  'settings:get': { auth: 'session', request: Empty, response: Settings },
  'settings:update': { auth: 'session', request: SettingsPatch, response: Settings },
} as const;
