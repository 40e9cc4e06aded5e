import { CircuitBreaker, DEFAULT_BREAKER, type BreakerOptions, type BreakerState } from './circuit-breaker.js';
import { DEFAULT_PROVIDERS_CONFIG, resolveBaseUrl, type ProviderSetting, type ProvidersConfig } from './config.js';
import { assertRange, splitRange } from './dates.js';
import { ProviderError, isProviderError, type ProviderErrorKind } from './errors.js';
import { TokenBucket } from './token-bucket.js';
import type { FetchFn, History, LatestQuote, MarketTarget, ProviderAdapter, ProviderContext, ProviderId, RateLimit, SearchHit, SplitEvent } from './types.js';

/** Why a provider was passed over without a request. */
export type SkipReason = 'disabled' | 'no_key' | 'circuit_open' | 'retry_after' | 'rate_limit_wait' | 'unsupported' | 'unknown_provider';

/** One line of "why" for the sync panel: every provider considered, in order. */
export interface Attempt {
  provider: ProviderId;
  outcome: 'ok' | 'skipped' | 'failed';
  reason?: SkipReason | ProviderErrorKind;
  message?: string;
  /** For rate limits and open circuits: how long until the provider is tried again. */
  retryAfterMs?: number;
  /** Time spent on the provider, including token waits. */
  elapsedMs?: number;
}

export interface Answer<T> {
  data: T;
  provider: ProviderId;
  attempts: Attempt[];
}

/** Every provider failed or was skipped. `kind` is not_found only when every provider asked said not_found. */
export class ProviderChainError extends ProviderError {
  readonly attempts: Attempt[];
  constructor(kind: ProviderErrorKind, message: string, attempts: Attempt[], retryAfterMs?: number) {
    super(kind, message, { retryAfterMs });
    this.name = 'ProviderChainError';
    this.attempts = attempts;
  }
}

export interface RegistryOptions {
  adapters: readonly ProviderAdapter[];
  config?: ProvidersConfig;
  /** Source of BOURSE_<PROVIDER>_URL overrides; defaults to process.env. */
  env?: Record<string, string | undefined>;
  fetch?: FetchFn;
  now?: () => number;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  timeoutMs?: number;
  breaker?: BreakerOptions;
  /** Longest we wait for a token before moving on to the next provider. */
  maxTokenWaitMs?: number;
  /** Used when a provider throttles without saying for how long. */
  defaultRetryAfterMs?: number;
  rateLimits?: Partial<Record<ProviderId, RateLimit>>;
}

export interface CallOptions {
  signal?: AbortSignal;
}

export interface ProviderHealth {
  id: ProviderId;
  breaker: BreakerState;
  /** Epoch ms until which the provider asked us to stay away (Retry-After), if any. */
  blockedUntil?: number;
}

export interface TestResult {
  ok: boolean;
  provider: ProviderId;
  elapsedMs: number;
  sample?: LatestQuote;
  error?: { kind: ProviderErrorKind; message: string };
}

/** How one provider's search went, in words the search box can show. */
export type SearchState = 'ok' | 'down' | 'rate-limited' | 'offline';
export interface SearchOutcome {
  provider: ProviderId;
  state: SearchState;
  hits: SearchHit[];
  message?: string;
  retryAfterMs?: number;
  /** Rate-limited by our own token bucket (the provider's published limit), not by the provider's answer. */
  local?: boolean;
}

/** A search waits at most this long for a token: someone is typing, and the other providers answer meanwhile. */
const SEARCH_TOKEN_WAIT_MS = 1_000;

interface ProviderState {
  breaker: CircuitBreaker;
  bucket: TokenBucket;
  blockedUntil: number;
}

/** Targets the "Test" button asks for, one per asset class. */
const TEST_TARGETS: Record<string, MarketTarget> = {
  fx: { assetClass: 'fx', symbol: 'EUR-USD' },
  crypto: { assetClass: 'crypto', symbol: 'BTC-USD' },
  stock: { assetClass: 'stock', symbol: 'AAPL', quote: 'USD' },
};

function defaultSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const t = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(t);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * Tries the user's providers in priority order for one asset class and returns the first answer, with the list of
 * attempts. Providers are skipped when disabled, missing a required key, behind an open circuit, inside a
 * Retry-After window, or when their token bucket would make us wait too long. Any failure moves on to the next one.
 */
