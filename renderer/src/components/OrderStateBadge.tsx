import { STATE_HINT, STATE_LABEL, type OrderState } from '../format/orders.js';

/** The order's state as a coloured badge; the tooltip says what the state means. */
export function OrderStateBadge({ state }: { state: OrderState }) {
  return (
    <span className={`badge order-state order-${state}`} title={STATE_HINT[state]}>
      {STATE_LABEL[state]}
    </span>
  );
}
