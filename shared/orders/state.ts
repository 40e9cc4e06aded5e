import { refuse, type OrderResult } from './errors.js';

/**
 * The order life cycle: pending → aggregating | open → filled | cancelled | rejected | failed.
 * - pending: created, cash or holding reserved in the same transaction; guards and venue not yet answered.
 * - aggregating: a small order waiting in its aggregation book; open: at the venue (a resting limit order).
 * - rejected: refused by a guard or the venue before anything happened; failed: something broke on the way
 *   (venue error, crash recovery). Both, like cancelled, return the reservation.
 * - filled, cancelled, rejected, failed are terminal: a fill is whole (the paper venue and the aggregation split
 *   never produce partial fills), so there is no "partially filled" state to come back from.
 */
export const OrderStates = ['pending', 'aggregating', 'open', 'filled', 'cancelled', 'rejected', 'failed'] as const;
export type OrderState = (typeof OrderStates)[number];

const NEXT: Readonly<Record<OrderState, readonly OrderState[]>> = {
  pending: ['aggregating', 'open', 'rejected', 'failed', 'cancelled'],
  aggregating: ['filled', 'cancelled', 'rejected', 'failed'],
  open: ['filled', 'cancelled', 'rejected', 'failed'],
  filled: [],
  cancelled: [],
  rejected: [],
  failed: [],
};

export function nextStates(from: OrderState): readonly OrderState[] {
  return NEXT[from];
}

export function canTransition(from: OrderState, to: OrderState): boolean {
  return NEXT[from]?.includes(to) ?? false;
}

export function isTerminal(state: OrderState): boolean {
  return NEXT[state].length === 0;
}

/** States that hold a reservation (cash for a buy, quantity for a sell) that must be released or consumed. */
export function holdsReservation(state: OrderState): boolean {
  return state === 'pending' || state === 'aggregating' || state === 'open';
}

/** Thrown by `transition`; carries the stable code so dispatch can turn it into `{ok:false}`. */
export class OrderTransitionError extends Error {
  readonly code = 'ILLEGAL_TRANSITION' as const;
  constructor(
    readonly from: OrderState,
    readonly to: OrderState,
  ) {
    super(`an order cannot go from ${from} to ${to}`);
    this.name = 'OrderTransitionError';
  }
}

export function checkTransition(from: OrderState, to: OrderState): OrderResult<OrderState> {
  return canTransition(from, to) ? { ok: true, data: to } : refuse('ILLEGAL_TRANSITION', `an order cannot go from ${from} to ${to}`, { from, to });
}

/** Returns a copy of the order in its new state, or throws OrderTransitionError. */
export function transition<T extends { state: OrderState }>(order: T, to: OrderState): T {
  if (!canTransition(order.state, to)) throw new OrderTransitionError(order.state, to);
  return { ...order, state: to };
}
