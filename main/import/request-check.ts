import { DECIMAL_RE } from '../../shared/money.js';

/**
 * Whether `ActivityRecordRequest` (shared/contract/activities.ts) accepts a request an import row built, checked by
 * hand: zod's safeParse was a tenth of an import's time, and nearly every row passes. `true` only when every rule
 * of the schema holds (same keys, same patterns and lengths); anything else answers `false` and the row goes
 * through zod, which gives the refusal's exact message. A property test holds this to the schema both ways.
 */
const CURRENCY = /^[A-Z]{3}$/;
const SYMBOL = /^[A-Z0-9][A-Z0-9.^=_-]*$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const KEY = /^[A-Za-z0-9._:-]+$/;
const NONZERO = /[1-9]/;

const KEYS: Record<string, ReadonlySet<string>> = {
  trade: new Set(['type', 'symbol', 'quantity', 'price', 'fee', 'date', 'note', 'idempotencyKey']),
  cash: new Set(['type', 'currency', 'amount', 'date', 'note', 'idempotencyKey']),
  dividend: new Set(['type', 'currency', 'amount', 'symbol', 'date', 'note', 'idempotencyKey']),
  fx: new Set(['type', 'fromCurrency', 'fromAmount', 'toCurrency', 'toAmount', 'date', 'note', 'idempotencyKey']),
};

const amount = (v: unknown) => typeof v === 'string' && v.length <= 40 && DECIMAL_RE.test(v) && NONZERO.test(v);
const currency = (v: unknown) => typeof v === 'string' && CURRENCY.test(v);
const symbol = (v: unknown) => typeof v === 'string' && v.length >= 1 && v.length <= 32 && SYMBOL.test(v);

export function surelyValid(req: Record<string, unknown>): boolean {
  const type = req.type;
  let keys: ReadonlySet<string>;
  let ok: boolean;
  switch (type) {
    case 'buy':
    case 'sell':
      keys = KEYS.trade!;
      ok = symbol(req.symbol) && amount(req.quantity) && amount(req.price) && (req.fee === undefined || amount(req.fee));
      break;
    case 'deposit':
    case 'withdrawal':
    case 'interest':
    case 'fee':
      keys = KEYS.cash!;
      ok = currency(req.currency) && amount(req.amount);
      break;
    case 'dividend':
      keys = KEYS.dividend!;
      ok = currency(req.currency) && amount(req.amount) && (req.symbol === undefined || symbol(req.symbol));
      break;
    case 'fx-exchange':
      keys = KEYS.fx!;
      ok = currency(req.fromCurrency) && amount(req.fromAmount) && currency(req.toCurrency) && amount(req.toAmount);
      break;
    default:
      return false;
  }
  if (!ok) return false;
  const date = req.date;
  if (typeof date !== 'string' || !DATE.test(date)) return false;
  const note = req.note;
  if (note !== undefined && (typeof note !== 'string' || note.length > 500)) return false;
  const key = req.idempotencyKey;
  if (typeof key !== 'string' || key.length < 8 || key.length > 128 || !KEY.test(key)) return false;
  // A strict object: no key the type's shape does not name.
  for (const k in req) if (!keys.has(k)) return false;
  return true;
}
