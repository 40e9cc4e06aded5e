import { useTranslation } from 'react-i18next';
import { useId, useState, type FormEvent } from 'react';
import type { Conversion } from '../../../shared/contract/index.js';
import type { UiError } from '../api/client.js';
import { describeFxError } from '../format/fx-errors.js';
import { parseAmount } from '../format/money.js';
import { todayIso } from '../format/rates.js';
import { minorUnitOf, useCurrencies } from '../stores/currencies.js';
import { useFx } from '../stores/fx.js';
import { Alert } from './Alert.js';
import { ConversionResult } from './ConversionResult.js';
import { CurrencySelect } from './CurrencySelect.js';

interface Props {
  locale: string;
  from: string;
  to: string;
  onPair(from: string, to: string): void;
}

/** Amount, from, to and a day (today by default, never later): the server converts with the rate of that day. */
export function ConvertForm({ locale, from, to, onPair }: Props) {
  const { t } = useTranslation('convert');
  const id = useId();
  const all = useCurrencies((s) => s.all);
  const today = todayIso();
  const [amount, setAmount] = useState('100');
  const [date, setDate] = useState(today);
  const [pending, setPending] = useState(false);
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [dateError, setDateError] = useState<string | null>(null);
  const [error, setError] = useState<{ error: UiError; ask: { from: string; to: string; date: string } } | null>(null);
  const [result, setResult] = useState<Conversion | null>(null);

  const minorUnit = all.find((c) => c.code === from)?.minorUnit ?? minorUnitOf(from);

  async function convert(e: FormEvent) {
    e.preventDefault();
    if (pending) return;
    const parsed = parseAmount(amount, from, minorUnit, locale);
    setFieldError(parsed.ok ? null : parsed.message);
    const badDate = !/^\d{4}-\d{2}-\d{2}$/.test(date) ? t('pickDay') : date > today ? t('noFuture') : null;
    setDateError(badDate);
    if (!parsed.ok || badDate) return;
    setPending(true);
    setError(null);
    const ask = { from, to, date };
    const r = await useFx.getState().convert({ amount: parsed.value, from, to, date });
    setPending(false);
    if (r.ok) setResult(r.data);
    else {
      setResult(null);
      setError({ error: r.error, ask });
    }
  }

  return (
    <section className="card convert" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="card-title">
        {t('title')}
      </h2>
      <form className="convert-form" noValidate onSubmit={(e) => void convert(e)} aria-busy={pending}>
        <div className="field convert-amount">
          <label htmlFor={`${id}-amount`}>{t('amount')}</label>
          <div className="amount-input">
            <input
              id={`${id}-amount`}
              type="text"
              inputMode="decimal"
              autoComplete="off"
              spellCheck={false}
              value={amount}
              onChange={(e) => {
                setAmount(e.target.value);
                setFieldError(null);
              }}
              aria-invalid={fieldError ? true : undefined}
              aria-describedby={fieldError ? `${id}-amount-error` : undefined}
              maxLength={40}
            />
            <span className="amount-suffix" aria-hidden="true">
              {from}
            </span>
          </div>
          {fieldError && (
            <p className="field-error" id={`${id}-amount-error`}>
              {fieldError}
            </p>
          )}
        </div>
        <div className="pair">
          <div className="field">
            <label htmlFor={`${id}-from`}>{t('from')}</label>
            <CurrencySelect id={`${id}-from`} value={from} onChange={(c) => onPair(c, to)} disabled={pending} />
          </div>
          <button
            type="button"
            className="secondary swap"
            aria-label={t('swap')}
            title={t('swap')}
            onClick={() => onPair(to, from)}
            disabled={pending}
          >
            <svg viewBox="0 0 20 20" width="18" height="18" aria-hidden="true" focusable="false">
              <path d="M4 7h11l-3-3M16 13H5l3 3" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" strokeLinejoin="round" />
            </svg>
          </button>
          <div className="field">
            <label htmlFor={`${id}-to`}>{t('to')}</label>
            <CurrencySelect id={`${id}-to`} value={to} onChange={(c) => onPair(from, c)} disabled={pending} />
          </div>
        </div>
        <div className="field convert-date">
          <label htmlFor={`${id}-date`}>{t('date')}</label>
          <input
            id={`${id}-date`}
            type="date"
            value={date}
            max={today}
            min="1990-01-01"
            onChange={(e) => {
              setDate(e.target.value);
              setDateError(null);
            }}
            aria-invalid={dateError ? true : undefined}
            aria-describedby={`${id}-date-hint`}
          />
          <p className={dateError ? 'field-error' : 'hint'} id={`${id}-date-hint`}>
            {dateError ?? t('dateHint')}
          </p>
        </div>
        <div className="actions">
          <button type="submit" className="primary" disabled={pending}>
            {t('submit')}
          </button>
          {date !== today && (
            <button type="button" className="ghost" onClick={() => setDate(today)}>
              {t('today')}
            </button>
          )}
        </div>
      </form>
      <Alert>{error ? describeFxError(error.error, error.ask, locale) : null}</Alert>
      {result && <ConversionResult result={result} locale={locale} />}
    </section>
  );
}
