import { DEFAULT_SETTINGS, Language, Settings, TradingSettings, type SettingsPatch } from '../../shared/contract/index.js';
import { findCurrency } from '../../shared/currencies.js';
import { AppError } from '../../shared/errors.js';
import type { Store } from '../store/data-source.js';
import type { KeyValueStore } from './key-value.js';
import { preferenceRepo } from './repo.js';

const PREFERENCES = 'settings';
/** settings.json key of the interface language (machine-wide, not personal). */
const LANGUAGE = 'language';

/**
 * Per-profile preferences (base currency, locale, idle lock, trading): personal, so they live in the profile's
 * encrypted database (docs/design.md#encryption-at-rest). settings.json keeps only what is not personal (the theme
 * shown before sign-in, the interface language, window, feed URL, provider order). Loaded at sign-in, then served
 * from memory: the session asks for the idle time on every call, and this process is the database's only writer.
 */
export class SettingsService {
  private readonly cache = new Map<string, Settings>();
  private readonly stores = new Map<string, Store>();
  private readonly listeners: ((profileId: string, before: Settings, after: Settings) => void)[] = [];

  constructor(private readonly kv: KeyValueStore) {}

  /** Called after every update with the settings before and after it (the base currency decides FX series to sync). */
  onChange(listener: (profileId: string, before: Settings, after: Settings) => void): void {
    this.listeners.push(listener);
  }

  /**
   * Loads a profile's settings from its database at sign-in. Settings an older version kept in settings.json under
   * the profile's id move into the database and leave the file.
   */
  async load(profileId: string, store: Store): Promise<void> {
    const stored = await store.writer.read((db) => preferenceRepo.get(db, PREFERENCES));
    const legacy = this.kv.get(`profiles.${profileId}`);
    let raw: unknown = stored === undefined ? undefined : JSON.parse(stored);
    if (raw === undefined && legacy && typeof legacy === 'object') {
      raw = legacy;
      await store.writer.write((db) => preferenceRepo.put(db, PREFERENCES, JSON.stringify(legacy)));
    }
    if (legacy !== undefined) this.kv.delete(`profiles.${profileId}`);
    this.cache.set(profileId, parse(raw));
    this.stores.set(profileId, store);
  }

  /** Forgets a profile's settings when its database closes. */
  unload(profileId: string): void {
    this.cache.delete(profileId);
    this.stores.delete(profileId);
  }

  /** The profile's settings; the defaults for a profile not signed in. The language is the installation's. */
  get(profileId: string): Settings {
    return { ...(this.cache.get(profileId) ?? parse(undefined)), language: this.language() };
  }

  /** The interface language kept in settings.json; 'system' when unset or unreadable. */
  private language(): Language {
    const stored = Language.safeParse(this.kv.get(LANGUAGE));
    return stored.success ? stored.data : 'system';
  }

  /**
   * Marks whether the profile holds the sample's made-up activity. Not part of the patch a user sends: only the
   * sample service, which writes or deletes that activity, sets it (with the first-run state that goes with it).
   */
  async markSample(profileId: string, sample: boolean): Promise<Settings> {
    const store = this.stores.get(profileId);
    if (!store) throw new AppError('UNAUTHENTICATED', 'Sign in to a profile first.');
    const current = this.get(profileId);
    const next: Settings = { ...current, sample, welcomed: sample };
    await store.writer.write((db) => preferenceRepo.put(db, PREFERENCES, JSON.stringify(personal(next))));
    this.cache.set(profileId, next);
    for (const l of this.listeners) l(profileId, current, next);
    return next;
  }

  async update(profileId: string, patch: SettingsPatch): Promise<Settings> {
    const store = this.stores.get(profileId);
    if (!store) throw new AppError('UNAUTHENTICATED', 'Sign in to a profile first.');
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
    await store.writer.write((db) => preferenceRepo.put(db, PREFERENCES, JSON.stringify(personal(next))));
    this.cache.set(profileId, next);
    this.kv.set('lastTheme', next.theme);
    if (patch.language) this.kv.set(LANGUAGE, patch.language);
    for (const l of this.listeners) l(profileId, current, next);
    return next;
  }
}

/** What the profile's database keeps: everything but the installation-wide language. */
function personal(settings: Settings): Omit<Settings, 'language'> {
  const { language: _machineWide, ...rest } = settings;
  return rest;
}

/** Field by field, so settings written by an older version (no trading block) keep what they have. */
function parse(stored: unknown): Settings {
  const raw = (stored && typeof stored === 'object' ? stored : {}) as Record<string, unknown>;
  const settings: Settings = { ...DEFAULT_SETTINGS, trading: { ...DEFAULT_SETTINGS.trading } };
  for (const key of Object.keys(Settings.shape) as (keyof Settings)[]) {
    if (key === 'trading') continue;
    const one = Settings.shape[key].safeParse(raw[key]);
    if (one.success) (settings as Record<string, unknown>)[key] = one.data;
  }
  const trading = TradingSettings.partial().safeParse(raw.trading ?? {});
  if (trading.success) settings.trading = { ...settings.trading, ...stripUndefined(trading.data) };
  return settings;
}

function stripUndefined<T extends object>(o: T): { [K in keyof T]-?: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as { [K in keyof T]-?: Exclude<T[K], undefined> };
}
