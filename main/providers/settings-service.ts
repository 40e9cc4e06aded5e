import type { ProvidersView, ProviderView } from '../../shared/contract/providers.js';
import { AppError } from '../../shared/errors.js';
import type { AssetClass } from '../../shared/market.js';
import { DEFAULT_PROVIDERS_CONFIG, envVarFor, resolveBaseUrl, type ProviderSetting, type ProvidersConfig } from './config.js';
import type { ProviderRegistry } from './registry.js';
import type { ProviderId } from './types.js';
import type { KeyValueStore } from '../settings/key-value.js';
import { keyHint, type SecretStore } from '../settings/secrets.js';
import type { Store } from '../store/data-source.js';
import { providerKeyRepo } from './repo.js';

const CLASSES: AssetClass[] = ['fx', 'crypto', 'stock'];
type StoredSetting = Omit<ProviderSetting, 'apiKey'>;

/** A key as the signed-in profile stored it: only ever sent to the base URL it was entered for. */
interface BoundKey {
  apiKey: string;
  baseUrl: string;
}

/**
 * Settings → Data sources: the user's provider order per asset class, enabled flags and base URLs (proxy or mirror),
 * machine-wide (market data is shared by all profiles); and API keys, which belong to the profile that entered them
 * and live in its encrypted database, each bound to the base URL it was entered for. A key whose provider now points
 * elsewhere is not sent (and changing the URL in Settings drops it); with no one signed in no key is used. Keys never
 * go back to the renderer in full. Every change is pushed to the worker's registry.
 */
export class ProviderSettingsService {
  private readonly updated: ((assetClass: AssetClass) => void)[] = [];
  /**
   * Priority per asset class: every FX lookup asks for it, and conf re-reads and re-validates its JSON file on every
   * `get`. This process is the file's only writer, so the copy is dropped only by `update`.
   */
  private readonly priorities = new Map<AssetClass, readonly string[]>();
  /** The signed-in profile's keys (a copy of its provider_keys rows) and its store; empty when no one is. */
  private keys = new Map<string, BoundKey>();
  private store: Store | null = null;
  /** The binding of the last sign-in; every channel waits for it, so a key is never missing right after sign-in. */
  private loading: Promise<void> = Promise.resolve();

  constructor(
    private readonly kv: KeyValueStore,
    /** Where keys lived before they moved into profiles: handed to the first profile that signs in, then removed. */
    private readonly legacySecrets: SecretStore,
    private readonly registry: ProviderRegistry,
    private readonly onChange: (config: ProvidersConfig) => void,
    private readonly env: Record<string, string | undefined> = process.env,
  ) {}

  /** Called after the settings of an asset class changed (its series are fetched again in the new order). */
  onUpdate(listener: (assetClass: AssetClass) => void): void {
    this.updated.push(listener);
  }

  /** The effective ordered list of one asset class: the user's, plus any provider added since (at the end). */
  settings(assetClass: AssetClass): StoredSetting[] {
    const stored = ((this.kv.get('providers') as Record<string, StoredSetting[]> | undefined) ?? {})[assetClass] ?? [];
    const defaults = DEFAULT_PROVIDERS_CONFIG[assetClass];
    const known = new Set(defaults.map((d) => d.id));
    const kept = stored.filter((s) => known.has(s.id));
    const missing = defaults.filter((d) => !kept.some((k) => k.id === d.id)).map(({ id, enabled }) => ({ id, enabled }));
    return [...kept, ...missing];
  }

  /**
   * Binds the keys of the profile that just signed in (null: signed out, no keys). Keys from before keys moved into
   * profiles (settings.json or the OS keychain) are adopted by the first profile that signs in and removed from
   * there (docs/design.md#encryption-at-rest).
   */
  useProfile(store: Store | null): Promise<void> {
    this.loading = this.bind(store);
    return this.loading;
  }

  private async bind(store: Store | null): Promise<void> {
    this.store = store;
    this.keys = new Map();
    if (store) {
      await this.adoptLegacyKeys(store);
      const rows = await store.writer.read((db) => providerKeyRepo.all(db));
      if (this.store !== store) return;
      this.keys = new Map(rows.map((r) => [r.provider, { apiKey: r.apiKey, baseUrl: r.baseUrl }]));
    }
    this.pushConfig();
  }

  private async adoptLegacyKeys(store: Store): Promise<void> {
    const found: { id: ProviderId; apiKey: string; baseUrl: string }[] = [];
    for (const c of CLASSES) {
      for (const s of this.settings(c)) {
        const apiKey = this.legacySecrets.get(`provider:${s.id}`);
        if (apiKey) found.push({ id: s.id, apiKey, baseUrl: this.baseUrlOf(s) });
      }
    }
    if (found.length === 0) return;
    await store.writer.write((db) => {
      for (const k of found) providerKeyRepo.put(db, { provider: k.id, apiKey: k.apiKey, baseUrl: k.baseUrl });
    });
    for (const k of found) this.legacySecrets.delete(`provider:${k.id}`);
  }

  private baseUrlOf(s: StoredSetting): string {
    return resolveBaseUrl(s.id, s, this.env, this.registry.adapter(s.id)?.defaultBaseUrl ?? '');
  }

  /** The signed-in profile's key for a provider, only while the provider still points where it was entered for. */
  private keyFor(s: StoredSetting): string | undefined {
    const bound = this.keys.get(s.id);
    return bound && bound.baseUrl === this.baseUrlOf(s) ? bound.apiKey : undefined;
  }

