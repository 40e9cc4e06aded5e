import { describe, expect, it } from 'vitest';
import { toLotEvents, type LotEventRow } from '../../main/ledger/lot-events.js';

/**
 * How the lots replay reads a transfer of units: the `transfer-out` row and the `transfer-in` row its marker names
 * (main/ledger/transfer-legs.ts) are one transfer from the first row's account to the second's. A pair whose markers
 * do not name each other is a broken log, never paired by its look.
 */
const row = (patch: Partial<LotEventRow>): LotEventRow => ({
  id: 'x',
  type: 'buy',
  date: '2024-02-01',
  symbol: 'AAPL',
  quantity: '4',
  price: null,
  fee: null,
  currency: 'USD',
  to_currency: null,
  account_id: 'main',
  transfer_with: null,
  ...patch,
});
const buy = row({ id: 'b', type: 'buy', date: '2024-01-03', quantity: '10', price: '100' });
const out = row({ id: 'o', type: 'transfer-out', transfer_with: 'i' });
const into = row({ id: 'i', type: 'transfer-in', account_id: 'ib', transfer_with: 'o' });

describe('transfer rows as lot events', () => {
  it('a transfer-out and the transfer-in its marker names are one transfer', () => {
    expect(toLotEvents([buy, out, into]).map((e) => (e.kind === 'transfer' ? [e.kind, e.id, e.fromAccountId, e.toAccountId, e.quantity] : [e.kind, e.id]))).toEqual([
      ['buy', 'b'],
      ['transfer', 'o', 'main', 'ib', '4'],
    ]);
  });

  it('a transfer-in that looks like the pair but is not named by the marker is refused', () => {
    const other = row({ id: 'j', type: 'transfer-in', account_id: 'ib', transfer_with: 'p' });
    expect(() => toLotEvents([buy, out, other])).toThrow(/no matching transfer-in/);
    expect(() => toLotEvents([buy, { ...out, transfer_with: null }, into])).toThrow(/no matching transfer-in/);
  });
});
