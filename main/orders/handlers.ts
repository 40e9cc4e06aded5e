import type { HandlerSlice } from '../handler.js';
import type { OrderService } from './service.js';

type Channels = 'orders:quote' | 'orders:place' | 'orders:cancel' | 'orders:list' | 'orders:get';

/** `orders` resolves once the profile's start-up recovery is done. */
export function orderHandlers(orders: () => Promise<OrderService>): HandlerSlice<Channels> {
  return {
    'orders:quote': async (r) => (await orders()).quote(r),
    'orders:place': async (r) => (await orders()).place(r),
    'orders:cancel': async (r) => (await orders()).cancel(r.id, r.idempotencyKey),
    'orders:list': async (r) => (await orders()).list(r),
    'orders:get': async (r) => (await orders()).get(r.id),
  };
}
