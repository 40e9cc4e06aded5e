import { Database } from '../support/db-key.js';
import fc from 'fast-check';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compose, type App } from '../../main/compose.js';
import { channels, isChannel, type Channel } from '../../shared/contract/index.js';
import { ErrorCodes, type Result } from '../../shared/errors.js';
import { BigDecimal as D } from '../../shared/decimal/engine.js';
import { key, ok } from '../support/app.js';
import { auditProfileDb, ledgerFingerprint, profileDbFile } from '../support/ledger.js';
import { fakeClock, testComposeOptions } from '../support/options.js';

/**
 * Property-based abuse of the whole contract: thousands of random payloads at every channel, signed out and signed
 * in. Every answer must be a well-formed result, refused money requests must write nothing, accepted ones must move
 * the balance by exactly their amount, and the process must stay up and unpolluted.
 */
function show(v: unknown): string {
  try {
    return typeof v === 'string' ? v.slice(0, 40) : (JSON.stringify(v) ?? typeof v).slice(0, 40);
  } catch {
    return typeof v;
  }
}

const RUNS = Number(process.env.FUZZ_RUNS ?? 2000);
const OWNER = { username: 'fuzz-owner', password: 'fuzz-owner-password' };
const CHANNELS = Object.keys(channels) as Channel[];
const MONEY = new Set<string>(['wallet:deposit', 'wallet:withdraw']);
/** Channels that must leave wallets, ledger and idempotency keys alone even when they succeed. */
const READ_ONLY_FOR_MONEY = new Set<string>([
  ...Object.keys(channels).filter((c) => /^(profile|session|settings):/.test(c)),
  'wallet:list',
  'wallet:entries',
  'currency:list',
]);
const BIG = 'x'.repeat(100_000);
const BIG_DIGITS = '9'.repeat(100_000);

const fieldNames = [...new Set(CHANNELS.flatMap((c) => Object.keys(shapeOf(c))))];
function shapeOf(c: Channel): Record<string, unknown> {
  // An object schema has a shape; a discriminated union (activity:record) has options with one each.
  const s = channels[c].request as unknown as { shape?: Record<string, unknown>; options?: { shape?: Record<string, unknown> }[] };
  return s.shape ?? Object.assign({}, ...(s.options ?? []).map((o) => o.shape ?? {}));
}

const dangerousKey = fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'valueOf', 'hasOwnProperty', 'then');
const anyKey = fc.oneof(fc.string({ maxLength: 12 }), dangerousKey, fc.constantFrom(...fieldNames));
const anything = fc.anything({
  key: anyKey,
  maxDepth: 3,
  maxKeys: 6,
  withBigInt: true,
  withDate: true,
  withMap: true,
  withSet: true,
  withNullPrototype: true,
  withTypedArray: true,
  withSparseArray: true,
  withBoxedValues: true,
  withObjectString: true,
});
const hugeString = fc.constantFrom(BIG, BIG_DIGITS, `${BIG_DIGITS}.00`, `1.${BIG_DIGITS}`);

const amountArb = fc.oneof(
  { weight: 3, arbitrary: fc.stringMatching(/^[1-9]\d{0,3}(\.\d{1,4})?$/) }, // often valid, sometimes too precise
  fc.constantFrom(
    '0', '0.00', '00', '-1', '-0.01', '+5', '1e3', '1E-2', '1e309', '1.', '.5', '01', '1.5.5', 'NaN', 'Infinity',
    '-Infinity', ' 1', '1 ', '1,50', '0x1F', '0b11', '١٢٣', '１２', '1_000', '9'.repeat(15), '9'.repeat(16),
    `${'9'.repeat(15)}.${'9'.repeat(18)}`, `${'9'.repeat(15)}.${'9'.repeat(19)}`, '999999999999999.99',
    '0.001', '0.000000000000000001', '0.0000000000000000001', '-0', '1\n', '\u200b1', '',
  ),
  fc.stringMatching(/^[+-]?\d{0,20}(\.\d{0,20})?([eE][+-]?\d{1,3})?$/),
  fc.double(),
  fc.integer(),
  fc.bigInt(),
  hugeString,
  anything,
);
const currencyArb = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom('USD', 'EUR', 'JPY', 'BHD', 'CHF', 'GBP') },
  fc.constantFrom('usd', 'US', 'USDD', 'ABC', 'XXX', 'XAU', 'XTS', 'XDR', 'ZZZ', 'QQQ', '', '€', 'US$', 'U\u0053D', 'ＵＳＤ'),
  fc.stringMatching(/^[A-Z]{3}$/),
  fc.string({ maxLength: 5 }),
  hugeString,
  anything,
);
const keyArb = fc.oneof(
  { weight: 3, arbitrary: fc.stringMatching(/^[A-Za-z0-9._:-]{8,24}$/) },
  fc.constantFrom('', 'short', 'k'.repeat(129), 'has space in it', '__proto__', 'constructor', 'ключ-ключ-ключ'),
  fc.string(),
  hugeString,
  anything,
);
const noteArb = fc.oneof(fc.string({ maxLength: 40 }), fc.constant('n'.repeat(501)), hugeString, anything);

