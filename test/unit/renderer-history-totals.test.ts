import { describe, expect, it } from 'vitest';
import { flowClass } from '../../renderer/src/format/history.js';

/** The History's In and Out totals take a colour only when money moved: $0.00 is neutral, as every amount. */
describe('the colour of the History totals', () => {
  it('is green in and red out when something moved', () => {
    expect(flowClass('1000.00', 'in')).toBe('positive');
    expect(flowClass('0.01', 'in')).toBe('positive');
    expect(flowClass('341.50', 'out')).toBe('negative');
  });

  it('is neutral at zero, however it is written, and while the totals are on their way', () => {
    for (const zero of ['0', '0.00', '-0.00', '0.000000']) {
      expect(flowClass(zero, 'in')).toBeUndefined();
      expect(flowClass(zero, 'out')).toBeUndefined();
    }
    expect(flowClass(undefined, 'in')).toBeUndefined();
    expect(flowClass(undefined, 'out')).toBeUndefined();
  });
});
