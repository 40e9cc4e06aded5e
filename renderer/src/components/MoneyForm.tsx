import { useTranslation } from 'react-i18next';
import { useId, useState } from 'react';
import type { UiError } from '../api/client.js';
import { describeError } from '../format/errors.js';
import { formatMoney, parseAmount } from '../format/money.js';
import { minorUnitOf, useCurrencies } from '../stores/currencies.js';
import { useMoneyIntent } from '../stores/money-intent.js';
import { useWallets, type MoveKind } from '../stores/wallets.js';
import { Alert, Status } from './Alert.js';
import { AccountSelect } from './AccountSelect.js';
import { CurrencySelect } from './CurrencySelect.js';

/** Deposit or withdraw cash (the wallet store keys each submission, so a retry after no answer moves money once). */
export function MoneyForm({ locale, initialCurrency }: { locale: string; initialCurrency: string }) {
  const { t } = useTranslation(['wallets', 'common']);
  const id = useId();
  const all = useCurrencies((s) => s.all);
  // The user's pick, else the base currency: settings may arrive after the form is on screen, and must not reset
  // what was already typed (remounting the form on their arrival did, and lost a filled-in amount).
  // A deposit started from the command palette (or the first run) opens the form filled in, the focus on what is
  // left to do: the Deposit button when the amount is there, else the amount.
  const [intent] = useState(() => useMoneyIntent.getState().take());
  const [choice, setCurrency] = useState<string | null>(intent?.currency ?? null);
  const currency = choice ?? initialCurrency;
  const [amount, setAmount] = useState(intent?.amount ?? '');
  const [note, setNote] = useState('');
  const [accountId, setAccountId] = useState<string | null>(null);
  const [pending, setPending] = useState<MoveKind | null>(null);
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [error, setError] = useState<UiError | null>(null);
  const [done, setDone] = useState<string | null>(null);

  const minorUnit = all.find((c) => c.code === currency)?.minorUnit ?? 2;

  async function submit(kind: MoveKind) {
    if (pending) return;
    setDone(null);
    setError(null);
    const parsed = parseAmount(amount, currency, minorUnit, locale);
    if (!parsed.ok) {
      setFieldError(parsed.message);
      return;
    }
    setFieldError(null);
    setPending(kind);
    const r = await useWallets.getState().move(kind, { currency, amount: parsed.value, note: note.trim(), accountId: accountId ?? undefined });
    setPending(null);
    if (!r.ok) {
      setError(r.error);
      return;
    }
    const moved = formatMoney(parsed.value, currency, minorUnit, locale);
    const balance = formatMoney(r.data.balance, currency, minorUnit, locale);
    setDone(
      kind === 'deposit'
        ? t('move.deposited', { amount: moved, currency, balance })
        : t('move.withdrew', { amount: moved, currency, balance }),
    );
    setAmount('');
    setNote('');
  }

  const hint =
    minorUnit === 0 ? t('move.whole', { currency }) : t('move.places', { count: minorUnit });
  const message = error
    ? error.code === 'NETWORK'
      ? t('move.retrySafe', { message: error.message })
      : describeError(error, locale, minorUnitOf)
    : null;

  return (
    <section className="card move" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="card-title">
        {t('move.title')}
      </h2>
      <form className="stack" noValidate onSubmit={(e) => e.preventDefault()} aria-busy={pending !== null}>
        <AccountSelect id={`${id}-account`} value={accountId} onChange={setAccountId} />
        <div className="field">
          <label htmlFor={`${id}-currency`}>{t('move.currency')}</label>
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
          <label htmlFor={`${id}-amount`}>{t('move.amount')}</label>
          <div className="amount-input">
            <input
              id={`${id}-amount`}
              autoFocus={intent !== null && !intent.amount}
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
            {t('move.note')} <span className="optional">{t('common:optional')}</span>
          </label>
          <input id={`${id}-note`} value={note} onChange={(e) => setNote(e.target.value)} maxLength={500} />
        </div>
        <Alert>{message}</Alert>
        <div className="actions">
          <button type="button" className="primary" autoFocus={Boolean(intent?.amount)} disabled={pending !== null} onClick={() => void submit('deposit')}>
            {t('move.deposit')}
          </button>
          <button type="button" className="secondary" disabled={pending !== null} onClick={() => void submit('withdraw')}>
            {t('move.withdraw')}
          </button>
        </div>
        <Status>{done}</Status>
      </form>
    </section>
  );
}
