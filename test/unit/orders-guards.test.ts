import { describe, expect, it } from 'vitest';
import { checkCash, checkFreshPrice, checkHolding, checkMaxValue, checkNearLastClose, checkOrderRate, runGuards } from '../../shared/orders/guards.js';

const code = (r: { ok: boolean; error?: { code: string } }) => (r.ok ? 'ok' : r.error!.code);

describe('order guards', () => {
  it('refuses a stale price', () => {
    expect(code(checkFreshPrice({ priceTs: 1_000, now: 31_000, maxAgeMs: 30_000 }))).toBe('ok');
    const r = checkFreshPrice({ priceTs: 1_000, now: 31_001, maxAgeMs: 30_000 });
    expect(r).toMatchObject({ ok: false, error: { code: 'STALE_PRICE', details: { ageMs: 30_001 } } });
  });

  it('asks for confirmation far from the last close, not after confirming', () => {
    expect(code(checkNearLastClose({ price: '110', lastClose: '100' }))).toBe('ok'); // exactly 10 %
    expect(checkNearLastClose({ price: '110.01', lastClose: '100' })).toMatchObject({ ok: false, error: { code: 'PRICE_NEEDS_CONFIRMATION', details: { deviation: '0.1001' } } });
    expect(code(checkNearLastClose({ price: '50', lastClose: '100', maxDeviation: '0.5' }))).toBe('ok');
    expect(code(checkNearLastClose({ price: '200', lastClose: '100', confirmed: true }))).toBe('ok');
    expect(code(checkNearLastClose({ price: '200', lastClose: undefined }))).toBe('ok');
  });

  it('caps the order value, the order rate, cash and holdings', () => {
    expect(code(checkMaxValue({ value: '10000.00', max: '10000' }))).toBe('ok');
    expect(code(checkMaxValue({ value: '10000.01', max: '10000' }))).toBe('ORDER_TOO_LARGE');
    expect(code(checkMaxValue({ value: '1e9', max: undefined }))).toBe('ok');
    const now = 100_000;
    expect(code(checkOrderRate({ recent: [40_000, 50_000, 99_000], now, perMinute: 3 }))).toBe('ok'); // 40 000 is out of the window
    expect(code(checkOrderRate({ recent: [41_000, 50_000, 99_000], now, perMinute: 3 }))).toBe('TOO_MANY_ORDERS');
    expect(code(checkCash({ available: '301.30', required: '301.30' }))).toBe('ok');
    expect(code(checkCash({ available: '301.29', required: '301.30' }))).toBe('INSUFFICIENT_FUNDS');
    expect(code(checkHolding({ available: '0.1', required: '0.100000000000000001' }))).toBe('INSUFFICIENT_HOLDING');
  });

  it('runGuards returns the first refusal and stops there', () => {
    let ran = 0;
    const r = runGuards([
      () => checkFreshPrice({ priceTs: 0, now: 1, maxAgeMs: 10 }),
      () => checkMaxValue({ value: '5', max: '1' }),
      () => {
        ran++;
        return checkCash({ available: '0', required: '1' });
      },
    ]);
    expect(code(r)).toBe('ORDER_TOO_LARGE');
    expect(ran).toBe(0);
    expect(code(runGuards([]))).toBe('ok');
  });
});
