import { DEFAULT_SETTINGS, Settings, type SettingsPatch } from '../../shared/contract/index.js';
import { findCurrency } from '../../shared/currencies.js';
import { AppError } from '../../shared/errors.js';
import type { KeyValueStore } from '../settings/key-value.js';

/** Per-profile preferences, kept in the settings file under the profile's id (not in its database: they are not data). */
export class SettingsService {
  constructor(private readonly kv: KeyValueStore) {}

  get(profileId: string): Settings {
    const stored = this.kv.get(`profiles.${profileId}`);
    const parsed = Settings.partial().safeParse(stored ?? {});
    return { ...DEFAULT_SETTINGS, ...(parsed.success ? parsed.data : {}) };
  }

  update(profileId: string, patch: SettingsPatch): Settings {
    if (patch.baseCurrency && !findCurrency(patch.baseCurrency)) {
      throw new AppError('UNKNOWN_CURRENCY', `${patch.baseCurrency} is not a currency in the catalogue.`);
    }
    if (patch.locale) {
      try {
        new Intl.NumberFormat(patch.locale);
      } catch {
        throw new AppError('INVALID_INPUT', `${patch.locale} is not a locale this system knows.`);
      }
    }
    const next = { ...this.get(profileId), ...patch };
    this.kv.set(`profiles.${profileId}`, next);
    this.kv.set('lastTheme', next.theme);
    return next;
  }
}
