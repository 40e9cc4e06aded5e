import { useId, useRef, useState, type FormEvent } from 'react';
import type { ActivityRecordRequest, ActivityView, InstrumentView } from '../../../shared/contract/index.js';
import { call, type UiError } from '../api/client.js';
import { fingerprint, SubmissionKeys } from '../api/submission.js';
import { ACTIVITY_LABEL, ACTIVITY_TYPES, recordedText, type ActivityType } from '../format/activities.js';
import { describeOrderError } from '../format/order-errors.js';
import { parseAmount } from '../format/money.js';
import { parseQuantity } from '../format/quantity.js';
import { todayIso } from '../format/rates.js';
import { minorUnitOf } from '../stores/currencies.js';
import { Alert, Status } from './Alert.js';
import { CurrencySelect } from './CurrencySelect.js';

/** One request shape per type, without the key (Omit over the union, member by member). */
type Draft = ActivityRecordRequest extends infer T ? (T extends unknown ? Omit<T, 'idempotencyKey'> : never) : never;
type Errors = Partial<Record<'date' | 'quantity' | 'price' | 'fee' | 'amount' | 'fromAmount' | 'toAmount' | 'symbol', string>>;

const HINT: Record<ActivityType, string> = {
  buy: 'A purchase made elsewhere: pays quantity × price plus the fee from the wallet of the instrument’s currency.',
  sell: 'A sale made elsewhere: the proceeds less the fee go to the wallet of the instrument’s currency.',
  deposit: 'Cash paid into a wallet.',
  withdrawal: 'Cash taken out of a wallet.',
  dividend: 'A dividend received, optionally from one of your instruments.',
  interest: 'Interest received on cash.',
  fee: 'A fee paid (account fee, custody fee).',
  'fx-exchange': 'Currency exchanged between two wallets at the rate you actually got.',
};

interface Props {
  instruments: InstrumentView[];
  locale: string;
  baseCurrency: string;
  onRecorded(a: ActivityView): void;
}

