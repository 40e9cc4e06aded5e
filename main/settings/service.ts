import { DEFAULT_SETTINGS, Settings, TradingSettings, type SettingsPatch } from '../../shared/contract/index.js';
import { findCurrency } from '../../shared/currencies.js';
import { AppError } from '../../shared/errors.js';
import type { KeyValueStore } from './key-value.js';

/** Per-profile preferences, kept in the settings file under the profile's id (not in its database: they are not data). */
export class SettingsService {
  /**
   * conf re-reads and re-validates its JSON file on every `get`, and the session asks for the idle time on every
   * call; this process is the file's only writer, so a memory copy is always current.
   */
  private readonly cache = new Map<string, Settings>();
  private readonly listeners: ((profileId: string, before: Settings, after: Settings) => void)[] = [];

  constructor(private readonly kv: KeyValueStore) {}

  /** Called after every update with the settings before and after it (the base currency decides FX series to sync). */
  onChange(listener: (profileId: string, before: Settings, after: Settings) => void): void {
    this.listeners.push(listener);
  }

  get(profileId: string): Settings {
    const hit = this.cache.get(profileId);
    if (hit) return hit;
    const stored = this.kv.get(`profiles.${profileId}`);
    // Field by field, so a file written by an older version (no trading block) keeps what it has.
    const raw = (stored && typeof stored === 'object' ? stored : {}) as Record<string, unknown>;
    const settings: Settings = { ...DEFAULT_SETTINGS, trading: { ...DEFAULT_SETTINGS.trading } };
    for (const key of Object.keys(Settings.shape) as (keyof Settings)[]) {
      if (key === 'trading') continue;
      const one = Settings.shape[key].safeParse(raw[key]);
      if (one.success) (settings as Record<string, unknown>)[key] = one.data;
    }
    const trading = TradingSettings.partial().safeParse(raw.trading ?? {});
    if (trading.success) settings.trading = { ...settings.trading, ...stripUndefined(trading.data) };
    this.cache.set(profileId, settings);
    return settings;
  }

  /**
   * Marks whether the profile holds the sample's made-up activity. Not part of the patch a user sends: only the
   * sample service, which writes or deletes that activity, sets it (with the first-run state that goes with it).
   */
  markSample(profileId: string, sample: boolean): Settings {
    const current = this.get(profileId);
    const next: Settings = { ...current, sample, welcomed: sample };
    this.kv.set(`profiles.${profileId}`, next);
    this.cache.set(profileId, next);
    for (const l of this.listeners) l(profileId, current, next);
    return next;
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
    const current = this.get(profileId);
    const next: Settings = { ...current, ...stripUndefined(patch), trading: { ...current.trading, ...stripUndefined(patch.trading ?? {}) } };
    this.kv.set(`profiles.${profileId}`, next);
    this.cache.set(profileId, next);
    this.kv.set('lastTheme', next.theme);
    for (const l of this.listeners) l(profileId, current, next);
    return next;
  }
}

function stripUndefined<T extends object>(o: T): { [K in keyof T]-?: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as { [K in keyof T]-?: Exclude<T[K], undefined> };
}
