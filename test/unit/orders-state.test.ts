import { describe, expect, it } from 'vitest';
import { OrderStates, OrderTransitionError, canTransition, checkTransition, holdsReservation, isTerminal, transition, type OrderState } from '../../shared/orders/state.js';

const LEGAL: [OrderState, OrderState][] = [
  ['pending', 'aggregating'],
  ['pending', 'open'],
  ['pending', 'rejected'],
  ['pending', 'failed'],
  ['pending', 'cancelled'],
  ['aggregating', 'filled'],
  ['aggregating', 'cancelled'],
  ['aggregating', 'rejected'],
  ['aggregating', 'failed'],
  ['open', 'filled'],
  ['open', 'cancelled'],
  ['open', 'rejected'],
  ['open', 'failed'],
];

describe('order state machine', () => {
  it('allows exactly the documented transitions (all 49 pairs checked)', () => {
    const legal = new Set(LEGAL.map(([a, b]) => `${a}>${b}`));
    for (const from of OrderStates) {
      for (const to of OrderStates) {
        expect(canTransition(from, to), `${from} → ${to}`).toBe(legal.has(`${from}>${to}`));
        const r = checkTransition(from, to);
        expect(r.ok ? 'ok' : r.error.code).toBe(legal.has(`${from}>${to}`) ? 'ok' : 'ILLEGAL_TRANSITION');
      }
    }
  });

  it('throws a typed error on an illegal transition and copies on a legal one', () => {
    const order = { id: 'o1', state: 'filled' as OrderState };
    expect(() => transition(order, 'cancelled')).toThrow(OrderTransitionError);
    try {
      transition(order, 'open');
    } catch (e) {
      expect(e).toMatchObject({ code: 'ILLEGAL_TRANSITION', from: 'filled', to: 'open' });
    }
    const placed = transition({ id: 'o2', state: 'pending' as OrderState }, 'aggregating');
    expect(placed).toEqual({ id: 'o2', state: 'aggregating' });
  });

  it('knows terminal states and which states hold a reservation', () => {
    expect(OrderStates.filter(isTerminal)).toEqual(['filled', 'cancelled', 'rejected', 'failed']);
    expect(OrderStates.filter(holdsReservation)).toEqual(['pending', 'aggregating', 'open']);
  });
});
