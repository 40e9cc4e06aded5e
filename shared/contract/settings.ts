import { z } from 'zod';
import { CurrencyCode, Empty } from './common.js';

export const Theme = z.enum(['system', 'light', 'dark']);

export const Settings = z.object({
  baseCurrency: z.string(),
  theme: Theme,
  /** BCP 47 tag used for numbers and dates, e.g. "en-US", "de-CH". */
  locale: z.string(),
  /** 0 disables the idle lock. */
  idleLockMinutes: z.number().int(),
});
export type Settings = z.infer<typeof Settings>;

export const SettingsPatch = z.strictObject({
  baseCurrency: CurrencyCode.optional(),
  theme: Theme.optional(),
  locale: z
    .string()
    .min(2)
    .max(35)
    .regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'a BCP 47 language tag such as en-US')
    .optional(),
  idleLockMinutes: z.number().int().min(0).max(1440).optional(),
});
export type SettingsPatch = z.infer<typeof SettingsPatch>;

export const DEFAULT_SETTINGS: Settings = { baseCurrency: 'USD', theme: 'system', locale: 'en-US', idleLockMinutes: 15 };

export const settingsChannels = {
  'settings:get': { auth: 'session', request: Empty, response: Settings },
  'settings:update': { auth: 'session', request: SettingsPatch, response: Settings },
} as const;
