import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { requestHash } from '../../main/store/idempotency.js';

describe('requestHash', () => {
  it('ignores key order and the idempotency key itself', () => {
    const a = requestHash('wallet:deposit', { currency: 'EUR', amount: '10', note: 'x', idempotencyKey: 'k-1-aaaaaa' });
    const b = requestHash('wallet:deposit', { idempotencyKey: 'other-key-2', note: 'x', amount: '10', currency: 'EUR' });
    const c = requestHash('wallet:deposit', { amount: '10', currency: 'EUR', note: 'x' });
    expect(a).toBe(b);
    expect(a).toBe(c);
    expect(a).toMatch(/^[0-9a-f]{64}$/);
  });

  it('is stable across versions (a pinned vector: stored keys must keep matching after an upgrade)', () => {
    const h = requestHash('wallet:deposit', { currency: 'USD', amount: '1.00', idempotencyKey: 'x' });
    expect(h).toBe('478137555183abe37fddac415b73ad1931108a0a4c2b9e4ab7943f991d6e61d1');
    expect(requestHash('wallet:deposit', { amount: '1.00', currency: 'USD' })).toBe(h);
  });

  it('sees fields inside nested objects and arrays, whatever their key order', () => {
    const a = requestHash('x:y', { trading: { spreadBps: '10', feeRate: '0.1' }, list: [{ b: 1, a: 2 }] });
    expect(requestHash('x:y', { list: [{ a: 2, b: 1 }], trading: { feeRate: '0.1', spreadBps: '10' } })).toBe(a);
    expect(requestHash('x:y', { trading: { spreadBps: '11', feeRate: '0.1' }, list: [{ b: 1, a: 2 }] })).not.toBe(a);
    expect(requestHash('x:y', { trading: { spreadBps: '10', feeRate: '0.1' }, list: [{ b: 1, a: 3 }] })).not.toBe(a);
  });

  it('differs for a different channel or any different field', () => {
    const base = { currency: 'EUR', amount: '10', note: 'x' };
    const h = requestHash('wallet:deposit', base);
    expect(requestHash('wallet:withdraw', base)).not.toBe(h);
    expect(requestHash('wallet:deposit', { ...base, amount: '10.00' })).not.toBe(h);
    expect(requestHash('wallet:deposit', { ...base, currency: 'USD' })).not.toBe(h);
    expect(requestHash('wallet:deposit', { ...base, note: 'y' })).not.toBe(h);
    expect(requestHash('wallet:deposit', { currency: 'EUR', amount: '10' })).not.toBe(h);
    // The channel separator keeps "a" + "b:c" apart from "a:b" + "c"-style collisions.
    expect(requestHash('wallet:deposi', { t: 1 })).not.toBe(requestHash('wallet:deposit', {}));
  });

  it('random payloads: permutation- and key-invariant, injective on the fields we vary', () => {
    const payload = fc.record(
      {
        currency: fc.stringMatching(/^[A-Z]{3}$/),
        amount: fc.stringMatching(/^[1-9]\d{0,5}(\.\d{1,2})?$/),
        note: fc.string({ maxLength: 20 }),
      },
      { requiredKeys: ['currency', 'amount'] },
    );
    fc.assert(
      fc.property(payload, payload, fc.string({ minLength: 8 }), fc.string({ minLength: 8 }), (p, q, k1, k2) => {
        const shuffled = Object.fromEntries(Object.entries(p).reverse());
        expect(requestHash('wallet:deposit', { ...p, idempotencyKey: k1 })).toBe(
          requestHash('wallet:deposit', { ...shuffled, idempotencyKey: k2 }),
        );
        const same = p.currency === q.currency && p.amount === q.amount && p.note === q.note;
        expect(requestHash('wallet:deposit', p) === requestHash('wallet:deposit', q)).toBe(same);
      }),
      { numRuns: 1000 },
    );
  });

  it('hashes the same text as sorted-key JSON built by map and join (keys stored before stay valid)', () => {
    // The text requestHash hashed before it was built by appending: any difference would orphan stored keys.
    const reference = (value: unknown): string => {
      if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : reference(v))).join(',')}]`;
      if (value && typeof value === 'object') {
        const o = value as Record<string, unknown>;
        const entries = Object.keys(o)
          .sort()
          .filter((k) => o[k] !== undefined)
          .map((k) => `${JSON.stringify(k)}:${reference(o[k])}`);
        return `{${entries.join(',')}}`;
      }
      return JSON.stringify(value) ?? 'null';
    };
    const value = fc.letrec((tie) => ({
      leaf: fc.oneof(fc.string(), fc.integer(), fc.boolean(), fc.constant(null), fc.constant(undefined)),
      node: fc.oneof({ maxDepth: 3 }, tie('leaf'), fc.array(tie('node'), { maxLength: 4 }), fc.dictionary(fc.string({ maxLength: 6 }), tie('node'), { maxKeys: 4 })),
    })).node;
    fc.assert(
      fc.property(fc.dictionary(fc.string({ maxLength: 6 }), value, { maxKeys: 5 }), (payload) => {
        const { idempotencyKey: _k, ...rest } = payload;
        expect(requestHash('x:y', payload)).toBe(createHash('sha256').update(`x:y\0${reference(rest)}`).digest('hex'));
      }),
      { numRuns: 500 },
    );
  });
});