/** Money requests: right keys, wrong or hostile values, sometimes a missing or an extra (polluting) key. */
const moneyPayload = fc
  .record(
    { currency: currencyArb, amount: amountArb, note: noteArb, idempotencyKey: keyArb, extra: anything },
    { requiredKeys: [] },
  )
  .chain((r) =>
    fc.constantFrom('plain', 'withProto', 'withConstructor').map((how) => {
      const { extra, ...rest } = r;
      if (how === 'plain') return rest;
      // An own "__proto__"/"constructor" key as JSON.parse makes it (what a transport would hand over).
      const k = how === 'withProto' ? '__proto__' : 'constructor';
      const body = JSON.stringify(rest, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v));
      const evil = `"${k}":{"polluted":"yes","prototype":{"polluted":"yes"},"extra":"${typeof extra}"}`;
      return JSON.parse(body === '{}' ? `{${evil}}` : `{${evil},${body.slice(1)}`) as unknown;
    }),
  );

/** A valid money request with at most one field made wrong (or dropped, or one key added): refusals for one reason. */
const nearValidMoney = fc
  .record({
    currency: fc.constantFrom('USD', 'EUR', 'JPY', 'BHD', 'CHF'),
    amount: fc.stringMatching(/^[1-9]\d{0,2}(\.\d{1,3})?$/),
    note: fc.option(fc.string({ maxLength: 30 }), { nil: undefined }),
    // A small shared pool makes keys repeat: replays (same request) and conflicts (another request) both happen.
    idempotencyKey: fc.oneof(fc.stringMatching(/^[A-Za-z0-9._:-]{8,24}$/), fc.constantFrom('pool-key-1', 'pool-key-2', 'pool-key-3')),
  })
  .chain((base) =>
    fc.oneof(
      { weight: 2, arbitrary: fc.constant(base) },
      fc.record({ field: fc.constantFrom('currency', 'amount', 'note', 'idempotencyKey'), value: fc.oneof(amountArb, currencyArb, keyArb, noteArb) }).map(
        ({ field, value }) => ({ ...base, [field]: value }),
      ),
      fc.constantFrom('currency', 'amount', 'idempotencyKey').map((field) => {
        const copy: Record<string, unknown> = { ...base };
        delete copy[field];
        return copy;
      }),
      fc.tuple(anyKey, anything).map(([k, v]) => Object.defineProperty({ ...base }, k, { value: v, enumerable: true })),
    ),
  )
  .map((p) => JSON.parse(JSON.stringify(p, (_k, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v))) as unknown);

/** Every field of the channel present, each with a random (mostly wrong) value. */
function wrongTypes(c: Channel) {
  const names = Object.keys(shapeOf(c));
  return names.length
    ? fc.record(Object.fromEntries(names.map((n) => [n, fc.oneof(anything, hugeString, fc.constant(null))])), {
        requiredKeys: names,
      })
    : fc.dictionary(anyKey, anything, { maxKeys: 3 });
}

/** Plausible requests for the non-money channels, so valid answers get checked against their schema too. */
const plausible: Partial<Record<Channel, fc.Arbitrary<unknown>>> = {
  'profile:create': fc.record({ username: fc.stringMatching(/^[a-z]{1,10}$/), password: fc.string({ minLength: 8, maxLength: 12 }) }),
  'profile:login': fc.record({ username: fc.oneof(fc.constant(OWNER.username), fc.string({ maxLength: 10 })), password: fc.string({ maxLength: 12 }) }),
  'session:unlock': fc.record({ password: fc.string({ maxLength: 12 }) }),
  'wallet:list': fc.record({ latest: fc.integer({ min: -5, max: 60 }) }, { requiredKeys: [] }),
  'wallet:open': fc.record({ currency: currencyArb }),
  'wallet:entries': fc.record(
    { currency: currencyArb, limit: fc.oneof(fc.integer({ min: -1, max: 600 }), fc.double()), beforeId: fc.oneof(fc.integer(), fc.double()) },
    { requiredKeys: ['currency'] },
  ),
  'settings:update': fc.record(
    {
      baseCurrency: currencyArb,
      theme: fc.oneof(fc.constantFrom('system', 'light', 'dark', 'DARK', ''), anything),
      locale: fc.oneof(fc.constantFrom('en-US', 'de-CH', 'fr', 'xx-YY', 'zz', 'en_US', 'en-', 'x'.repeat(36)), fc.string()),
      idleLockMinutes: fc.oneof(fc.integer({ min: -10, max: 2000 }), fc.double(), fc.constant(0)),
    },
    { requiredKeys: [] },
  ),
};

