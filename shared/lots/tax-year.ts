import { AppError } from '../errors.js';
import { daysBetween } from '../fx.js';

/** Where a tax year starts: calendar years by default; the UK's starts on 6 April. */
export interface TaxYearStart {
  month: number;
  day: number;
}

export const CALENDAR_YEAR: TaxYearStart = { month: 1, day: 1 };

/** A lot held more than this many days is long term (the usual one-year rule). */
export const DEFAULT_HOLDING_DAYS = 365;

/**
 * The dates of tax year `year`, named for the calendar year it starts in: [from, until), both YYYY-MM-DD. A start on
 * a day that not every year has (29 February, 31 April) is refused.
 */
export function taxYearRange(year: number, start: TaxYearStart = CALENDAR_YEAR): { from: string; until: string } {
  if (!Number.isInteger(year) || year < 1900 || year > 9998) throw new AppError('INVALID_INPUT', `no tax year ${year}`);
  const { month, day } = start;
  // 2001 is not a leap year: a start valid in it is valid in every year.
  const probe = new Date(Date.UTC(2001, month - 1, day));
  if (!Number.isInteger(month) || !Number.isInteger(day) || probe.getUTCMonth() !== month - 1 || probe.getUTCDate() !== day) {
    throw new AppError('INVALID_INPUT', `a tax year cannot start on month ${month}, day ${day}`);
  }
  const md = `${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  return { from: `${String(year).padStart(4, '0')}-${md}`, until: `${String(year + 1).padStart(4, '0')}-${md}` };
}

export function inTaxYear(date: string, range: { from: string; until: string }): boolean {
  return date >= range.from && date < range.until;
}

/** Short or long term: long when held more than `holdingDays` days (acquired to sold). */
export function termOf(acquired: string, sold: string, holdingDays = DEFAULT_HOLDING_DAYS): 'short' | 'long' {
  return daysBetween(acquired, sold) > holdingDays ? 'long' : 'short';
}