/** Outside activity of a real portfolio at a chosen past date and price (activity:record), one key per submission. */
export function ActivityForm({ instruments, locale, baseCurrency, onRecorded }: Props) {
  const id = useId();
  const today = todayIso();
  const [type, setType] = useState<ActivityType>('buy');
  const [date, setDate] = useState(today);
  const [symbol, setSymbol] = useState(instruments[0]?.symbol ?? '');
  const [dividendSymbol, setDividendSymbol] = useState('');
  const [quantity, setQuantity] = useState('');
  const [price, setPrice] = useState('');
  const [fee, setFee] = useState('');
  // The user's picks, else defaults from the base currency (settings may arrive after the form is filled in).
  const [currencyChoice, setCurrency] = useState<string | null>(null);
  const currency = currencyChoice ?? baseCurrency;
  const [amount, setAmount] = useState('');
  const [toChoice, setToCurrency] = useState<string | null>(null);
  const toCurrency = toChoice ?? (baseCurrency === 'EUR' ? 'USD' : 'EUR');
  const [toAmount, setToAmount] = useState('');
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<Errors>({});
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<UiError | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const keys = useRef(new SubmissionKeys());

  const instrument = instruments.find((i) => i.symbol === symbol);
  const trade = type === 'buy' || type === 'sell';

  function build(): { draft: Draft | null; errors: Errors } {
    const e: Errors = {};
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) e.date = 'Pick a day.';
    else if (date > today) e.date = 'Pick today or an earlier day.';
    const base = { date, ...(note.trim() ? { note: note.trim() } : {}) };
    if (trade) {
      if (!instrument) {
        e.symbol = 'Add the instrument on the Catalogue page first.';
        return { draft: null, errors: e };
      }
      const cur = instrument.quoteCurrency;
      const q = parseQuantity(quantity, locale, 'a quantity');
      const p = parseQuantity(price, locale, 'a price', 10);
      const f = fee.trim() === '' ? null : parseAmount(fee, cur, minorUnitOf(cur), locale);
      if (!q.ok) e.quantity = q.message;
      if (!p.ok) e.price = p.message;
      if (f && !f.ok) e.fee = f.message;
      if (!q.ok || !p.ok || (f && !f.ok) || e.date) return { draft: null, errors: e };
      return { draft: { type, symbol: instrument.symbol, quantity: q.value, price: p.value, ...(f?.ok ? { fee: f.value } : {}), ...base }, errors: e };
    }
    const a = parseAmount(amount, currency, minorUnitOf(currency), locale);
    if (!a.ok) e.amount = a.message;
    if (type === 'fx-exchange') {
      const t = parseAmount(toAmount, toCurrency, minorUnitOf(toCurrency), locale);
      if (!a.ok) e.fromAmount = e.amount;
      delete e.amount;
      if (!t.ok) e.toAmount = t.message;
      if (currency === toCurrency) e.toAmount = 'Pick two different currencies.';
      if (!a.ok || !t.ok || e.toAmount || e.date) return { draft: null, errors: e };
      return { draft: { type, fromCurrency: currency, fromAmount: a.value, toCurrency, toAmount: t.value, ...base }, errors: e };
    }
    if (!a.ok || e.date) return { draft: null, errors: e };
    if (type === 'dividend') {
      return { draft: { type, currency, amount: a.value, ...(dividendSymbol ? { symbol: dividendSymbol } : {}), ...base }, errors: e };
    }
    return { draft: { type, currency, amount: a.value, ...base }, errors: e };
  }

  async function submit(ev: FormEvent) {
    ev.preventDefault();
    if (pending) return;
    setDone(null);
    setError(null);
    const b = build();
    setErrors(b.errors);
    if (!b.draft) return;
    const parts: Record<string, string> = {};
    for (const [k, v] of Object.entries(b.draft)) parts[k] = String(v);
    const idempotencyKey = keys.current.keyFor(fingerprint(parts));
    setPending(true);
    const r = await call('activity:record', { ...b.draft, idempotencyKey } as ActivityRecordRequest);
    setPending(false);
    keys.current.settle(r.ok || r.error.code !== 'NETWORK');
    if (!r.ok) return setError(r.error);
    setDone(recordedText(r.data, locale, minorUnitOf));
    setQuantity('');
    setPrice('');
    setFee('');
    setAmount('');
    setToAmount('');
    setNote('');
    onRecorded(r.data);
  }

  const field = (key: keyof Errors) => ({
    'aria-invalid': errors[key] ? true : undefined,
    'aria-describedby': errors[key] ? `${id}-${key}-error` : undefined,
  });
  const fieldError = (key: keyof Errors) =>
    errors[key] ? (
      <p className="field-error" id={`${id}-${key}-error`}>
        {errors[key]}
      </p>
    ) : null;
  const tradeCurrency = instrument?.quoteCurrency ?? '';

  const message = error
    ? error.code === 'NETWORK'
      ? `${error.message} Recording it again is safe: it will not be recorded twice.`
      : describeOrderError(error, { locale, minorUnitOf, subject: 'this activity', symbol: trade ? symbol : undefined, currency: trade ? tradeCurrency : currency })
    : null;

  return (
    <section className="card activity-form" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="card-title">
        Record activity
      </h2>
      <form className="stack" noValidate onSubmit={(e) => void submit(e)} aria-busy={pending}>
        <div className="form-grid">
          <div className="field">
            <label htmlFor={`${id}-type`}>Activity type</label>
            <select
              id={`${id}-type`}
              value={type}
              onChange={(e) => {
                setType(e.target.value as ActivityType);
                setErrors({});
                setDone(null);
                setError(null);
              }}
              aria-describedby={`${id}-type-hint`}
            >
              {ACTIVITY_TYPES.map((t) => (
                <option key={t} value={t}>
                  {ACTIVITY_LABEL[t]}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={`${id}-date`}>Date</label>
            <input id={`${id}-date`} type="date" value={date} max={today} min="1970-01-01" onChange={(e) => setDate(e.target.value)} {...field('date')} />
            {fieldError('date')}
          </div>
        </div>
        <p className="hint activity-hint" id={`${id}-type-hint`}>
          {HINT[type]}
        </p>

        {trade && (
          <div className="form-grid">
            <div className="field span-all">
              <label htmlFor={`${id}-symbol`}>Instrument</label>
              <select id={`${id}-symbol`} value={symbol} onChange={(e) => setSymbol(e.target.value)} {...field('symbol')}>
                {instruments.length === 0 && <option value="">No instruments in the catalogue</option>}
                {instruments.map((i) => (
                  <option key={i.id} value={i.symbol}>
                    {i.symbol} — {i.name} ({i.quoteCurrency})
                  </option>
                ))}
              </select>
              {fieldError('symbol')}
            </div>
            <div className="field">
              <label htmlFor={`${id}-quantity`}>Quantity</label>
              <div className="amount-input">
                <input id={`${id}-quantity`} inputMode="decimal" autoComplete="off" value={quantity} onChange={(e) => setQuantity(e.target.value)} maxLength={40} {...field('quantity')} />
                <span className="amount-suffix" aria-hidden="true">
                  {instrument?.assetClass === 'crypto' ? instrument.symbol.split('-')[0] : (instrument?.symbol ?? '')}
                </span>
              </div>
              {fieldError('quantity')}
            </div>
            <div className="field">
              <label htmlFor={`${id}-price`}>Price per unit</label>
              <div className="amount-input">
                <input id={`${id}-price`} inputMode="decimal" autoComplete="off" value={price} onChange={(e) => setPrice(e.target.value)} maxLength={40} {...field('price')} />
                <span className="amount-suffix" aria-hidden="true">
                  {tradeCurrency}
                </span>
              </div>
              {fieldError('price')}
            </div>
            <div className="field">
              <label htmlFor={`${id}-fee`}>
                Fee <span className="optional">(optional)</span>
              </label>
              <div className="amount-input">
                <input id={`${id}-fee`} inputMode="decimal" autoComplete="off" value={fee} onChange={(e) => setFee(e.target.value)} maxLength={40} {...field('fee')} />
                <span className="amount-suffix" aria-hidden="true">
                  {tradeCurrency}
                </span>
              </div>
              {fieldError('fee')}
            </div>
          </div>
        )}

        {!trade && type !== 'fx-exchange' && (
          <div className="form-grid">
            <div className="field">
              <label htmlFor={`${id}-currency`}>Currency</label>
              <CurrencySelect id={`${id}-currency`} value={currency} onChange={setCurrency} />
            </div>
            <div className="field">
              <label htmlFor={`${id}-amount`}>Amount</label>
              <div className="amount-input">
                <input id={`${id}-amount`} inputMode="decimal" autoComplete="off" value={amount} onChange={(e) => setAmount(e.target.value)} maxLength={40} {...field('amount')} />
                <span className="amount-suffix" aria-hidden="true">
                  {currency}
                </span>
              </div>
              {fieldError('amount')}
            </div>
            {type === 'dividend' && (
              <div className="field span-all">
                <label htmlFor={`${id}-dividend-symbol`}>
                  From instrument <span className="optional">(optional)</span>
                </label>
                <select id={`${id}-dividend-symbol`} value={dividendSymbol} onChange={(e) => setDividendSymbol(e.target.value)}>
                  <option value="">None</option>
                  {instruments.map((i) => (
                    <option key={i.id} value={i.symbol}>
                      {i.symbol} — {i.name}
                    </option>
                  ))}
                </select>
              </div>
            )}
          </div>
        )}

        {type === 'fx-exchange' && (
          <div className="form-grid">
            <div className="field">
              <label htmlFor={`${id}-from`}>From currency</label>
              <CurrencySelect id={`${id}-from`} value={currency} onChange={setCurrency} />
            </div>
            <div className="field">
              <label htmlFor={`${id}-from-amount`}>Amount paid</label>
              <div className="amount-input">
                <input id={`${id}-from-amount`} inputMode="decimal" autoComplete="off" value={amount} onChange={(e) => setAmount(e.target.value)} maxLength={40} {...field('fromAmount')} />
                <span className="amount-suffix" aria-hidden="true">
                  {currency}
                </span>
              </div>
              {fieldError('fromAmount')}
            </div>
            <div className="field">
              <label htmlFor={`${id}-to`}>To currency</label>
              <CurrencySelect id={`${id}-to`} value={toCurrency} onChange={setToCurrency} />
            </div>
            <div className="field">
              <label htmlFor={`${id}-to-amount`}>Amount received</label>
              <div className="amount-input">
                <input id={`${id}-to-amount`} inputMode="decimal" autoComplete="off" value={toAmount} onChange={(e) => setToAmount(e.target.value)} maxLength={40} {...field('toAmount')} />
                <span className="amount-suffix" aria-hidden="true">
                  {toCurrency}
                </span>
              </div>
              {fieldError('toAmount')}
            </div>
          </div>
        )}

        <div className="field">
          <label htmlFor={`${id}-note`}>
            Note <span className="optional">(optional)</span>
          </label>
          <input id={`${id}-note`} value={note} onChange={(e) => setNote(e.target.value)} maxLength={500} />
        </div>
        <Alert>{message}</Alert>
        <div className="actions">
          <button type="submit" className="primary" disabled={pending}>
            {pending ? 'Recording…' : 'Record activity'}
          </button>
          <Status>{done}</Status>
        </div>
      </form>
    </section>
  );
}