export class ProviderRegistry {
  private readonly adapters: Map<ProviderId, ProviderAdapter>;
  private config: ProvidersConfig;
  private readonly env: Record<string, string | undefined>;
  private readonly fetchFn: FetchFn;
  private readonly now: () => number;
  private readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  private readonly timeoutMs: number;
  private readonly breakerOpts: BreakerOptions;
  private readonly maxTokenWaitMs: number;
  private readonly defaultRetryAfterMs: number;
  private readonly rateLimits: Partial<Record<ProviderId, RateLimit>>;
  private readonly states = new Map<ProviderId, ProviderState>();

  constructor(opts: RegistryOptions) {
    this.adapters = new Map(opts.adapters.map((a) => [a.id, a]));
    this.config = opts.config ?? {};
    this.env = opts.env ?? process.env;
    this.fetchFn = opts.fetch ?? globalThis.fetch.bind(globalThis);
    this.now = opts.now ?? Date.now;
    this.sleep = opts.sleep ?? defaultSleep;
    this.timeoutMs = opts.timeoutMs ?? 15_000;
    this.breakerOpts = opts.breaker ?? DEFAULT_BREAKER;
    this.maxTokenWaitMs = opts.maxTokenWaitMs ?? 10_000;
    this.defaultRetryAfterMs = opts.defaultRetryAfterMs ?? 60_000;
    this.rateLimits = opts.rateLimits ?? {};
  }

  setConfig(config: ProvidersConfig): void {
    this.config = config;
  }

  adapter(id: ProviderId): ProviderAdapter | undefined {
    return this.adapters.get(id);
  }

  /** The effective ordered list for an asset class (the user's, or the defaults). */
  settingsFor(assetClass: MarketTarget['assetClass']): ProviderSetting[] {
    return this.config[assetClass] ?? DEFAULT_PROVIDERS_CONFIG[assetClass];
  }

  health(): ProviderHealth[] {
    return [...this.states.entries()].map(([id, s]) => ({
      id,
      breaker: s.breaker.current(),
      ...(s.blockedUntil > this.now() ? { blockedUntil: s.blockedUntil } : {}),
    }));
  }

  async dailyHistory(target: MarketTarget, from: string, to: string, opts: CallOptions = {}): Promise<Answer<History>> {
    assertRange(from, to);
    return this.run(target, opts, async (adapter, ctx, takeToken) => {
      const start = from < adapter.capabilities.earliestDate ? adapter.capabilities.earliestDate : from;
      if (start > to) return { bars: [], currency: target.quote ?? '' };
      const bars: History['bars'] = [];
      let currency = '';
      for (const [a, b] of splitRange(start, to, adapter.capabilities.maxRangeDays)) {
        await takeToken();
        const h = await adapter.dailyHistory(target, a, b, ctx);
        bars.push(...h.bars);
        currency = h.currency;
      }
      // Nothing in the range from this provider (it starts later, or skipped these days): let the next one try, so
      // e.g. the bundled history still fills a range a live source does not cover.
      if (bars.length === 0) throw new ProviderError('not_found', `${adapter.id} has no data for ${target.symbol} from ${start} to ${to}`, { provider: adapter.id });
      return { bars, currency };
    });
  }

  /**
   * The splits of a stock in [from, to] from the first provider in the user's order that publishes them (Yahoo's
   * chart events, Alpha Vantage's adjusted series, Finnhub's /stock/split); the others are passed over.
   */
  async splits(target: MarketTarget, from: string, to: string, opts: CallOptions = {}): Promise<Answer<SplitEvent[]>> {
    assertRange(from, to);
    return this.run(target, opts, async (adapter, ctx, takeToken) => {
      if (!adapter.splits) throw new ProviderError('not_found', `${adapter.id} publishes no splits`, { provider: adapter.id });
      await takeToken();
      return adapter.splits(target, from, to, ctx);
    });
  }

  async latest(target: MarketTarget, opts: CallOptions = {}): Promise<Answer<LatestQuote>> {
    return this.run(target, opts, async (adapter, ctx, takeToken) => {
      await takeToken();
      return adapter.latest(target, ctx);
    });
  }

  /**
   * "Test" button: does this provider answer with these settings? It ignores enabled/breaker/Retry-After state (the
   * user asked explicitly) but still waits for a token, and records nothing in the breaker.
   */
  async test(id: ProviderId, setting: Omit<ProviderSetting, 'id' | 'enabled'> = {}, target?: MarketTarget): Promise<TestResult> {
    const adapter = this.adapters.get(id);
    const started = this.now();
    const fail = (kind: ProviderErrorKind, message: string): TestResult => ({ ok: false, provider: id, elapsedMs: this.now() - started, error: { kind, message } });
    if (!adapter) return fail('not_found', `unknown provider ${id}`);
    if (adapter.needsKey && !setting.apiKey) return fail('auth', 'this provider needs an API key');
    const t = target ?? TEST_TARGETS[adapter.assetClasses[0]!]!;
    try {
      const wait = this.state(adapter).bucket.reserve(this.maxTokenWaitMs);
      if (wait < 0) return fail('rate_limited', 'local rate limit: try again shortly');
      if (wait > 0) await this.sleep(wait);
      const sample = await adapter.latest(t, this.context(adapter, { id, enabled: true, ...setting }));
      return { ok: true, provider: id, elapsedMs: this.now() - started, sample };
    } catch (e) {
      const pe = toProviderError(e, id);
      return fail(pe.kind, pe.message);
    }
  }

