import { useTranslation } from 'react-i18next';
import type { InstrumentView } from '../../../shared/contract/index.js';
import type { ActivityErrors, ActivityFields } from '../format/activity-draft.js';
import { AmountInput } from './AmountInput.js';
import { CurrencySelect } from './CurrencySelect.js';
import { InstrumentSearch } from './InstrumentSearch.js';

/** What each group of the activity form gets: the form's id prefix, its fields and errors, and a way to change them. */
export interface FieldsProps {
  id: string;
  fields: ActivityFields;
  errors: ActivityErrors;
  instruments: readonly InstrumentView[];
  change(patch: Partial<Omit<ActivityFields, 'type'>>): void;
}

type Key = keyof ActivityErrors;

function invalid(id: string, errors: ActivityErrors, key: Key) {
  return {
    'aria-invalid': errors[key] ? true : undefined,
    'aria-describedby': errors[key] ? `${id}-${key}-error` : undefined,
  };
}

function FieldError({ id, errors, k }: { id: string; errors: ActivityErrors; k: Key }) {
  return errors[k] ? (
    <p className="field-error" id={`${id}-${k}-error`}>
      {errors[k]}
    </p>
  ) : null;
}

/** A decimal typed into the form: no autofill, at most 40 characters, marked invalid with its error. */
function decimal(id: string, errors: ActivityErrors, key: Key) {
  return { inputMode: 'decimal' as const, autoComplete: 'off', maxLength: 40, ...invalid(id, errors, key) };
}

/** Buy or sell: the instrument, quantity, price per unit and an optional fee in its currency. */
export function TradeFields({ id, fields, errors, instruments, change }: FieldsProps) {
  const { t } = useTranslation(['activity', 'common']);
  const instrument = instruments.find((i) => i.symbol === fields.symbol);
  const currency = instrument?.quoteCurrency ?? '';
  return (
    <div className="form-grid">
      <div className="field span-all">
        <label htmlFor={`${id}-symbol`}>{t('form.instrument')}</label>
        <select id={`${id}-symbol`} value={fields.symbol} onChange={(e) => change({ symbol: e.target.value })} {...invalid(id, errors, 'symbol')}>
          {instruments.length === 0 && <option value="">{t('form.noInstruments')}</option>}
          {instruments.map((i) => (
            <option key={i.id} value={i.symbol}>
              {i.symbol} — {i.name} ({i.quoteCurrency})
            </option>
          ))}
        </select>
        <FieldError id={id} errors={errors} k="symbol" />
      </div>
      <div className="field span-all">
        <InstrumentSearch compact label={t('form.findOther')} action={t('form.use')} onPicked={(i) => change({ symbol: i.symbol })} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-quantity`}>{t('form.quantity')}</label>
        <AmountInput
          id={`${id}-quantity`}
          value={fields.quantity}
          onChange={(e) => change({ quantity: e.target.value })}
          {...decimal(id, errors, 'quantity')}
          suffix={instrument?.assetClass === 'crypto' ? instrument.symbol.split('-')[0] : (instrument?.symbol ?? '')}
        />
        <FieldError id={id} errors={errors} k="quantity" />
      </div>
      <div className="field">
        <label htmlFor={`${id}-price`}>{t('form.price')}</label>
        <AmountInput id={`${id}-price`} value={fields.price} onChange={(e) => change({ price: e.target.value })} {...decimal(id, errors, 'price')} suffix={currency} />
        <FieldError id={id} errors={errors} k="price" />
      </div>
      <div className="field">
        <label htmlFor={`${id}-fee`}>
          {t('form.fee')} <span className="optional">{t('common:optional')}</span>
        </label>
        <AmountInput id={`${id}-fee`} value={fields.fee} onChange={(e) => change({ fee: e.target.value })} {...decimal(id, errors, 'fee')} suffix={currency} />
        <FieldError id={id} errors={errors} k="fee" />
      </div>
    </div>
  );
}

/** Deposit, withdrawal, dividend, interest or fee: a currency and an amount (a dividend may name its instrument). */
export function CashFields({ id, fields, errors, instruments, change }: FieldsProps) {
  const { t } = useTranslation(['activity', 'common']);
  return (
    <div className="form-grid">
      <div className="field">
        <label htmlFor={`${id}-currency`}>{t('form.currency')}</label>
        <CurrencySelect id={`${id}-currency`} value={fields.currency} onChange={(currency) => change({ currency })} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-amount`}>{t('form.amount')}</label>
        <AmountInput id={`${id}-amount`} value={fields.amount} onChange={(e) => change({ amount: e.target.value })} {...decimal(id, errors, 'amount')} suffix={fields.currency} />
        <FieldError id={id} errors={errors} k="amount" />
      </div>
      {fields.type === 'dividend' && (
        <div className="field span-all">
          <label htmlFor={`${id}-dividend-symbol`}>
            {t('form.fromInstrument')} <span className="optional">{t('common:optional')}</span>
          </label>
          <select id={`${id}-dividend-symbol`} value={fields.dividendSymbol} onChange={(e) => change({ dividendSymbol: e.target.value })}>
            <option value="">{t('form.none')}</option>
            {instruments.map((i) => (
              <option key={i.id} value={i.symbol}>
                {i.symbol} — {i.name}
              </option>
            ))}
          </select>
        </div>
      )}
    </div>
  );
}

/** An exchange between two wallets: what was paid in one currency and received in the other. */
export function ExchangeFields({ id, fields, errors, change }: FieldsProps) {
  const { t } = useTranslation('activity');
  return (
    <div className="form-grid">
      <div className="field">
        <label htmlFor={`${id}-from`}>{t('form.fromCurrency')}</label>
        <CurrencySelect id={`${id}-from`} value={fields.currency} onChange={(currency) => change({ currency })} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-from-amount`}>{t('form.paid')}</label>
        <AmountInput
          id={`${id}-from-amount`}
          value={fields.amount}
          onChange={(e) => change({ amount: e.target.value })}
          {...decimal(id, errors, 'fromAmount')}
          suffix={fields.currency}
        />
        <FieldError id={id} errors={errors} k="fromAmount" />
      </div>
      <div className="field">
        <label htmlFor={`${id}-to`}>{t('form.toCurrency')}</label>
        <CurrencySelect id={`${id}-to`} value={fields.toCurrency} onChange={(toCurrency) => change({ toCurrency })} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-to-amount`}>{t('form.received')}</label>
        <AmountInput
          id={`${id}-to-amount`}
          value={fields.toAmount}
          onChange={(e) => change({ toAmount: e.target.value })}
          {...decimal(id, errors, 'toAmount')}
          suffix={fields.toCurrency}
        />
        <FieldError id={id} errors={errors} k="toAmount" />
      </div>
    </div>
  );
}
