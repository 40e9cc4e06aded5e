import type { FillView, OrderView } from '../../shared/contract/index.js';
import type { OrderRow } from './repo.js';

export function orderView(r: OrderRow): OrderView {
  return {
    id: r.id,
    symbol: r.symbol,
    side: r.side,
    type: r.type,
    quantity: r.quantity,
    amount: r.amount,
    limitPrice: r.limit_price,
    currency: r.currency,
    state: r.state,
    reserved: r.reserved,
    filledQuantity: r.filled_quantity,
    averagePrice: r.average_price,
    gross: r.gross,
    fee: r.fee,
    total: r.total,
    venue: r.venue,
    book: r.book_id,
    reason: r.reason,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export function fillView(r: { id: number; quantity: string; price: string; gross: string; fee: string; venue_order_id: string; created_at: string }): FillView {
  return { id: r.id, quantity: r.quantity, price: r.price, gross: r.gross, fee: r.fee, venueOrderId: r.venue_order_id, createdAt: r.created_at };
}
