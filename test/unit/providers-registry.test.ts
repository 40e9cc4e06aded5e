import { describe, expect, it } from 'vitest';
import {
  CircuitBreaker,
  ProviderError,
  ProviderRegistry,
  TokenBucket,
  envVarFor,
  parseRetryAfter,
  resolveBaseUrl,
  type History,
  type ProviderAdapter,
  type ProviderErrorKind,
} from '../../main/providers/index.js';

/** Registry mechanics with a fake clock and scripted adapters: no network, no timers. */
function fakeClock(start = 1_000_000) {
  let t = start;
  return { now: () => t, sleep: async (ms: number) => void (t += ms), advance: (ms: number) => void (t += ms) };
}

type Script = () => History | ProviderErrorKind;

function scripted(id: ProviderAdapter['id'], script: Script, calls: number[] = [], now?: () => number): ProviderAdapter {
  return {
    id,
    name: id,
    assetClasses: ['fx'],
    needsKey: false,
    capabilities: { maxRangeDays: 10_000, earliestDate: '1990-01-01', intraday: false },
    defaultRateLimit: { capacity: 100, refillPerSec: 100 },
    defaultBaseUrl: 'http://unused',
    canHandle: () => true,
    latest: async () => ({ price: '1', currency: 'USD', date: '2020-01-01' }),
    dailyHistory: async () => {
      calls.push(now ? now() : 0);
      const r = script();
      if (typeof r === 'string') throw new ProviderError(r, `scripted ${r}`, { provider: id });
      return r;
    },
  };
}

const OK: History = { bars: [{ date: '2020-01-02', close: '1.1' }], currency: 'USD' };
const FX = { assetClass: 'fx', symbol: 'EUR-USD' } as const;

describe('token bucket', () => {
  it('spaces requests 1/refill apart once the burst is spent', () => {
    const c = fakeClock();
    const b = new TokenBucket({ capacity: 2, refillPerSec: 4 }, c.now);
    expect([b.reserve(), b.reserve(), b.reserve(), b.reserve()]).toEqual([0, 0, 250, 500]);
    c.advance(500);
    expect(b.reserve()).toBe(250);
    expect(b.reserve(100)).toBe(-1); // would wait 500 ms: refused, nothing booked
    c.advance(10_000);
    expect(b.reserve()).toBe(0); // refilled, but never beyond capacity
    expect(b.reserve()).toBe(0);
    expect(b.reserve()).toBe(250);
  });

  it('the registry waits for tokens through the injected sleep', async () => {
    const c = fakeClock();
    const calls: number[] = [];
    const reg = new ProviderRegistry({
      adapters: [scripted('frankfurter', () => OK, calls, c.now)],
      config: { fx: [{ id: 'frankfurter', enabled: true }] },
      rateLimits: { frankfurter: { capacity: 1, refillPerSec: 0.5 } },
      now: c.now,
      sleep: c.sleep,
      env: {},
    });
    for (let i = 0; i < 3; i++) await reg.dailyHistory(FX, '2020-01-01', '2020-01-03');
    expect(calls.map((t) => t - 1_000_000)).toEqual([0, 2000, 4000]);
  });

  it('moves on instead of waiting longer than maxTokenWaitMs', async () => {
    const c = fakeClock();
    const reg = new ProviderRegistry({
      adapters: [scripted('alpha-vantage', () => OK), scripted('bundled', () => OK)],
      config: { fx: [{ id: 'alpha-vantage', enabled: true }, { id: 'bundled', enabled: true }] },
      rateLimits: { 'alpha-vantage': { capacity: 1, refillPerSec: 1 / 60 } },
      maxTokenWaitMs: 5000,
      now: c.now,
      sleep: c.sleep,
      env: {},
    });
    expect((await reg.dailyHistory(FX, '2020-01-01', '2020-01-02')).provider).toBe('alpha-vantage');
    const second = await reg.dailyHistory(FX, '2020-01-01', '2020-01-02');
    expect(second.provider).toBe('bundled');
    expect(second.attempts[0]).toMatchObject({ provider: 'alpha-vantage', outcome: 'skipped', reason: 'rate_limit_wait', retryAfterMs: 60_000 });
  });
});

