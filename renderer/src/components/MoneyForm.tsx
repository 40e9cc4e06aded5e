import { useId, useRef, useState } from 'react';
import { call, type UiError } from '../api/client.js';
import { fingerprint, SubmissionKeys } from '../api/submission.js';
import { describeError } from '../format/errors.js';
import { formatMoney, parseAmount } from '../format/money.js';
import { minorUnitOf, useCurrencies } from '../stores/currencies.js';
import { useWallets } from '../stores/wallets.js';
import { Alert, Status } from './Alert.js';
import { CurrencySelect } from './CurrencySelect.js';

type Kind = 'deposit' | 'withdraw';

/** Deposit or withdraw cash. One idempotency key per submission, reused only when retrying after no answer. */
export function MoneyForm({ locale, initialCurrency }: { locale: string; initialCurrency: string }) {
  const id = useId();
  const all = useCurrencies((s) => s.all);
  // The user's pick, else the base currency: settings may arrive after the form is on screen, and must not reset
  // what was already typed (remounting the form on their arrival did, and lost a filled-in amount).
  const [choice, setCurrency] = useState<string | null>(null);
  const currency = choice ?? initialCurrency;
  const [amount, setAmount] = useState('');
  const [note, setNote] = useState('');
  const [pending, setPending] = useState<Kind | null>(null);
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [error, setError] = useState<UiError | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const keys = useRef(new SubmissionKeys());

  const minorUnit = all.find((c) => c.code === currency)?.minorUnit ?? 2;

  async function submit(kind: Kind) {
    if (pending) return;
    setDone(null);
    setError(null);
    const parsed = parseAmount(amount, currency, minorUnit, locale);
    if (!parsed.ok) {
      setFieldError(parsed.message);
      return;
    }
    setFieldError(null);
    const trimmedNote = note.trim();
    const idempotencyKey = keys.current.keyFor(fingerprint({ kind, currency, amount: parsed.value, note: trimmedNote }));
    const payload = { currency, amount: parsed.value, idempotencyKey, ...(trimmedNote ? { note: trimmedNote } : {}) };
    setPending(kind);
    const r = await call(kind === 'deposit' ? 'wallet:deposit' : 'wallet:withdraw', payload);
    setPending(null);
    keys.current.settle(r.ok || r.error.code !== 'NETWORK');
    if (!r.ok) {
      setError(r.error);
      return;
    }
    const moved = formatMoney(parsed.value, currency, minorUnit, locale);
    const balance = formatMoney(r.data.balance, currency, minorUnit, locale);
    setDone(
      kind === 'deposit'
        ? `Deposited ${moved} to ${currency}. New balance: ${balance}.`
        : `Withdrew ${moved} from ${currency}. New balance: ${balance}.`,
    );
    setAmount('');
    setNote('');
    void useWallets.getState().load();
  }

  const hint =
    minorUnit === 0 ? `${currency} has no minor unit: whole amounts only.` : `Up to ${minorUnit} decimal places.`;
  const message = error
    ? error.code === 'NETWORK'
      ? `${error.message} Retrying is safe: the same request will not be applied twice.`
      : describeError(error, locale, minorUnitOf)
    : null;

  return (
    <section className="card move" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="card-title">
        Deposit or withdraw
      </h2>
      <form className="stack" noValidate onSubmit={(e) => e.preventDefault()} aria-busy={pending !== null}>
        <div className="field">
          <label htmlFor={`${id}-currency`}>Currency</label>
          <CurrencySelect
            id={`${id}-currency`}
            value={currency}
            onChange={(c) => {
              setCurrency(c);
              setFieldError(null);
            }}
            disabled={pending !== null}
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-amount`}>Amount</label>
          <div className="amount-input">
            <input
              id={`${id}-amount`}
              type="text"
              inputMode="decimal"
              autoComplete="off"
              spellCheck={false}
              placeholder={minorUnit === 0 ? '0' : `0.${'0'.repeat(minorUnit)}`}
              value={amount}
              onChange={(e) => {
                setAmount(e.target.value);
                setFieldError(null);
              }}
              aria-invalid={fieldError ? true : undefined}
              aria-describedby={fieldError ? `${id}-amount-error` : `${id}-amount-hint`}
              maxLength={40}
            />
            <span className="amount-suffix" aria-hidden="true">
              {currency}
            </span>
          </div>
          {fieldError ? (
            <p className="field-error" id={`${id}-amount-error`}>
              {fieldError}
            </p>
          ) : (
            <p className="hint" id={`${id}-amount-hint`}>
              {hint}
            </p>
          )}
        </div>
        <div className="field">
          <label htmlFor={`${id}-note`}>
            Note <span className="optional">(optional)</span>
          </label>
          <input id={`${id}-note`} value={note} onChange={(e) => setNote(e.target.value)} maxLength={500} />
        </div>
        <Alert>{message}</Alert>
        <div className="actions">
          <button type="button" className="primary" disabled={pending !== null} onClick={() => void submit('deposit')}>
            Deposit
          </button>
          <button type="button" className="secondary" disabled={pending !== null} onClick={() => void submit('withdraw')}>
            Withdraw
          </button>
        </div>
        <Status>{done}</Status>
      </form>
    </section>
  );
}
