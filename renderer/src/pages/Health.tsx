import { useEffect, useRef } from 'react';
import type { HealthRow } from '../../../shared/contract/index.js';
import { Alert } from '../components/Alert.js';
import { ageText } from '../format/age.js';
import { formatDay } from '../format/history.js';
import { formatPrice } from '../format/rates.js';
import { useHealth } from '../stores/health.js';
import { useSettings } from '../stores/settings.js';
import '../health.css';

const USE_LABEL: Record<HealthRow['uses'][number], string> = { held: 'Held', watchlist: 'Watchlist', ledger: 'Ledger', base: 'Base' };
const CLASS_LABEL = { fx: 'FX', crypto: 'Crypto', stock: 'Stock' } as const;
const BREAKER_LABEL = { closed: 'closed', open: 'open', half_open: 'half-open' } as const;

/**
 * Data health: for every instrument and currency pair in use, where its data came from, how current and complete
 * it is, and, in words, why not. The Portfolio's and History's "no rate" and "no price" warnings link here.
 */
export function Health() {
  const { report, loading, error, focus } = useHealth();
  const locale = useSettings((s) => s.settings.locale);
  const focused = useRef<HTMLTableRowElement | null>(null);

  useEffect(() => {
    void useHealth.getState().load();
  }, []);

  useEffect(() => {
    if (report && focus && focused.current) {
      focused.current.scrollIntoView({ block: 'center' });
      focused.current.focus();
    }
  }, [report, focus]);

  // Ages as of the report: the page shows one moment, refreshed by the button.
  const now = report ? Date.parse(report.asOf) : 0;
  const troubled = report?.rows.filter((r) => r.problem !== null).length ?? 0;

  return (
    <>
      <div className="page-head page-head-row">
        <div>
          <h1>Data health</h1>
          <p className="muted">
            Where each price and rate in use comes from, how current and complete its stored history is, and what went wrong.
          </p>
        </div>
        <button type="button" onClick={() => void useHealth.getState().load()} disabled={loading}>
          Refresh
        </button>
      </div>
      {error && <Alert>{error.message}</Alert>}
      {report && (
        <p className="muted small" role="status">
          {report.rows.length === 0
            ? 'Nothing in use yet: add an instrument or open a wallet.'
            : `${report.rows.length} series in use, ${troubled === 0 ? 'none with a problem' : `${troubled} with a problem`}. Pairs are against ${report.baseCurrency}.`}
        </p>
      )}
      <section className="card" aria-labelledby="health-title">
        <h2 id="health-title" className="card-title">
          Instruments and currency pairs
        </h2>
        <div className="table-scroll" tabIndex={0}>
          <table className="grid health">
            <thead>
              <tr>
                <th scope="col">Series</th>
                <th scope="col">Used by</th>
                <th scope="col">Provider</th>
                <th scope="col">Last close or rate</th>
                <th scope="col" className="num">
                  Gaps
                </th>
                <th scope="col">Live</th>
                <th scope="col">Circuit breakers</th>
                <th scope="col">Problem</th>
              </tr>
            </thead>
            <tbody>
              {report?.rows.map((r) => (
                <tr
                  key={r.key}
                  id={`health-${r.key}`}
                  ref={r.key === focus ? focused : undefined}
                  tabIndex={r.key === focus ? -1 : undefined}
                  className={[r.key === focus ? 'is-focus' : '', r.problem ? 'has-problem' : ''].join(' ').trim() || undefined}
                >
                  <th scope="row" className="symbol">
                    {r.key} <span className="asset-class">{CLASS_LABEL[r.assetClass]}</span>
                    {r.series !== r.key && <span className="muted small block">stored as {r.series}</span>}
                  </th>
                  <td>{r.uses.map((u) => USE_LABEL[u]).join(', ')}</td>
                  <td>{r.provider ?? <span className="muted">—</span>}</td>
                  <td>
                    {r.lastDate ? formatDay(r.lastDate, locale) : <span className="muted">none stored</span>}
                    {r.firstDate && <span className="muted small block">since {formatDay(r.firstDate, locale)}</span>}
                  </td>
                  <td className="num">
                    {r.gapWeekdays === 0 ? (
                      <span className="muted">none</span>
                    ) : (
                      <>
                        {r.gapWeekdays} {r.gapWeekdays === 1 ? 'weekday' : 'weekdays'}
                        {r.longestGap && (
                          <span className="muted small block">
                            longest {r.longestGap.weekdays}: {formatDay(r.longestGap.from, locale)}
                            {r.longestGap.to !== r.longestGap.from && (
                              <>
                                {' –'}
                                <br />
                                {formatDay(r.longestGap.to, locale)}
                              </>
                            )}
                          </span>
                        )}
                      </>
                    )}
                  </td>
                  <td className="flags">
                    {r.live ? (
                      <>
                        <span className="block">
                          {formatPrice(r.live.price, locale)} <span className="muted small">{ageText(r.live.ts, now)}</span>
                        </span>
                        {r.stale ? <span className="badge badge-stale">Stale</span> : <span className="badge badge-live">Live</span>}
                        {r.simulated && <span className="badge badge-sim">Simulated</span>}
                      </>
                    ) : (
                      <span className="badge badge-stale">No live price</span>
                    )}
                  </td>
                  <td className="breakers" title={r.breakers.map((b) => `${b.provider}: ${BREAKER_LABEL[b.state]}`).join('\n')}>
                    {r.breakers.every((b) => b.state === 'closed') ? (
                      <span className="muted">all {r.breakers.length} closed</span>
                    ) : (
                      r.breakers
                        .filter((b) => b.state !== 'closed')
                        .map((b) => (
                          <span key={b.provider} className={`badge ${b.state === 'open' ? 'badge-stale' : 'badge-warn'}`}>
                            {b.provider} {BREAKER_LABEL[b.state]}
                          </span>
                        ))
                    )}
                  </td>
                  <td className="problem">{r.problem ?? <span className="muted">OK</span>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {!report && !error && <p className="muted">Loading…</p>}
      </section>
    </>
  );
}
