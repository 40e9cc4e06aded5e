import { useTranslation } from 'react-i18next';
import { useEffect, useId, useState, type FormEvent } from 'react';
import type { AlertKind, AlertView } from '../../../shared/contract/index.js';
import { errorText } from '../format/errors.js';
import { labelTable } from '../i18n/index.js';
import { Alert, Status } from '../components/Alert.js';
import { formatPrice } from '../format/rates.js';
import { useAlerts } from '../stores/alerts.js';
import { useCatalogue } from '../stores/catalogue.js';
import { useMarket } from '../stores/market.js';
import { useSettings } from '../stores/settings.js';
import '../health.css';

const SYMBOL = /^[A-Z0-9][A-Z0-9.^=_-]*$/;
const THRESHOLD = /^(0|[1-9]\d*)(\.\d+)?$/;
const KIND_LABEL: Record<AlertKind, string> = labelTable(['above', 'below', 'move'], (k) => `data:alerts.kinds.${k}`);

function terms(a: { kind: AlertKind; threshold: string }, locale: string): string {
  return a.kind === 'move' ? `${KIND_LABEL.move} ${a.threshold} %` : `${KIND_LABEL[a.kind]} ${formatPrice(a.threshold, locale)}`;
}

function when(iso: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'medium' }).format(new Date(iso));
}

/**
 * Price alerts: above, below, or a daily move in percent, per instrument or currency pair. Main checks them on every
 * live price, also while this window is hidden or the app locked, and fires each once per crossing.
 */
export function Alerts() {
  const { t } = useTranslation(['data', 'nav']);
  const id = useId();
  const { alerts, history, loaded, error } = useAlerts();
  const instruments = useCatalogue((s) => s.instruments);
  const prices = useMarket((s) => s.prices);
  const locale = useSettings((s) => s.settings.locale);
  const [symbol, setSymbol] = useState('');
  const [kind, setKind] = useState<AlertKind>('above');
  const [threshold, setThreshold] = useState('');
  const [pending, setPending] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);

  useEffect(() => {
    void useAlerts.getState().load();
    void useCatalogue.getState().loadInstruments();
    void useMarket.getState().load();
  }, []);

  const suggestions = [...new Set([...instruments.map((i) => i.symbol), ...prices.map((p) => p.symbol)])].sort();
  const current = prices.find((p) => p.symbol === symbol);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setDone(null);
    if (!SYMBOL.test(symbol)) return setFormError(t('alerts.chooseSymbol'));
    if (!THRESHOLD.test(threshold) || !/[1-9]/.test(threshold)) return setFormError(kind === 'move' ? t('alerts.movePercent') : t('alerts.pricePositive'));
    setPending(true);
    setFormError(null);
    const r = await useAlerts.getState().create({ symbol, kind, threshold });
    setPending(false);
    if (!r.ok) return setFormError(errorText(r.error));
    setDone(t('alerts.set', { symbol: r.data.symbol, terms: terms(r.data, locale) }));
    setThreshold('');
  }

  const remove = (a: AlertView) => void useAlerts.getState().remove(a.id);

  return (
    <>
      <div className="page-head">
        <h1>{t('nav:pages.alerts')}</h1>
        <p className="muted">{t('alerts.intro')}</p>
      </div>
      {error && <Alert>{errorText(error)}</Alert>}
      <div className="alerts-layout">
        <section className="card" aria-labelledby={`${id}-new`}>
          <h2 id={`${id}-new`} className="card-title">
            {t('alerts.new')}
          </h2>
          <form className="alert-form" onSubmit={(e) => void submit(e)} noValidate aria-busy={pending}>
            <div className="field">
              <label htmlFor={`${id}-symbol`}>{t('alerts.symbol')}</label>
              <input
                id={`${id}-symbol`}
                list={`${id}-symbols`}
                value={symbol}
                onChange={(e) => setSymbol(e.target.value.toUpperCase().trim())}
                maxLength={32}
                spellCheck={false}
                autoComplete="off"
                placeholder={t('alerts.symbolPlaceholder')}
                aria-describedby={`${id}-now`}
              />
              <datalist id={`${id}-symbols`}>
                {suggestions.map((s) => (
                  <option key={s} value={s} />
                ))}
              </datalist>
              <p className="hint" id={`${id}-now`}>
                {current?.price ? t(current.stale ? 'alerts.nowStale' : 'alerts.now', { price: formatPrice(current.price, locale), currency: current.currency }) : ' '}
              </p>
            </div>
            <div className="field">
              <label htmlFor={`${id}-kind`}>{t('alerts.when')}</label>
              <select id={`${id}-kind`} value={kind} onChange={(e) => setKind(e.target.value as AlertKind)}>
                <option value="above">{KIND_LABEL.above}</option>
                <option value="below">{KIND_LABEL.below}</option>
                <option value="move">{KIND_LABEL.move} (%)</option>
              </select>
            </div>
            <div className="field">
              <label htmlFor={`${id}-threshold`}>{kind === 'move' ? t('alerts.moveIn') : t('alerts.price')}</label>
              <input id={`${id}-threshold`} inputMode="decimal" value={threshold} onChange={(e) => setThreshold(e.target.value.trim())} maxLength={30} autoComplete="off" />
            </div>
            <Alert>{formError}</Alert>
            <Status>{done}</Status>
            <div className="actions">
              <button type="submit" className="primary" disabled={pending}>
                {t('alerts.submit')}
              </button>
            </div>
          </form>
        </section>
        <section className="card" aria-labelledby={`${id}-list`}>
          <h2 id={`${id}-list`} className="card-title">
            {t('alerts.yours')}
          </h2>
          {alerts.length === 0 ? (
            <p className="muted">{loaded ? t('alerts.none') : t('alerts.loading')}</p>
          ) : (
            <div className="table-scroll" tabIndex={0}>
              <table className="grid">
                <thead>
                  <tr>
                    <th scope="col">{t('alerts.symbolCol')}</th>
                    <th scope="col">{t('alerts.when')}</th>
                    <th scope="col">{t('alerts.state')}</th>
                    <th scope="col">{t('alerts.lastFired')}</th>
                    <th scope="col">
                      <span className="visually-hidden">{t('alerts.actions')}</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {alerts.map((a) => (
                    <tr key={a.id}>
                      <th scope="row">{a.symbol}</th>
                      <td>{terms(a, locale)}</td>
                      <td>{a.armed ? <span className="badge badge-live">{t('alerts.armed')}</span> : <span className="badge badge-warn" title={t('alerts.firedHint')}>{t('alerts.fired')}</span>}</td>
                      <td>{a.lastFiredAt ? when(a.lastFiredAt, locale) : <span className="muted">{t('alerts.never')}</span>}</td>
                      <td>
                        <button type="button" className="ghost small-btn" onClick={() => remove(a)} aria-label={t('alerts.deleteWhat', { symbol: a.symbol, terms: terms(a, locale) })}>
                          {t('alerts.delete')}
                        </button>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          <h2 id={`${id}-history`} className="card-title">
            {t('alerts.history')}
          </h2>
          {history.length === 0 ? (
            <p className="muted">{t('alerts.nothingFired')}</p>
          ) : (
            <ul className="alert-history" aria-labelledby={`${id}-history`}>
              {history.map((f) => (
                <li key={f.id}>
                  <time dateTime={f.firedAt}>{when(f.firedAt, locale)}</time>: {f.message}
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>
    </>
  );
}
