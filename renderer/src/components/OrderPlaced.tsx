import { useTranslation } from 'react-i18next';
import type { OrderView } from '../../../shared/contract/index.js';
import { placedText } from '../format/order-terms.js';
import { minorUnitOf } from '../stores/currencies.js';
import { useNav } from '../stores/nav.js';
import { useOrders } from '../stores/orders.js';

/** The order form's status line: what became of the order just placed, with a way to its details. */
export function OrderPlaced({ order, locale }: { order: OrderView | null; locale: string }) {
  const { t } = useTranslation('trading');
  return (
    <p className={order ? 'status-msg' : 'status-msg empty'} role="status">
      {order && (
        <>
          {t('form.placed')} {placedText(order, locale, minorUnitOf)}{' '}
          <button
            type="button"
            className="link"
            onClick={() => {
              useOrders.getState().select(order.id);
              useNav.getState().go('orders');
            }}
          >
            {t('form.seeIt')}
          </button>
        </>
      )}
    </p>
  );
}
