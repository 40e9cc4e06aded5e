import type { AccountTransferRequest, ActivityView } from '../../shared/contract/index.js';
import { AppError } from '../../shared/errors.js';
import { Dec } from '../../shared/decimal/index.js';
import { fractionDigits } from '../../shared/decimal/index.js';
import { quantityDecimals } from '../../shared/market.js';
import { toMoneyString } from '../../shared/money.js';
import { catalogueCurrency, instrumentBySymbol } from '../catalogue/repo.js';
import { checkActivityDate, decimalText, moneyText, cashPlan } from '../ledger/plan.js';
import { recordCashTransfer } from '../ledger/transfer-legs.js';
import { transferUnits } from '../ledger/units-transfer.js';
import type { WriteDb } from '../store/writer.js';
import { openAccount } from './service.js';

export interface TransferResult {
  from: ActivityView;
  to: ActivityView;
}

/**
 * A cash transfer between two accounts inside the caller's transaction: a withdrawal from one and a deposit into the
 * other, through the ledger, dated as asked, marked as the two legs of one transfer (main/ledger/transfer-legs.ts).
 * The legs carry the user's note or none: no words are stored for the pages to show (they say what moved between
 * which accounts in the reader's language). With `toCurrency` + `toAmount` the other side is the amount actually
 * received in that currency (the rate paid, not a published one). Both or neither: a refusal of either side (not
 * enough cash, an archived or unknown account) rolls the whole transaction back.
 *
 * Units (symbol + quantity) move with their lots, acquisition dates and cost: a `transfer-out` and a `transfer-in`
 * row (main/ledger/units-transfer.ts), no cash, nothing realized.
 */
export function transferIn(db: WriteDb, req: AccountTransferRequest, at: string, today: string): TransferResult {
  checkActivityDate(req.date, today);
  if (req.fromAccountId === req.toAccountId) throw new AppError('INVALID_INPUT', 'A transfer needs two different accounts.', { accountId: req.fromAccountId });
  const from = openAccount(db, req.fromAccountId);
  const to = openAccount(db, req.toAccountId);
  const note = req.note?.trim() || null;
  if (req.symbol !== undefined && req.quantity !== undefined) return unitsIn(db, req as UnitsRequest, note, at);
  if (req.currency === undefined || req.amount === undefined) throw new AppError('INVALID_INPUT', 'A transfer needs currency and amount, or symbol and quantity.', {});
  const paid = catalogueCurrency(db, req.currency);
  const received = catalogueCurrency(db, req.toCurrency ?? req.currency);
  checkPrecision(req.amount, paid.code, paid.minorUnit);
  if (req.toAmount !== undefined) checkPrecision(req.toAmount, received.code, received.minorUnit);
  const amount = moneyText(req.amount, paid.minorUnit);
  const toAmount = moneyText(req.toAmount ?? req.amount, received.minorUnit);
  const out = { ...cashPlan(paid, 'withdrawal', amount, null, req.date, note, 'manual', at, false), accountId: from.id };
  const inn = { ...cashPlan(received, 'deposit', toAmount, null, req.date, note, 'manual', at, false), accountId: to.id };
  recordCashTransfer(db, out, inn);
  const between = { fromAccountId: from.id, toAccountId: to.id };
  const view = (id: string, type: 'withdrawal' | 'deposit', accountId: string, currency: string, value: string): ActivityView =>
    activityView(id, type, req.date, null, null, currency, type === 'withdrawal' ? `-${value}` : value, note, at, accountId, between);
  return { from: view(out.id, 'withdrawal', from.id, paid.code, amount), to: view(inn.id, 'deposit', to.id, received.code, toAmount) };
}

type UnitsRequest = AccountTransferRequest & { symbol: string; quantity: string };

function unitsIn(db: WriteDb, req: UnitsRequest, note: string | null, at: string): TransferResult {
  const inst = instrumentBySymbol(db, req.symbol);
  if (!inst) throw new AppError('NOT_FOUND', `${req.symbol} is not an instrument of your catalogue.`, { symbol: req.symbol });
  const qd = quantityDecimals(inst.assetClass);
  if (fractionDigits(req.quantity) > qd) {
    throw new AppError('INVALID_AMOUNT', `${req.symbol}: the quantity has at most ${qd} decimal places.`, { field: 'quantity', decimals: qd });
  }
  if (!Dec.of(req.quantity).isPos()) throw new AppError('INVALID_AMOUNT', 'The quantity must be positive.', { field: 'quantity' });
  const cur = catalogueCurrency(db, inst.quoteCurrency);
  const zero = toMoneyString(Dec.ZERO, cur.minorUnit);
  const quantity = decimalText(req.quantity);
  const ids = transferUnits(db, {
    fromAccountId: req.fromAccountId,
    toAccountId: req.toAccountId,
    symbol: req.symbol,
    quantity,
    currency: cur.code,
    zero,
    date: req.date,
    note,
    at,
  });
  const between = { fromAccountId: req.fromAccountId, toAccountId: req.toAccountId };
  return {
    from: activityView(ids.outId, 'transfer-out', req.date, req.symbol, `-${quantity}`, cur.code, zero, note, at, req.fromAccountId, between),
    to: activityView(ids.inId, 'transfer-in', req.date, req.symbol, quantity, cur.code, zero, note, at, req.toAccountId, between),
  };
}

function activityView(
  id: string,
  type: ActivityView['type'],
  date: string,
  symbol: string | null,
  quantity: string | null,
  currency: string,
  amount: string,
  note: string | null,
  at: string,
  accountId: string,
  transfer: NonNullable<ActivityView['transfer']>,
): ActivityView {
  return { id, type, date, symbol, quantity, price: null, fee: null, currency, amount, toCurrency: null, toAmount: null, rate: null, orderId: null, source: 'manual', note, createdAt: at, accountId, transfer };
}

function checkPrecision(amount: string, code: string, minorUnit: number): void {
  if (Dec.of(amount).decimalPlaces() > minorUnit) {
    throw new AppError('INVALID_AMOUNT', `${code} amounts have at most ${minorUnit} decimal places.`, { currency: code, minorUnit });
  }
}
