import { describe, expect, it } from 'vitest';
import { describeError, waitText } from '../../renderer/src/format/errors.js';
import { checkNewProfile } from '../../renderer/src/pages/profile-rules.js';

describe('renderer error messages', () => {
  it('spells out a refused withdrawal with formatted amounts', () => {
    const msg = describeError(
      {
        code: 'INSUFFICIENT_FUNDS',
        message: 'Not enough EUR: the balance is 70.00.',
        details: { currency: 'EUR', balance: '70.00', requested: '1000.00' },
      },
      'en-US',
      () => 2,
    );
    expect(msg).toBe('Not enough EUR: you asked to withdraw €1,000.00 but the balance is €70.00. Nothing was changed.');
  });

  it('passes other server messages through', () => {
    expect(describeError({ code: 'INVALID_CREDENTIALS', message: 'Wrong username or password.' }, 'en-US', () => 2)).toBe(
      'Wrong username or password.',
    );
  });

  it('says how long to wait', () => {
    expect(waitText(4_200)).toBe('5 seconds');
    expect(waitText(1)).toBe('1 second');
    expect(waitText(90_000)).toBe('1 min 30 s');
    expect(waitText(300_000)).toBe('5 min');
  });
});

describe('renderer new-profile checks', () => {
  it('mirrors the contract rules', () => {
    expect(checkNewProfile('alice', 'correct horse', 'correct horse')).toBeNull();
    expect(checkNewProfile('', 'x', 'x')).toMatch(/username/);
    expect(checkNewProfile(' alice', 'correct horse', 'correct horse')).toMatch(/space/);
    expect(checkNewProfile('al/ice', 'correct horse', 'correct horse')).toMatch(/letters/);
    expect(checkNewProfile('alice', 'short', 'short')).toMatch(/8 characters/);
    expect(checkNewProfile('alice', 'correct horse', 'correct horsf')).toMatch(/do not match/);
  });
});

describe('renderer settings placeholder', () => {
  it('matches the contract defaults', async () => {
    const { DEFAULT_SETTINGS } = await import('../../shared/contract/index.js');
    const { PLACEHOLDER } = await import('../../renderer/src/stores/settings-placeholder.js');
    expect(PLACEHOLDER).toEqual(DEFAULT_SETTINGS);
  });
});