  /**
   * Providers with a search endpoint that the user has enabled for any asset class (with a key where one is needed),
   * stocks first, each in the user's order.
   */
  searchProviders(): ProviderId[] {
    const out: ProviderId[] = [];
    for (const c of ['stock', 'crypto'] as const) {
      for (const s of this.settingsFor(c)) {
        const a = this.adapters.get(s.id);
        if (a?.search && s.enabled && (!a.needsKey || s.apiKey) && !out.includes(s.id)) out.push(s.id);
      }
    }
    return out;
  }

  /**
   * One provider's search under the same breaker, Retry-After window and token bucket as its other calls. Never
   * throws for the provider's failures: the outcome says what happened; a cancellation by the caller is rethrown.
   */
  async search(id: ProviderId, query: string, opts: CallOptions = {}): Promise<SearchOutcome> {
    const adapter = this.adapters.get(id);
    const setting = (['stock', 'crypto'] as const).flatMap((c) => this.settingsFor(c)).find((s) => s.id === id);
    if (!adapter?.search || !setting) return { provider: id, state: 'down', hits: [], message: 'has no search' };
    const st = this.state(adapter);
    const now = this.now();
    if (st.blockedUntil > now) return { provider: id, state: 'rate-limited', hits: [], retryAfterMs: st.blockedUntil - now };
    if (!st.breaker.tryAcquire()) return { provider: id, state: 'down', hits: [], message: 'paused after repeated failures', retryAfterMs: st.breaker.retryInMs() };
    const wait = st.bucket.reserve(SEARCH_TOKEN_WAIT_MS);
    if (wait < 0) {
      st.breaker.release();
      return { provider: id, state: 'rate-limited', hits: [], retryAfterMs: st.bucket.waitMs(), local: true };
    }
    try {
      if (wait > 0) await this.sleep(wait, opts.signal);
      const hits = await adapter.search(query, this.context(adapter, setting, opts.signal));
      st.breaker.onSuccess();
      return { provider: id, state: 'ok', hits };
    } catch (e) {
      if (opts.signal?.aborted) {
        st.breaker.release();
        throw e;
      }
      const pe = toProviderError(e, id);
      if (pe.kind === 'rate_limited') {
        const retryAfterMs = pe.retryAfterMs ?? this.defaultRetryAfterMs;
        st.blockedUntil = this.now() + retryAfterMs;
        st.breaker.release();
        return { provider: id, state: 'rate-limited', hits: [], message: pe.message, retryAfterMs };
      }
      if (pe.kind === 'not_found') {
        st.breaker.onSuccess(); // an answer: it knows nothing by that name
        return { provider: id, state: 'ok', hits: [] };
      }
      st.breaker.onFailure();
      const offline = pe.kind === 'transient' && pe.message.startsWith('network error');
      // The status alone: the body of an error page is no message for a search box.
      return { provider: id, state: offline ? 'offline' : 'down', hits: [], message: pe.status ? `HTTP ${pe.status}` : pe.message };
    }
  }

  private state(adapter: ProviderAdapter): ProviderState {
    let s = this.states.get(adapter.id);
    if (!s) {
      s = {
        breaker: new CircuitBreaker(this.breakerOpts, this.now),
        bucket: new TokenBucket(this.rateLimits[adapter.id] ?? adapter.defaultRateLimit, this.now),
        blockedUntil: 0,
      };
      this.states.set(adapter.id, s);
    }
    return s;
  }

  private context(adapter: ProviderAdapter, setting: ProviderSetting, signal?: AbortSignal): ProviderContext {
    return {
      baseUrl: resolveBaseUrl(adapter.id, setting, this.env, adapter.defaultBaseUrl),
      apiKey: setting.apiKey,
      fetch: this.fetchFn,
      timeoutMs: this.timeoutMs,
      now: this.now,
      ...(signal ? { signal } : {}),
    };
  }

