import { useTranslation } from 'react-i18next';
import { useId, useState, type FormEvent } from 'react';
import type { InstrumentView } from '../../../shared/contract/index.js';
import type { UiError } from '../api/client.js';
import {
  buildCorporate,
  CORPORATE_HINT,
  CORPORATE_KIND_LABEL,
  CORPORATE_KINDS,
  corporateEffect,
  corporateRecorded,
  type CorporateErrors,
  type CorporateFields,
  type CorporateKind,
} from '../format/corporate-draft.js';
import { describeCorporateError } from '../format/corporate-errors.js';
import { todayIso } from '../format/rates.js';
import { useActivity } from '../stores/activity.js';
import { Alert, Status } from './Alert.js';
import { Segmented } from './Segmented.js';

interface Props {
  instruments: InstrumentView[];
  locale: string;
}

type Field = keyof CorporateErrors;

/**
 * A split, reverse split, stock dividend or symbol change (activity:record): it belongs to the instrument, so it names
 * no account and applies to every account holding it. Once the fields make a valid request, the form says what it
 * will do before it is sent.
 */
export function CorporateActionForm({ instruments, locale }: Props) {
  const { t } = useTranslation(['activity', 'common']);
  const id = useId();
  const today = todayIso();
  const [fields, setFields] = useState<CorporateFields>(() => ({
    kind: 'split',
    symbol: instruments[0]?.symbol ?? '',
    date: today,
    numerator: '',
    denominator: '',
    newSymbol: instruments[1]?.symbol ?? '',
    note: '',
  }));
  const [errors, setErrors] = useState<CorporateErrors>({});
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<UiError | null>(null);
  const [done, setDone] = useState<string | null>(null);

  const change = (patch: Partial<CorporateFields>) => {
    setFields((was) => ({ ...was, ...patch }));
    setDone(null);
  };
  // What it will do, shown as soon as the fields describe a valid action (nothing is shown for half-typed ones).
  const preview = buildCorporate(fields, instruments, today, locale).draft;
  const ratio = fields.kind !== 'symbol-change';

  async function submit(ev: FormEvent) {
    ev.preventDefault();
    if (pending) return;
    setDone(null);
    setError(null);
    const b = buildCorporate(fields, instruments, today, locale);
    setErrors(b.errors);
    if (!b.draft) return;
    setPending(true);
    const r = await useActivity.getState().record(b.draft);
    setPending(false);
    if (!r.ok) return setError(r.error);
    setDone(corporateRecorded(b.draft, locale));
    setFields((was) => ({ ...was, numerator: '', denominator: '', note: '' }));
  }

  const invalid = (k: Field) => ({
    'aria-invalid': errors[k] ? true : undefined,
    'aria-describedby': errors[k] ? `${id}-${k}-error` : undefined,
  });
  const fieldError = (k: Field) =>
    errors[k] ? (
      <p className="field-error" id={`${id}-${k}-error`}>
        {errors[k]}
      </p>
    ) : null;
  const instrumentSelect = (k: 'symbol' | 'newSymbol', label: string) => (
    <div className="field span-all">
      <label htmlFor={`${id}-${k}`}>{label}</label>
      <select id={`${id}-${k}`} value={fields[k]} onChange={(e) => change({ [k]: e.target.value })} {...invalid(k)}>
        {instruments.length === 0 && <option value="">{t('form.noInstruments')}</option>}
        {instruments.map((i) => (
          <option key={i.id} value={i.symbol}>
            {i.symbol} — {i.name}
          </option>
        ))}
      </select>
      {fieldError(k)}
    </div>
  );
  const term = (k: 'numerator' | 'denominator', label: string) => (
    <div className="field">
      <label htmlFor={`${id}-${k}`}>{label}</label>
      <input id={`${id}-${k}`} inputMode="decimal" autoComplete="off" maxLength={24} value={fields[k]} onChange={(e) => change({ [k]: e.target.value })} {...invalid(k)} />
      {fieldError(k)}
    </div>
  );

  return (
    <section className="card corporate-form" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="card-title">
        {t('corporate.title')}
      </h2>
      <p className="muted small">{t('corporate.intro')}</p>
      <form className="stack" noValidate onSubmit={(e) => void submit(e)} aria-busy={pending}>
        <Segmented<CorporateKind>
          legend={t('corporate.kind')}
          name={`${id}-kind`}
          className="corporate-kinds"
          options={CORPORATE_KINDS.map((k) => ({ value: k, label: CORPORATE_KIND_LABEL[k] }))}
          value={fields.kind}
          onChange={(kind) => {
            change({ kind });
            setErrors({});
            setError(null);
          }}
        />
        <div className="form-grid">
          {instrumentSelect('symbol', t('form.instrument'))}
          {fields.kind === 'symbol-change' && instrumentSelect('newSymbol', t('corporate.newSymbol'))}
          {ratio && term('numerator', fields.kind === 'stock-dividend' ? t('corporate.bonusUnits') : t('corporate.newUnits'))}
          {ratio && term('denominator', t('corporate.heldUnits'))}
          <div className="field span-all">
            <label htmlFor={`${id}-date`}>{t('corporate.date')}</label>
            <input id={`${id}-date`} type="date" value={fields.date} max={today} min="1970-01-01" onChange={(e) => change({ date: e.target.value })} {...invalid('date')} />
            {fieldError('date')}
          </div>
          <div className="field span-all">
            <label htmlFor={`${id}-note`}>
              {t('form.note')} <span className="optional">{t('common:optional')}</span>
            </label>
            <input id={`${id}-note`} value={fields.note} onChange={(e) => change({ note: e.target.value })} maxLength={500} />
          </div>
        </div>
        <p className="hint corporate-effect" id={`${id}-effect`}>
          {preview ? corporateEffect(preview, locale) : CORPORATE_HINT[fields.kind]}
        </p>
        <Alert>{error && describeCorporateError(error, fields.symbol)}</Alert>
        <div className="actions">
          <button type="submit" className="primary" disabled={pending} aria-describedby={`${id}-effect`}>
            {pending ? t('form.recording') : t('corporate.submit')}
          </button>
          <Status>{done}</Status>
        </div>
      </form>
    </section>
  );
}
