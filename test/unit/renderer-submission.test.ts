import { describe, expect, it } from 'vitest';
import { fingerprint, SubmissionKeys } from '../../renderer/src/api/submission.js';

function keys() {
  let n = 0;
  return new SubmissionKeys(() => `key-${++n}`);
}

describe('renderer idempotency keys', () => {
  const deposit = fingerprint({ kind: 'deposit', currency: 'EUR', amount: '100', note: '' });

  it('reuses the key when the same submission is retried after no answer', () => {
    const k = keys();
    expect(k.keyFor(deposit)).toBe('key-1');
    k.settle(false);
    expect(k.keyFor(deposit)).toBe('key-1');
  });

  it('uses a new key once the server answered, even for identical parameters', () => {
    const k = keys();
    expect(k.keyFor(deposit)).toBe('key-1');
    k.settle(true);
    expect(k.keyFor(deposit)).toBe('key-2');
  });

  it('uses a new key when the submission changed', () => {
    const k = keys();
    k.keyFor(deposit);
    k.settle(false);
    expect(k.keyFor(fingerprint({ kind: 'deposit', currency: 'EUR', amount: '101', note: '' }))).toBe('key-2');
  });

  it('fingerprints do not depend on key order', () => {
    expect(fingerprint({ a: '1', b: '2' })).toBe(fingerprint({ b: '2', a: '1' }));
  });

  it('defaults to random UUIDs', () => {
    const k = new SubmissionKeys();
    expect(k.keyFor('x')).toMatch(/^[0-9a-f-]{36}$/);
  });
});
