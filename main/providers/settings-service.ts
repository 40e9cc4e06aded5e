import type { ProvidersView, ProviderView } from '../../shared/contract/providers.js';
import { AppError } from '../../shared/errors.js';
import type { AssetClass } from '../../shared/market.js';
import { DEFAULT_PROVIDERS_CONFIG, envVarFor, resolveBaseUrl, type ProviderSetting, type ProvidersConfig } from './config.js';
import type { ProviderRegistry } from './registry.js';
import type { ProviderId } from './types.js';
import type { KeyValueStore } from '../settings/key-value.js';
import { keyHint, type SecretStore } from '../settings/secrets.js';

const CLASSES: AssetClass[] = ['fx', 'crypto', 'stock'];
type StoredSetting = Omit<ProviderSetting, 'apiKey'>;

/**
 * Settings → Data sources: the user's provider order per asset class, enabled flags, base URLs (proxy or mirror)
 * and API keys. Machine-wide (market data is shared by all profiles). Keys go to the SecretStore, never into the
 * plain settings and never back to the renderer in full. Every change is pushed to the worker's registry.
 */
export class ProviderSettingsService {
  private readonly updated: ((assetClass: AssetClass) => void)[] = [];
  /**
   * Priority per asset class: every FX lookup asks for it, and conf re-reads and re-validates its JSON file on every
   * `get`. This process is the file's only writer, so the copy is dropped only by `update`.
   */
  private readonly priorities = new Map<AssetClass, readonly string[]>();

  constructor(
    private readonly kv: KeyValueStore,
    private readonly secrets: SecretStore,
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

  /** The full config (keys included) for the registry; stays inside main and the worker. */
  config(): ProvidersConfig {
    const out: ProvidersConfig = {};
    for (const c of CLASSES) {
      out[c] = this.settings(c).map((s) => {
        const apiKey = this.secrets.get(`provider:${s.id}`);
        return apiKey ? { ...s, apiKey } : s;
      });
    }
    return out;
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

  list(): ProvidersView {
    const view = (c: AssetClass): ProviderView[] =>
      this.settings(c).map((s) => {
        const adapter = this.registry.adapter(s.id);
        const defaultBaseUrl = adapter?.defaultBaseUrl ?? '';
        return {
          id: s.id,
          name: adapter?.name ?? s.id,
          enabled: s.enabled,
          needsKey: adapter?.needsKey ?? false,
          keyHint: keyHint(this.secrets.get(`provider:${s.id}`)),
          baseUrl: resolveBaseUrl(s.id, s, this.env, defaultBaseUrl),
          defaultBaseUrl,
          envVar: envVarFor(s.id),
        };
      });
    return { fx: view('fx'), crypto: view('crypto'), stock: view('stock'), keysEncrypted: this.secrets.encrypted };
  }

  update(req: {
    assetClass: AssetClass;
    order?: string[];
    changes?: { id: string; enabled?: boolean; baseUrl?: string; apiKey?: string }[];
  }): ProvidersView {
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
      if (c.apiKey !== undefined) {
        if (c.apiKey) this.secrets.set(`provider:${c.id}`, c.apiKey);
        else this.secrets.delete(`provider:${c.id}`);
      }
    }
    const all = (this.kv.get('providers') as Record<string, StoredSetting[]> | undefined) ?? {};
    this.kv.set('providers', { ...all, [req.assetClass]: list });
    this.priorities.delete(req.assetClass);
    const config = this.config();
    this.registry.setConfig(config);
    this.onChange(config);
    for (const l of this.updated) l(req.assetClass);
    return this.list();
  }

  async test(id: string, assetClass: AssetClass) {
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
