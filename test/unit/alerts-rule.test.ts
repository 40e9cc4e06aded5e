import { describe, expect, it } from 'vitest';
import { meets, movePercent, step } from '../../shared/alerts.js';
import { gapsOf } from '../../main/health/gaps.js';

describe('alert terms', () => {
  it('above and below include the threshold; exact decimals, no float rounding', () => {
    expect(meets('above', '150', '150', null)).toBe(true);
    expect(meets('above', '150', '149.999999999999999999', null)).toBe(false);
    expect(meets('below', '0.3', '0.30000000000000000001', null)).toBe(false);
    expect(meets('below', '0.3', '0.3', null)).toBe(true);
  });

  it('a daily move compares the change from the last close either way; without a close it is undecided', () => {
    expect(movePercent('105', '100').toFixed()).toBe('5');
    expect(meets('move', '5', '105', '100')).toBe(true);
    expect(meets('move', '5', '95', '100')).toBe(true);
    expect(meets('move', '5', '95.01', '100')).toBe(false);
    expect(meets('move', '5', '95', null)).toBeNull();
  });

  it('fires once per crossing: fire when armed and met, re-arm only when no longer met', () => {
    expect(step(true, true)).toBe('fire');
    expect(step(false, true)).toBeNull();
    expect(step(false, false)).toBe('rearm');
    expect(step(true, false)).toBeNull();
    expect(step(true, null)).toBeNull();
  });
});

describe('gaps in a stored series', () => {
  it('counts weekdays without a date and names the longest run across a weekend', () => {
    // 2024-01-05 is a Friday; the 8th a Monday. Missing: Tue 9th, then Thu 11th … Tue 16th (4 weekdays).
    const g = gapsOf(['2024-01-04', '2024-01-05', '2024-01-08', '2024-01-10', '2024-01-17']);
    expect(g).toEqual({ weekdays: 5, longest: { from: '2024-01-11', to: '2024-01-16', weekdays: 4 } });
    expect(gapsOf(['2024-01-05', '2024-01-08'])).toEqual({ weekdays: 0, longest: null });
    expect(gapsOf([])).toEqual({ weekdays: 0, longest: null });
  });
});
