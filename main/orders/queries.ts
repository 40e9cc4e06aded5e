import type { OrderDetail, OrderPlaceRequest, OrderQuote } from '../../shared/contract/index.js';
import { AppError } from '../../shared/errors.js';
import { quantityDecimals } from '../../shared/market.js';
import { Dec } from '../../shared/decimal/index.js';
import { toMoneyString } from '../../shared/money.js';
import { estimateOrder, type Estimate } from '../../shared/orders/index.js';
import { catalogueCurrency } from '../catalogue/repo.js';
import { DEFAULT_ACCOUNT_ID } from '../store/migrations/profile-011-accounts.js';
import { statements } from '../store/statements.js';
import type { ReadDb } from '../store/writer.js';
import { toEntry, walletRepo } from '../wallets/repo.js';
import type { InstrumentRow, OrderContext } from './context.js';
import { isSmall, sentence } from './figures.js';
import { ORDER_SQL, type OrderRow } from './repo.js';
import { fillView, orderView } from './views.js';

/** What an order would cost now, with the wallet and holding it would draw on; nothing is written. */
export function quoteIn(ctx: OrderContext, db: ReadDb, req: Omit<OrderPlaceRequest, 'idempotencyKey' | 'confirm'>, inst: InstrumentRow, usd: string | undefined): OrderQuote {
  const cur = catalogueCurrency(db, inst.quote_currency);
  const live = ctx.deps.price(req.symbol);
  const t = ctx.deps.settings().trading;
  const ref = req.type === 'market' ? live?.price : req.limitPrice;
  let estimate: Estimate | null = null;
  let problem: string | null = null;
  if (!ref) problem = req.type === 'limit' ? 'Enter a limit price.' : `No live price for ${req.symbol} yet.`;
  else if (req.quantity === undefined && req.amount === undefined) problem = null; // price and wallet only
  else {
    const est = estimateOrder({
      side: req.side,
      price: ref,
      spreadBps: req.type === 'market' ? t.spreadBps : '0',
      fee: { rate: t.feeRate, minimum: t.feeMinimum },
      minorUnit: cur.minorUnit,
      quantityDecimals: quantityDecimals(inst.asset_class),
      quantity: req.quantity,
      amount: req.amount,
    });
    if (est.ok) estimate = est.data;
    else problem = sentence(est.error.message);
  }
  const sql = statements(db, ORDER_SQL);
  const account = req.accountId ?? DEFAULT_ACCOUNT_ID;
  const w = (sql.wallet.get(account, inst.quote_currency) as { balance: string; reserved: string } | undefined) ?? { balance: '0', reserved: '0' };
  const p = (sql.position.get(account, req.symbol) as { quantity: string; reserved: string } | undefined) ?? { quantity: '0', reserved: '0' };
  const valueUsd = estimate && usd ? Dec.of(estimate.gross).times(usd) : undefined;
  return {
    symbol: req.symbol,
    currency: inst.quote_currency,
    price: live?.price ?? null,
    priceTs: live?.ts ?? null,
    source: live?.source ?? null,
    simulated: live?.simulated ?? false,
    stale: live ? live.stale : true,
    estimate,
    problem,
    cash: {
      balance: toMoneyString(Dec.of(w.balance), cur.minorUnit),
      reserved: toMoneyString(Dec.of(w.reserved), cur.minorUnit),
      available: toMoneyString(Dec.of(w.balance).minus(w.reserved), cur.minorUnit),
    },
    holding: { quantity: p.quantity, reserved: p.reserved, available: Dec.of(p.quantity).minus(p.reserved).toFixed() },
    aggregated: req.type === 'market' && valueUsd !== undefined && isSmall(valueUsd.toFixed(), t),
  };
}

/** An order with its fills, the ledger entries they wrote and its events. */
export function orderDetail(db: ReadDb, id: string): OrderDetail {
  const sql = statements(db, ORDER_SQL);
  const o = sql.order.get(id) as OrderRow | undefined;
  if (!o) throw new AppError('NOT_FOUND', 'There is no such order.', { id });
  return {
    ...orderView(o),
    fills: (sql.fills.all(id) as Parameters<typeof fillView>[0][]).map(fillView),
    ledger: walletRepo.ofOrder(db, id).map(toEntry),
    events: JSON.parse(o.events) as OrderDetail['events'],
  };
}