function payloadFor(c: Channel): fc.Arbitrary<unknown> {
  const options: fc.Arbitrary<unknown>[] = [anything, fc.jsonValue(), wrongTypes(c), fc.constantFrom(undefined, null, {}, [], '', 0, BIG)];
  if (MONEY.has(c)) options.push(moneyPayload, moneyPayload, nearValidMoney, nearValidMoney);
  const p = plausible[c];
  if (p) options.push(p, p);
  return fc.oneof(...options);
}

const anyCall = fc.constantFrom(...CHANNELS).chain((c) => payloadFor(c).map((payload) => ({ channel: c as unknown, payload })));
const moneyCall = fc
  .constantFrom('wallet:deposit', 'wallet:withdraw')
  .chain((c) => fc.oneof(moneyPayload, nearValidMoney, nearValidMoney).map((payload) => ({ channel: c as unknown, payload })));
const unknownCall = fc.record({
  channel: fc
    .oneof(
      fc.string(),
      fc.constantFrom('__proto__', 'constructor', 'toString', 'hasOwnProperty', 'wallet:Deposit', 'wallet:deposit ', 'wallet', BIG),
      anything,
    )
    .filter((c) => !isChannel(c)),
  payload: fc.oneof(anything, moneyPayload),
});

describe('fuzz: random payloads at every channel', () => {
  let dir: string;
  let app: App;
  let ownerId: string;
  let reader: Database.Database;
  const clock = fakeClock();
  const logged: unknown[] = [];
  const protoBefore = Object.getOwnPropertyNames(Object.prototype).sort();
  /** ok money results by idempotency key: a later ok answer with the same key must be the very same replay. */
  const firstResults = new Map<string, unknown>();
  const stats = { calls: 0, ok: 0, moneyOk: 0, moneyRefused: 0, codes: new Map<string, number>() };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'bourse-fuzz-'));
    app = await compose(testComposeOptions(dir, { now: clock.now, logger: { error: (m, e) => logged.push([m, e]) } }));
    const s = await ok<{ profile: { id: string } }>(app.dispatch('profile:create', OWNER));
    ownerId = s.profile.id;
    for (const [currency, amount] of [['USD', '1000'], ['JPY', '100000'], ['BHD', '10.5'], ['EUR', '0.01']]) {
      await ok(app.dispatch('wallet:deposit', { currency, amount, idempotencyKey: key('seed') }));
    }
    reader = new Database(profileDbFile(dir, ownerId), { readonly: true, fileMustExist: true });
  });
  afterAll(async () => {
    reader?.close();
    await app?.close();
    rmSync(dir, { recursive: true, force: true });
    console.info(
      `fuzz: ${stats.calls} calls, ${stats.ok} ok, money ok ${stats.moneyOk} / refused ${stats.moneyRefused}, codes ${JSON.stringify(Object.fromEntries(stats.codes))}`,
    );
  });

  async function call(channel: unknown, payload: unknown): Promise<Result<unknown>> {
    const r = await app.dispatch(channel, payload);
    stats.calls += 1;
    // The answer is well-formed data that survives a JSON transport unchanged.
    expect(typeof r.ok).toBe('boolean');
    expect(JSON.parse(JSON.stringify(r))).toEqual(r);
    if (r.ok) {
      stats.ok += 1;
      expect(isChannel(channel)).toBe(true);
      const parsed = channels[channel as Channel].response.safeParse(r.data);
      expect(parsed.success, `${show(channel)} answered outside its schema: ${JSON.stringify(r.data).slice(0, 300)}`).toBe(true);
    } else {
      stats.codes.set(r.error.code, (stats.codes.get(r.error.code) ?? 0) + 1);
      expect(ErrorCodes).toContain(r.error.code);
      expect(r.error.code, `${show(channel)} ${r.error.message}`).not.toBe('INTERNAL');
      expect(typeof r.error.message).toBe('string');
      expect(r.error.message.length).toBeGreaterThan(0);
      expect(r.error.message.length).toBeLessThan(2000);
      expect(Object.keys(r.error).every((k) => ['code', 'message', 'details'].includes(k))).toBe(true);
      if (!isChannel(channel)) expect(r.error.code).toBe('UNKNOWN_CHANNEL');
    }
    return r;
  }

  /** Brings the app back to the mode under test (the fuzz may log out, lock, switch profile or trip the backoff). */
  async function restore(mode: 'in' | 'out'): Promise<void> {
    for (let i = 0; i < 12; i++) {
      const s = await ok<{ profile: { id: string } | null; locked: boolean }>(app.dispatch('session:get', {}));
      if (mode === 'out') {
        if (!s.profile) return;
        await ok(app.dispatch('profile:logout', {}));
        continue;
      }
      if (s.profile?.id === ownerId && !s.locked) return;
      const r = s.profile?.id === ownerId
        ? await app.dispatch('session:unlock', { password: OWNER.password })
        : await app.dispatch('profile:login', OWNER);
      if (!r.ok) {
        expect(r.error.code).toBe('TOO_MANY_ATTEMPTS');
        clock.advance(Number(r.error.details?.retryAfterMs ?? 0) + 1);
      }
    }
    throw new Error(`could not restore the ${mode} session`);
  }

  const walletList = async () => ok<{ currency: string; balance: string }[]>(app.dispatch('wallet:list', { latest: 50 }));

  async function check(mode: 'in' | 'out', channel: unknown, payload: unknown): Promise<void> {
    await restore(mode);
    const before = ledgerFingerprint(reader);
    const isMoney = typeof channel === 'string' && MONEY.has(channel);
    const listBefore = mode === 'in' && isMoney ? await walletList() : undefined;
    const r = await call(channel, payload);
    const after = ledgerFingerprint(reader);
    if (mode === 'out') {
      if (isChannel(channel) && channels[channel].auth === 'session' && !r.ok) {
        expect(['INVALID_INPUT', 'UNAUTHENTICATED']).toContain(r.error.code);
      }
      if (isChannel(channel) && channels[channel].auth === 'session') expect(r.ok).toBe(false);
      expect(after, 'a signed-out call changed the ledger').toBe(before);
      return;
    }
    if (!isMoney) {
      // A refusal never writes; and the channels that are not about money never touch the money tables.
      if (!r.ok || READ_ONLY_FOR_MONEY.has(channel as string)) {
        expect(after, `${show(channel)} changed the ledger`).toBe(before);
      }
      return;
    }
    if (!r.ok) {
      stats.moneyRefused += 1;
      expect(after, 'a refused money request wrote something').toBe(before);
      expect(await walletList()).toEqual(listBefore);
      return;
    }
    stats.moneyOk += 1;
    const req = payload as { currency: string; amount: string; idempotencyKey: string };
    const data = r.data as { entry: { amount: string }; balance: string };
    const seen = firstResults.get(req.idempotencyKey);
    if (seen !== undefined) {
      expect(r.data, 'a replayed key must return its first result').toEqual(seen);
      expect(after).toBe(before);
      return;
    }
    firstResults.set(req.idempotencyKey, r.data);
    const sign = channel === 'wallet:deposit' ? 1 : -1;
    const old = listBefore!.find((w) => w.currency === req.currency)?.balance ?? '0';
    const want = new D(old).plus(new D(req.amount).times(sign));
    expect(new D(data.balance).equals(want), `${show(channel)} ${req.amount} ${req.currency}: ${old} -> ${data.balance}`).toBe(true);
    expect(new D(data.entry.amount).equals(new D(req.amount).times(sign))).toBe(true);
    expect(new D(data.balance).isNegative()).toBe(false);
    const now = (await walletList()).find((w) => w.currency === req.currency);
    expect(now?.balance).toBe(data.balance);
  }

  for (const mode of ['out', 'in'] as const) {
    describe(mode === 'in' ? 'signed in' : 'signed out', () => {
      it(`any channel, any payload (${RUNS} runs)`, async () => {
        await fc.assert(fc.asyncProperty(anyCall, ({ channel, payload }) => check(mode, channel, payload)), { numRuns: RUNS });
      });
      it(`money channels, hostile amounts/currencies/keys (${RUNS} runs)`, async () => {
        await fc.assert(fc.asyncProperty(moneyCall, ({ channel, payload }) => check(mode, channel, payload)), { numRuns: RUNS });
      });
      it(`unknown channels (${Math.ceil(RUNS / 3)} runs)`, async () => {
        await fc.assert(fc.asyncProperty(unknownCall, ({ channel, payload }) => check(mode, channel, payload)), {
          numRuns: Math.ceil(RUNS / 3),
        });
      });
    });
  }

  it('afterwards: nothing logged as internal, no prototype polluted, the app still works, the ledger is consistent', async () => {
    expect(logged).toEqual([]);
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(protoBefore);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    await restore('in');
    const r = await ok<{ balance: string }>(app.dispatch('wallet:deposit', { currency: 'CHF', amount: '1.05', idempotencyKey: key('after') }));
    expect(new D(r.balance).greaterThanOrEqualTo('1.05')).toBe(true);
    const audit = auditProfileDb(profileDbFile(dir, ownerId));
    expect(audit.problems).toEqual([]);
    expect(stats.moneyOk).toBeGreaterThan(10);
    expect(stats.moneyRefused).toBeGreaterThan(100);
  });
});
