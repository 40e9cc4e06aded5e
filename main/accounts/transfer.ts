import type { AccountTransferRequest, ActivityView } from '../../shared/contract/index.js';
import { AppError } from '../../shared/errors.js';
import { Dec } from '../../shared/decimal/index.js';
import { catalogueCurrency } from '../catalogue/repo.js';
import { checkActivityDate, moneyText, cashPlan } from '../ledger/plan.js';
import { record } from '../ledger/record.js';
import type { WriteDb } from '../store/writer.js';
import { openAccount } from './service.js';

export interface TransferResult {
  from: ActivityView;
  to: ActivityView;
}

/**
 * A cash transfer between two accounts inside the caller's transaction: a withdrawal from one and a deposit into the
 * other, through the ledger, dated as asked. With `toCurrency` + `toAmount` the other side is the amount actually
 * received in that currency (the rate paid, not a published one). Both or neither: a refusal of either side (not
 * enough cash, an archived or unknown account) rolls the whole transaction back.
 *
 * Units with their lots (symbol + quantity) are refused for now with INVALID_INPUT: the portfolio's replay does not
 * read transfer rows yet, and a move it cannot replay must not be written.
 */
export function transferIn(db: WriteDb, req: AccountTransferRequest, at: string, today: string): TransferResult {
  checkActivityDate(req.date, today);
  if (req.fromAccountId === req.toAccountId) throw new AppError('INVALID_INPUT', 'A transfer needs two different accounts.', { accountId: req.fromAccountId });
  const from = openAccount(db, req.fromAccountId);
  const to = openAccount(db, req.toAccountId);
  if (req.symbol !== undefined || req.currency === undefined || req.amount === undefined) {
    throw new AppError('INVALID_INPUT', 'Transfers of units between accounts are not available yet.', { symbol: req.symbol });
  }
  const paid = catalogueCurrency(db, req.currency);
  const received = catalogueCurrency(db, req.toCurrency ?? req.currency);
  checkPrecision(req.amount, paid.code, paid.minorUnit);
  if (req.toAmount !== undefined) checkPrecision(req.toAmount, received.code, received.minorUnit);
  const amount = moneyText(req.amount, paid.minorUnit);
  const toAmount = moneyText(req.toAmount ?? req.amount, received.minorUnit);
  const note = req.note?.trim() || null;
  const outNote = note ?? `Transfer to ${to.name}`;
  const inNote = note ?? `Transfer from ${from.name}`;
  const out = { ...cashPlan(paid, 'withdrawal', amount, null, req.date, outNote, 'manual', at, false), accountId: from.id };
  const inn = { ...cashPlan(received, 'deposit', toAmount, null, req.date, inNote, 'manual', at, false), accountId: to.id };
  record(db, out);
  record(db, inn);
  const view = (id: string, type: 'withdrawal' | 'deposit', currency: string, value: string, text: string): ActivityView => ({
    id,
    type,
    date: req.date,
    symbol: null,
    quantity: null,
    price: null,
    fee: null,
    currency,
    amount: type === 'withdrawal' ? `-${value}` : value,
    toCurrency: null,
    toAmount: null,
    rate: null,
    orderId: null,
    source: 'manual',
    note: text,
    createdAt: at,
  });
  return { from: view(out.id, 'withdrawal', paid.code, amount, outNote), to: view(inn.id, 'deposit', received.code, toAmount, inNote) };
}

function checkPrecision(amount: string, code: string, minorUnit: number): void {
  if (Dec.of(amount).decimalPlaces() > minorUnit) {
    throw new AppError('INVALID_AMOUNT', `${code} amounts have at most ${minorUnit} decimal places.`, { currency: code, minorUnit });
  }
}
