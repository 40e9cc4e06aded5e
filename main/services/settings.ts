import { DEFAULT_SETTINGS, Settings, type SettingsPatch } from '../../shared/contract/index.js';
import { findCurrency } from '../../shared/currencies.js';
import { AppError } from '../../shared/errors.js';
import type { KeyValueStore } from '../settings/key-value.js';

/** Per-profile preferences, kept in the settings file under the profile's id (not in its database: they are not data). */
export class SettingsService {
  /**
   * conf re-reads and re-validates its JSON file on every `get`, and the session asks for the idle time on every
   * call; this process is the file's only writer, so a memory copy is always current.
   */
  private readonly cache = new Map<string, Settings>();

  constructor(private readonly kv: KeyValueStore) {}

  get(profileId: string): Settings {
    const hit = this.cache.get(profileId);
    if (hit) return hit;
    const stored = this.kv.get(`profiles.${profileId}`);
    const parsed = Settings.partial().safeParse(stored ?? {});
    const settings = { ...DEFAULT_SETTINGS, ...(parsed.success ? parsed.data : {}) };
    this.cache.set(profileId, settings);
    return settings;
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
    this.cache.set(profileId, next);
    this.kv.set('lastTheme', next.theme);
    return next;
  }
}
