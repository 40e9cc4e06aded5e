import { describe, expect, it } from 'vitest';
import { ORDER_COLUMNS, orderValues, type OrderRow } from '../../main/orders/repo.js';

describe('orderValues', () => {
  it('lists a row in the column order of insertOrderRow', () => {
    // Each field holds its own column name, so a value out of place shows which.
    const row = Object.fromEntries(ORDER_COLUMNS.map((c) => [c, c])) as unknown as OrderRow;
    expect(orderValues(row)).toEqual([...ORDER_COLUMNS]);
  });
});