  private async run<T>(
    target: MarketTarget,
    opts: CallOptions,
    call: (adapter: ProviderAdapter, ctx: ProviderContext, takeToken: () => Promise<void>) => Promise<T>,
  ): Promise<Answer<T>> {
    const attempts: Attempt[] = [];
    for (const setting of this.settingsFor(target.assetClass)) {
      const adapter = this.adapters.get(setting.id);
      const skip = (reason: SkipReason, message?: string, retryAfterMs?: number) =>
        attempts.push({ provider: setting.id, outcome: 'skipped', reason, ...(message ? { message } : {}), ...(retryAfterMs !== undefined ? { retryAfterMs } : {}) });
      if (!adapter) {
        skip('unknown_provider');
        continue;
      }
      if (!setting.enabled) {
        skip('disabled');
        continue;
      }
      if (adapter.needsKey && !setting.apiKey) {
        skip('no_key', 'needs an API key');
        continue;
      }
      if (!adapter.assetClasses.includes(target.assetClass) || !adapter.canHandle(target)) {
        skip('unsupported', `cannot serve ${target.symbol}`);
        continue;
      }
      const st = this.state(adapter);
      const now = this.now();
      if (st.blockedUntil > now) {
        skip('retry_after', 'provider asked us to wait', st.blockedUntil - now);
        continue;
      }
      if (!st.breaker.tryAcquire()) {
        skip('circuit_open', 'too many recent failures', st.breaker.retryInMs());
        continue;
      }

      const started = this.now();
      let tokenRefused = false;
      const takeToken = async () => {
        const wait = st.bucket.reserve(this.maxTokenWaitMs);
        if (wait < 0) {
          tokenRefused = true;
          throw new ProviderError('rate_limited', 'local rate limit', { provider: adapter.id, retryAfterMs: st.bucket.waitMs() });
        }
        if (wait > 0) await this.sleep(wait, opts.signal);
      };
      try {
        const data = await call(adapter, this.context(adapter, setting, opts.signal), takeToken);
        st.breaker.onSuccess();
        attempts.push({ provider: adapter.id, outcome: 'ok', elapsedMs: this.now() - started });
        return { data, provider: adapter.id, attempts };
      } catch (e) {
        if (opts.signal?.aborted) {
          st.breaker.release();
          throw e; // cancelled by the caller: not the provider's fault, and nobody else should be tried
        }
        if (tokenRefused) {
          st.breaker.release();
          skip('rate_limit_wait', 'would exceed the rate limit', st.bucket.waitMs());
          continue;
        }
        const pe = toProviderError(e, adapter.id);
        if (pe.kind === 'rate_limited') {
          const wait = pe.retryAfterMs ?? this.defaultRetryAfterMs;
          st.blockedUntil = this.now() + wait;
          st.breaker.release();
        } else if (pe.kind === 'not_found') {
          st.breaker.onSuccess(); // the provider answered properly; it just does not know this symbol
        } else {
          st.breaker.onFailure();
        }
        attempts.push({
          provider: adapter.id,
          outcome: 'failed',
          reason: pe.kind,
          message: pe.message,
          elapsedMs: this.now() - started,
          ...(pe.kind === 'rate_limited' ? { retryAfterMs: pe.retryAfterMs ?? this.defaultRetryAfterMs } : {}),
        });
      }
    }
    throw chainError(target, attempts);
  }
}

function toProviderError(e: unknown, provider: ProviderId): ProviderError {
  if (isProviderError(e)) return e;
  // A bug or an unexpected throw inside an adapter: treat the answer as untrustworthy and move on.
  return new ProviderError('bad_data', e instanceof Error ? e.message : String(e), { provider, cause: e });
}

function chainError(target: MarketTarget, attempts: Attempt[]): ProviderChainError {
  const failed = attempts.filter((a) => a.outcome === 'failed');
  const summary = attempts.map((a) => `${a.provider}: ${a.reason ?? a.outcome}`).join(', ');
  if (failed.length > 0 && failed.every((a) => a.reason === 'not_found')) {
    return new ProviderChainError('not_found', `no provider knows ${target.symbol} (${summary})`, attempts);
  }
  const waits = attempts.map((a) => a.retryAfterMs).filter((w): w is number => w !== undefined);
  const retryAfterMs = waits.length ? Math.min(...waits) : undefined;
  const firstReal = failed.find((a) => a.reason !== 'not_found')?.reason as ProviderErrorKind | undefined;
  const kind: ProviderErrorKind = firstReal ?? (retryAfterMs !== undefined ? 'rate_limited' : 'transient');
  return new ProviderChainError(kind, `no provider answered for ${target.symbol} (${summary || 'none configured'})`, attempts, retryAfterMs);
}