describe('circuit breaker', () => {
  it('opens after N failures, half-opens after the cool-down with one trial, closes on success', () => {
    const c = fakeClock();
    const b = new CircuitBreaker({ failureThreshold: 2, cooldownMs: 1000 }, c.now);
    expect(b.tryAcquire()).toBe(true);
    b.onFailure();
    expect(b.current()).toBe('closed');
    b.onFailure();
    expect(b.current()).toBe('open');
    expect(b.tryAcquire()).toBe(false);
    c.advance(999);
    expect(b.tryAcquire()).toBe(false);
    c.advance(1);
    expect(b.current()).toBe('half_open');
    expect(b.tryAcquire()).toBe(true);
    expect(b.tryAcquire()).toBe(false); // only one trial at a time
    b.onFailure();
    expect(b.current()).toBe('open'); // failed trial: another full cool-down
    c.advance(1000);
    expect(b.tryAcquire()).toBe(true);
    b.onSuccess();
    expect(b.current()).toBe('closed');
  });

  it('in the registry: a failing provider is skipped while open and retried half-open', async () => {
    const c = fakeClock();
    let healthy = false;
    const calls: number[] = [];
    const reg = new ProviderRegistry({
      adapters: [scripted('frankfurter', () => (healthy ? OK : 'transient'), calls, c.now), scripted('ecb', () => OK)],
      config: { fx: [{ id: 'frankfurter', enabled: true }, { id: 'ecb', enabled: true }] },
      breaker: { failureThreshold: 3, cooldownMs: 60_000 },
      now: c.now,
      sleep: c.sleep,
      env: {},
    });
    for (let i = 0; i < 3; i++) {
      const a = await reg.dailyHistory(FX, '2020-01-01', '2020-01-02');
      expect(a.provider).toBe('ecb');
      expect(a.attempts[0]).toMatchObject({ provider: 'frankfurter', outcome: 'failed', reason: 'transient' });
    }
    const skipped = await reg.dailyHistory(FX, '2020-01-01', '2020-01-02');
    expect(skipped.attempts[0]).toMatchObject({ provider: 'frankfurter', outcome: 'skipped', reason: 'circuit_open', retryAfterMs: 60_000 });
    expect(calls).toHaveLength(3);
    expect(reg.health().find((h) => h.id === 'frankfurter')?.breaker).toBe('open');

    c.advance(60_000);
    healthy = true;
    const trial = await reg.dailyHistory(FX, '2020-01-01', '2020-01-02');
    expect(trial.provider).toBe('frankfurter');
    expect(reg.health().find((h) => h.id === 'frankfurter')?.breaker).toBe('closed');
  });

  it('not_found does not count against a provider', async () => {
    const c = fakeClock();
    const reg = new ProviderRegistry({
      adapters: [scripted('frankfurter', () => 'not_found'), scripted('ecb', () => OK)],
      config: { fx: [{ id: 'frankfurter', enabled: true }, { id: 'ecb', enabled: true }] },
      breaker: { failureThreshold: 1, cooldownMs: 60_000 },
      now: c.now,
      sleep: c.sleep,
      env: {},
    });
    await reg.dailyHistory(FX, '2020-01-01', '2020-01-02');
    const again = await reg.dailyHistory(FX, '2020-01-01', '2020-01-02');
    expect(again.attempts[0]).toMatchObject({ provider: 'frankfurter', outcome: 'failed', reason: 'not_found' });
  });

  it('when everything fails the error says the most useful kind and carries the attempts', async () => {
    const c = fakeClock();
    const reg = new ProviderRegistry({
      adapters: [scripted('frankfurter', () => 'not_found'), scripted('ecb', () => 'auth')],
      config: { fx: [{ id: 'frankfurter', enabled: true }, { id: 'ecb', enabled: true }] },
      now: c.now,
      sleep: c.sleep,
      env: {},
    });
    await expect(reg.dailyHistory(FX, '2020-01-01', '2020-01-02')).rejects.toMatchObject({ kind: 'auth', attempts: [{ reason: 'not_found' }, { reason: 'auth' }] });
  });
});

describe('Retry-After and base URLs', () => {
  it('parses delta-seconds and HTTP-dates', () => {
    const now = Date.parse('2020-03-07T12:00:00Z');
    expect(parseRetryAfter('120', now)).toBe(120_000);
    expect(parseRetryAfter('Sat, 07 Mar 2020 12:01:30 GMT', now)).toBe(90_000);
    expect(parseRetryAfter('Sat, 07 Mar 2020 11:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
  });

  it('setting > env > default, trailing slash dropped', () => {
    expect(envVarFor('open-exchange-rates')).toBe('BOURSE_OPEN_EXCHANGE_RATES_URL');
    expect(envVarFor('yahoo')).toBe('BOURSE_YAHOO_URL');
    const env = { BOURSE_YAHOO_URL: 'http://127.0.0.1:9/yahoo/' };
    expect(resolveBaseUrl('yahoo', undefined, env, 'https://query1.finance.yahoo.com')).toBe('http://127.0.0.1:9/yahoo');
    expect(resolveBaseUrl('yahoo', { id: 'yahoo', enabled: true, baseUrl: 'https://mirror.example/y' }, env, 'x')).toBe('https://mirror.example/y');
    expect(resolveBaseUrl('yahoo', undefined, {}, 'https://query1.finance.yahoo.com')).toBe('https://query1.finance.yahoo.com');
  });
});
