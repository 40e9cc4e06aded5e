import { describe, expect, it } from 'vitest';
import { addDays, cross, fillForward, invert, nextDay } from '../../shared/fx.js';

const pub = (date: string, rate: string) => ({ date, rate, source: 'ecb' });

describe('fillForward', () => {
  it('carries Friday over the weekend and marks it filled', () => {
    const s = fillForward([pub('2024-03-01', '1.0838'), pub('2024-03-04', '1.0853')], '2024-03-01', '2024-03-04');
    expect(s.map((p) => [p.date, p.rate, p.filled, p.publishedDate])).toEqual([
      ['2024-03-01', '1.0838', false, '2024-03-01'],
      ['2024-03-02', '1.0838', true, '2024-03-01'],
      ['2024-03-03', '1.0838', true, '2024-03-01'],
      ['2024-03-04', '1.0853', false, '2024-03-04'],
    ]);
  });

  it('starts a range that opens on a Sunday from the last publication before it', () => {
    const s = fillForward([pub('2024-03-01', '1.0838'), pub('2024-03-04', '1.0853')], '2024-03-03', '2024-03-04');
    expect(s[0]).toMatchObject({ date: '2024-03-03', rate: '1.0838', filled: true });
  });

  it('never fills past the last published date', () => {
    const s = fillForward([pub('2024-03-01', '1.0838')], '2024-03-01', '2024-03-10');
    expect(s).toHaveLength(1);
  });

  it('returns nothing before the first publication', () => {
    expect(fillForward([pub('2024-03-05', '1.1')], '2024-03-01', '2024-03-04')).toEqual([]);
  });
});

describe('rate arithmetic is exact decimal', () => {
  it('inverts and crosses without float noise', () => {
    expect(invert('0.8')).toBe('1.25');
    expect(cross('1.1', '0.9')).toBe('0.99');
    expect(invert('3')).toBe('0.333333333333');
  });
  it('adds days across a leap day', () => {
    expect(addDays('2024-02-28', 2)).toBe('2024-03-01');
  });
  it('steps one calendar day at a time as the calendar does, leap years and year ends included', () => {
    // Every day from 1899 to 2101: 1900 and 2100 are not leap years, 2000 is.
    let day = '1899-12-25';
    let ms = Date.parse(`${day}T00:00:00Z`);
    const wrong: string[] = [];
    for (let i = 0; i < 74_000; i++) {
      const next = nextDay(day);
      ms += 86_400_000;
      const want = new Date(ms).toISOString().slice(0, 10);
      if (next !== want) wrong.push(`${day} → ${next}, not ${want}`);
      day = want;
    }
    expect(wrong).toEqual([]);
    expect(day > '2101-12-31').toBe(true);
  });
});
