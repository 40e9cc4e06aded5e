import { useTranslation } from 'react-i18next';
import { useId, useState, type FormEvent } from 'react';
import type { InstrumentView } from '../../../shared/contract/index.js';
import type { UiError } from '../api/client.js';
import { ACTIVITY_LABEL, ACTIVITY_TYPES, recordedText, type RecordableType } from '../format/activities.js';
import { ACTIVITY_HINT, buildActivity, isTrade, type ActivityErrors, type ActivityFields } from '../format/activity-draft.js';
import { describeOrderError } from '../format/order-errors.js';
import { todayIso } from '../format/rates.js';
import { useActivity } from '../stores/activity.js';
import { minorUnitOf } from '../stores/currencies.js';
import { CashFields, ExchangeFields, TradeFields } from './ActivityFields.js';
import { AccountSelect } from './AccountSelect.js';
import { Alert, Status } from './Alert.js';

interface Props {
  instruments: InstrumentView[];
  locale: string;
  baseCurrency: string;
}

/** The fields as typed; the currencies stay null until picked so that they follow the base currency until then. */
type Typed = Omit<ActivityFields, 'currency' | 'toCurrency'> & { currency: string | null; toCurrency: string | null };

/** Typed-in figures cleared after a recording; the type, date, instrument and currencies stay for the next one. */
const CLEARED = { quantity: '', price: '', fee: '', amount: '', toAmount: '', note: '' };

/** Outside activity of a real portfolio at a chosen past date and price (activity:record), one key per submission. */
export function ActivityForm({ instruments, locale, baseCurrency }: Props) {
  const { t } = useTranslation(['activity', 'common']);
  const id = useId();
  const today = todayIso();
  const [typed, setTyped] = useState<Typed>(() => ({
    type: 'buy',
    date: today,
    symbol: instruments[0]?.symbol ?? '',
    dividendSymbol: '',
    currency: null,
    toCurrency: null,
    ...CLEARED,
  }));
  const [errors, setErrors] = useState<ActivityErrors>({});
  const [accountId, setAccountId] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<UiError | null>(null);
  const [done, setDone] = useState<string | null>(null);

  // The user's picks, else defaults from the base currency (settings may arrive after the form is filled in).
  const fields: ActivityFields = {
    ...typed,
    currency: typed.currency ?? baseCurrency,
    toCurrency: typed.toCurrency ?? (baseCurrency === 'EUR' ? 'USD' : 'EUR'),
  };
  const change = (patch: Partial<Typed>) => setTyped((was) => ({ ...was, ...patch }));
  const trade = isTrade(fields.type);

  async function submit(ev: FormEvent) {
    ev.preventDefault();
    if (pending) return;
    setDone(null);
    setError(null);
    const b = buildActivity(fields, instruments, today, locale, minorUnitOf);
    setErrors(b.errors);
    if (!b.draft) return;
    setPending(true);
    const r = await useActivity.getState().record(b.draft, accountId ?? undefined);
    setPending(false);
    if (!r.ok) return setError(r.error);
    setDone(recordedText(r.data, locale, minorUnitOf));
    change(CLEARED);
  }

  const tradeCurrency = instruments.find((i) => i.symbol === fields.symbol)?.quoteCurrency ?? '';
  const message = error
    ? error.code === 'NETWORK'
      ? t('form.retrySafe', { message: error.message })
      : describeOrderError(error, {
          locale,
          minorUnitOf,
          subject: t('form.thisActivity'),
          symbol: trade ? fields.symbol : undefined,
          currency: trade ? tradeCurrency : fields.currency,
        })
    : null;
  const group = { id, fields, errors, instruments, change };

  return (
    <section className="card activity-form" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="card-title">
        {t('form.title')}
      </h2>
      <form className="stack" noValidate onSubmit={(e) => void submit(e)} aria-busy={pending}>
        <div className="form-grid">
          <div className="field">
            <label htmlFor={`${id}-type`}>{t('form.type')}</label>
            <select
              id={`${id}-type`}
              value={fields.type}
              onChange={(e) => {
                change({ type: e.target.value as RecordableType });
                setErrors({});
                setDone(null);
                setError(null);
              }}
              aria-describedby={`${id}-type-hint`}
            >
              {ACTIVITY_TYPES.map((type) => (
                <option key={type} value={type}>
                  {ACTIVITY_LABEL[type]}
                </option>
              ))}
            </select>
          </div>
          <AccountSelect id={`${id}-account`} value={accountId} onChange={setAccountId} />
          <div className="field">
            <label htmlFor={`${id}-date`}>{t('form.date')}</label>
            <input
              id={`${id}-date`}
              type="date"
              value={fields.date}
              max={today}
              min="1970-01-01"
              onChange={(e) => change({ date: e.target.value })}
              aria-invalid={errors.date ? true : undefined}
              aria-describedby={errors.date ? `${id}-date-error` : undefined}
            />
            {errors.date && (
              <p className="field-error" id={`${id}-date-error`}>
                {errors.date}
              </p>
            )}
          </div>
        </div>
        <p className="hint activity-hint" id={`${id}-type-hint`}>
          {ACTIVITY_HINT[fields.type]}
        </p>

        {trade && <TradeFields {...group} />}
        {!trade && fields.type !== 'fx-exchange' && <CashFields {...group} />}
        {fields.type === 'fx-exchange' && <ExchangeFields {...group} />}

        <div className="field">
          <label htmlFor={`${id}-note`}>
            {t('form.note')} <span className="optional">{t('common:optional')}</span>
          </label>
          <input id={`${id}-note`} value={fields.note} onChange={(e) => change({ note: e.target.value })} maxLength={500} />
        </div>
        <Alert>{message}</Alert>
        <div className="actions">
          <button type="submit" className="primary" disabled={pending}>
            {pending ? t('form.recording') : t('form.submit')}
          </button>
          <Status>{done}</Status>
        </div>
      </form>
    </section>
  );
}