  /** The full config (keys included) for the registry; stays inside main and the worker. */
  config(): ProvidersConfig {
    const out: ProvidersConfig = {};
    for (const c of CLASSES) {
      out[c] = this.settings(c).map((s) => {
        const apiKey = this.keyFor(s);
        return apiKey ? { ...s, apiKey } : s;
      });
    }
    return out;
  }

  private pushConfig(): ProvidersConfig {
    const config = this.config();
    this.registry.setConfig(config);
    this.onChange(config);
    return config;
  }

  /** Source ids in priority order: enabled ones first, then disabled ones (their stored data is still usable). */
  priority(assetClass: AssetClass): readonly string[] {
    const hit = this.priorities.get(assetClass);
    if (hit) return hit;
    const list = this.settings(assetClass);
    const order = [...list.filter((s) => s.enabled), ...list.filter((s) => !s.enabled)].map((s) => s.id);
    this.priorities.set(assetClass, order);
    return order;
  }

  async list(): Promise<ProvidersView> {
    await this.loading;
    return this.view();
  }

  private view(): ProvidersView {
    const view = (c: AssetClass): ProviderView[] =>
      this.settings(c).map((s) => {
        const adapter = this.registry.adapter(s.id);
        const defaultBaseUrl = adapter?.defaultBaseUrl ?? '';
        return {
          id: s.id,
          name: adapter?.name ?? s.id,
          enabled: s.enabled,
          needsKey: adapter?.needsKey ?? false,
          keyHint: keyHint(this.keyFor(s)),
          baseUrl: resolveBaseUrl(s.id, s, this.env, defaultBaseUrl),
          defaultBaseUrl,
          envVar: envVarFor(s.id),
        };
      });
    return { fx: view('fx'), crypto: view('crypto'), stock: view('stock'), keysEncrypted: true };
  }

  async update(req: {
    assetClass: AssetClass;
    order?: string[];
    changes?: { id: string; enabled?: boolean; baseUrl?: string; apiKey?: string }[];
  }): Promise<ProvidersView> {
    await this.loading;
    const store = this.store;
    if (!store) throw new AppError('UNAUTHENTICATED', 'Sign in to a profile first.');
    let list = this.settings(req.assetClass);
    const ids = new Set(list.map((s) => s.id));
    for (const id of [...(req.order ?? []), ...(req.changes ?? []).map((c) => c.id)]) {
      if (!ids.has(id as ProviderId)) throw new AppError('NOT_FOUND', `${id} is not a ${req.assetClass} data source.`, { id });
    }
    if (req.order) {
      if (new Set(req.order).size !== req.order.length || req.order.length !== list.length) {
        throw new AppError('INVALID_INPUT', 'The new order must list every data source of this class exactly once.');
      }
      list = req.order.map((id) => list.find((s) => s.id === id)!);
    }
    const before = new Map(list.map((s) => [s.id, this.baseUrlOf(s)]));
    for (const c of req.changes ?? []) {
      list = list.map((s) => {
        if (s.id !== c.id) return s;
        const next: StoredSetting = { ...s };
        if (c.enabled !== undefined) next.enabled = c.enabled;
        if (c.baseUrl !== undefined) {
          if (c.baseUrl) next.baseUrl = c.baseUrl;
          else delete next.baseUrl;
        }
        return next;
      });
    }
    // Keys: a new one is bound to the URL it is entered with; a URL change drops the key it was entered for.
    const puts: { provider: string; apiKey: string; baseUrl: string }[] = [];
    const removals: string[] = [];
    for (const s of list) {
      const c = (req.changes ?? []).filter((x) => x.id === s.id).at(-1);
      const url = this.baseUrlOf(s);
      if (c?.apiKey) puts.push({ provider: s.id, apiKey: c.apiKey, baseUrl: url });
      else if (c?.apiKey === '' || (this.keys.has(s.id) && url !== before.get(s.id))) removals.push(s.id);
    }
    await store.writer.write((db) => {
      for (const r of removals) providerKeyRepo.remove(db, r);
      for (const p of puts) providerKeyRepo.put(db, p);
    });
    if (this.store === store) {
      for (const r of removals) this.keys.delete(r);
      for (const p of puts) this.keys.set(p.provider, { apiKey: p.apiKey, baseUrl: p.baseUrl });
    }
    const all = (this.kv.get('providers') as Record<string, StoredSetting[]> | undefined) ?? {};
    this.kv.set('providers', { ...all, [req.assetClass]: list });
    this.priorities.delete(req.assetClass);
    this.pushConfig();
    for (const l of this.updated) l(req.assetClass);
    return this.view();
  }

  async test(id: string, assetClass: AssetClass) {
    await this.loading;
    const setting = this.config()[assetClass]?.find((s) => s.id === id);
    if (!setting) throw new AppError('NOT_FOUND', `${id} is not a ${assetClass} data source.`, { id });
    const res = await this.registry.test(setting.id, { baseUrl: setting.baseUrl, apiKey: setting.apiKey });
    return {
      ok: res.ok,
      provider: res.provider,
      elapsedMs: res.elapsedMs,
      ...(res.sample ? { sample: { price: res.sample.price, currency: res.sample.currency, date: res.sample.date } } : {}),
      ...(res.error ? { error: res.error } : {}),
    };
  }
}
