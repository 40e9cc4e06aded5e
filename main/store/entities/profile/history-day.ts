import { EntitySchema } from 'typeorm';
import { orChain } from '../../migrations/profile-007-check-lists.js';

const LEGS = ['cash', 'to', 'fee'] as const;

/**
 * Exact per-day sums of every cash leg of the activities (whole part and fraction ×10^8, both INTEGER), so the
 * totals of a long range read a few thousand rows instead of every activity. Kept in the transaction that writes
 * the activities, not by a trigger.
 */
export interface HistoryDayRow {
  date: string;
  currency: string;
  type: string;
  /** '' for an activity without a symbol. */
  symbol: string;
  leg: (typeof LEGS)[number];
  entries: number;
  whole: number;
  fracE8: number;
}

export const HistoryDayEntity = new EntitySchema<HistoryDayRow>({
  name: 'HistoryDay',
  tableName: 'history_days',
  columns: {
    date: { type: 'text', primary: true },
    currency: { type: 'text', primary: true },
    type: { type: 'text', primary: true },
    symbol: { type: 'text', primary: true },
    leg: { type: 'text', primary: true },
    entries: { type: 'integer' },
    whole: { type: 'integer' },
    fracE8: { name: 'frac_e8', type: 'integer' },
  },
  checks: [{ expression: orChain('leg', LEGS) }],
  withoutRowid: true,
});
