import { useEffect, useId, useState, type FormEvent } from 'react';
import type { AlertKind, AlertView } from '../../../shared/contract/index.js';
import { Alert, Status } from '../components/Alert.js';
import { formatPrice } from '../format/rates.js';
import { useAlerts } from '../stores/alerts.js';
import { useCatalogue } from '../stores/catalogue.js';
import { useMarket } from '../stores/market.js';
import { useSettings } from '../stores/settings.js';
import '../health.css';

const SYMBOL = /^[A-Z0-9][A-Z0-9.^=_-]*$/;
const THRESHOLD = /^(0|[1-9]\d*)(\.\d+)?$/;
const KIND_LABEL: Record<AlertKind, string> = { above: 'Price at or above', below: 'Price at or below', move: 'Daily move of at least' };

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
    if (!SYMBOL.test(symbol)) return setFormError('Choose an instrument of the catalogue (AAPL, BTC-USD) or a currency pair (EUR-USD).');
    if (!THRESHOLD.test(threshold) || !/[1-9]/.test(threshold)) return setFormError(kind === 'move' ? 'Give the move as a percentage, such as 5 or 2.5.' : 'Give the price as a number greater than zero, such as 150.25.');
    setPending(true);
    setFormError(null);
    const r = await useAlerts.getState().create({ symbol, kind, threshold });
    setPending(false);
    if (!r.ok) return setFormError(r.error.message);
    setDone(`Alert set: ${r.data.symbol}, ${terms(r.data, locale)}.`);
    setThreshold('');
  }

  const remove = (a: AlertView) => void useAlerts.getState().remove(a.id);

  return (
    <>
      <div className="page-head">
        <h1>Alerts</h1>
        <p className="muted">
          A notification when a price crosses a level or moves more than a share in a day. Checked on every live price, also while
          Bourse is in the background or locked; each alert fires once per crossing and again after the price has come back.
        </p>
      </div>
      {error && <Alert>{error.message}</Alert>}
      <div className="alerts-layout">
        <section className="card" aria-labelledby={`${id}-new`}>
          <h2 id={`${id}-new`} className="card-title">
            New alert
          </h2>
          <form className="alert-form" onSubmit={(e) => void submit(e)} noValidate aria-busy={pending}>
            <div className="field">
              <label htmlFor={`${id}-symbol`}>Instrument or pair</label>
              <input
                id={`${id}-symbol`}
                list={`${id}-symbols`}
                value={symbol}
                onChange={(e) => setSymbol(e.target.value.toUpperCase().trim())}
                maxLength={32}
                spellCheck={false}
                autoComplete="off"
                placeholder="AAPL or EUR-USD"
                aria-describedby={`${id}-now`}
              />
              <datalist id={`${id}-symbols`}>
                {suggestions.map((s) => (
                  <option key={s} value={s} />
                ))}
              </datalist>
              <p className="hint" id={`${id}-now`}>
                {current?.price ? `Now ${formatPrice(current.price, locale)} ${current.currency}${current.stale ? ' (stale)' : ''}.` : ' '}
              </p>
            </div>
            <div className="field">
              <label htmlFor={`${id}-kind`}>When</label>
              <select id={`${id}-kind`} value={kind} onChange={(e) => setKind(e.target.value as AlertKind)}>
                <option value="above">{KIND_LABEL.above}</option>
                <option value="below">{KIND_LABEL.below}</option>
                <option value="move">{KIND_LABEL.move} (%)</option>
              </select>
            </div>
            <div className="field">
              <label htmlFor={`${id}-threshold`}>{kind === 'move' ? 'Move in %' : 'Price'}</label>
              <input id={`${id}-threshold`} inputMode="decimal" value={threshold} onChange={(e) => setThreshold(e.target.value.trim())} maxLength={30} autoComplete="off" />
            </div>
            <Alert>{formError}</Alert>
            <Status>{done}</Status>
            <div className="actions">
              <button type="submit" className="primary" disabled={pending}>
                Set alert
              </button>
            </div>
          </form>
        </section>
        <section className="card" aria-labelledby={`${id}-list`}>
          <h2 id={`${id}-list`} className="card-title">
            Your alerts
          </h2>
          {alerts.length === 0 ? (
            <p className="muted">{loaded ? 'No alerts yet.' : 'Loading…'}</p>
          ) : (
            <div className="table-scroll" tabIndex={0}>
              <table className="grid">
                <thead>
                  <tr>
                    <th scope="col">Symbol</th>
                    <th scope="col">When</th>
                    <th scope="col">State</th>
                    <th scope="col">Last fired</th>
                    <th scope="col">
                      <span className="visually-hidden">Actions</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {alerts.map((a) => (
                    <tr key={a.id}>
                      <th scope="row">{a.symbol}</th>
                      <td>{terms(a, locale)}</td>
                      <td>{a.armed ? <span className="badge badge-live">Armed</span> : <span className="badge badge-warn" title="Fired: armed again when the price crosses back">Fired</span>}</td>
                      <td>{a.lastFiredAt ? when(a.lastFiredAt, locale) : <span className="muted">never</span>}</td>
                      <td>
                        <button type="button" className="ghost small-btn" onClick={() => remove(a)} aria-label={`Delete the ${a.symbol} alert: ${terms(a, locale)}`}>
                          Delete
                        </button>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          <h2 id={`${id}-history`} className="card-title">
            History
          </h2>
          {history.length === 0 ? (
            <p className="muted">Nothing has fired yet.</p>
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
