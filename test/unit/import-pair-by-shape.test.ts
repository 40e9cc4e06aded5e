import { describe, expect, it } from 'vitest';
import type { AccountRef, Candidate } from '../../main/import/candidate.js';
import { pairByShape, transferPairs } from '../../main/import/transfer-pairs.js';

/**
 * An older Bourse file (no `transferWith` column): a withdrawal and a deposit are paired only when their shape can be
 * nothing but a transfer's two legs (main/import/transfer-pairs.ts); each condition, broken alone, leaves them apart.
 */
const account = (name: string): AccountRef => ({ id: `id-${name}`, name, kind: 'bank', institution: null, costMethod: 'fifo' });
const AT = '2024-02-01T10:00:00.000Z';

function leg(type: 'withdrawal' | 'deposit', seq: number, over: { at?: string; date?: string; currency?: string; amount?: string; account?: string } = {}): Candidate {
  return {
    line: seq + 1,
    req: { type, currency: over.currency ?? 'USD', amount: over.amount ?? '100.00', date: over.date ?? '2024-02-01', idempotencyKey: 'import-row' },
    options: { id: `row-${seq}`, at: over.at ?? AT, source: 'manual', orderId: null },
    order: `${over.at ?? AT}|${seq}`,
    account: account(over.account ?? (type === 'withdrawal' ? 'Main' : 'Broker')),
    seq,
  };
}

/** Accounts by name, as the import's resolver answers for accounts the profile has or makes. */
const byName = (ref: AccountRef) => ref.name;

describe('pairByShape', () => {
  it('pairs a withdrawal and the deposit next to it of one instant, date, currency and amount in two accounts', () => {
    const rows = [leg('deposit', 1, { account: 'Main', at: '2024-01-01T00:00:00.000Z' }), leg('withdrawal', 2), leg('deposit', 3)];
    expect(pairByShape(rows, byName)).toBe(1);
    expect([rows[1]!.transferWith, rows[2]!.transferWith, rows[0]!.transferWith]).toEqual(['row-3', 'row-2', undefined]);
    // What the marker-reading rule then sees: one cash pair.
    expect(transferPairs(rows)).toMatchObject({ pairs: [['row-2', 'row-3']], errors: [] });
  });

  it.each([
    ['another instant', { at: '2024-02-01T10:00:00.001Z' }],
    ['another date', { date: '2024-02-02' }],
    ['another currency (a transfer at a rate paid)', { currency: 'EUR' }],
    ['another amount', { amount: '100.01' }],
    ['the same account', { account: 'Main' }],
  ])('leaves them apart with %s', (_why, over) => {
    const rows = [leg('withdrawal', 1), leg('deposit', 2, over)];
    expect(pairByShape(rows, byName)).toBe(0);
    expect(rows.map((r) => r.transferWith)).toEqual([undefined, undefined]);
  });

  it('leaves them apart when seq is not consecutive, or when both land in one account of the profile', () => {
    const gap = [leg('withdrawal', 1), leg('deposit', 3)];
    expect(pairByShape(gap, byName)).toBe(0);
    const oneAccount = [leg('withdrawal', 1), leg('deposit', 2)];
    expect(pairByShape(oneAccount, () => 'main')).toBe(0);
    const refused = [leg('withdrawal', 1), leg('deposit', 2)];
    expect(pairByShape(refused, (ref) => (ref.name === 'Broker' ? null : ref.name))).toBe(0);
  });
});
