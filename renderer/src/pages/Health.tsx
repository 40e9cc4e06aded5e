import { useTranslation } from 'react-i18next';
import { useEffect, useRef } from 'react';
import type { HealthRow } from '../../../shared/contract/index.js';
import { errorText } from '../format/errors.js';
import { labelTable } from '../i18n/index.js';
import { Alert } from '../components/Alert.js';
import { ageText } from '../format/age.js';
import { formatDay } from '../format/history.js';
import { formatPrice } from '../format/rates.js';
import { useHealth } from '../stores/health.js';
import { useSettings } from '../stores/settings.js';
import '../health.css';

const USE_LABEL: Record<HealthRow['uses'][number], string> = labelTable(['held', 'watchlist', 'ledger', 'base'], (k) => `data:health.uses.${k}`);
const CLASS_LABEL = labelTable(['fx', 'crypto', 'stock'], (k) => `market:classes.${k}`);
const BREAKER_LABEL = labelTable(['closed', 'open', 'half_open'], (k) => `data:health.breaker.${k}`);

/**
 * Data health: for every instrument and currency pair in use, where its data came from, how current and complete
 * it is, and, in words, why not. The Portfolio's and History's "no rate" and "no price" warnings link here.
 */
export function Health() {
  const { t } = useTranslation(['data', 'nav', 'market']);
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
          <h1>{t('nav:pages.health')}</h1>
          <p className="muted">{t('health.intro')}</p>
        </div>
        <button type="button" onClick={() => void useHealth.getState().load()} disabled={loading}>
          {t('health.refresh')}
        </button>
      </div>
      {error && <Alert>{errorText(error)}</Alert>}
      {report && (
        <p className="muted small" role="status">
          {report.rows.length === 0
            ? t('health.nothing')
            : t('health.summary', {
                count: report.rows.length,
                problems: troubled === 0 ? t('health.noProblem') : t('health.problems', { count: troubled }),
                base: report.baseCurrency,
              })}
        </p>
      )}
      <section className="card" aria-labelledby="health-title">
        <h2 id="health-title" className="card-title">
          {t('health.title')}
        </h2>
        <div className="table-scroll" tabIndex={0}>
          <table className="grid health">
            <thead>
              <tr>
                <th scope="col">{t('health.series')}</th>
                <th scope="col">{t('health.usedBy')}</th>
                <th scope="col">{t('health.provider')}</th>
                <th scope="col">{t('health.last')}</th>
                <th scope="col" className="num">
                  {t('health.gaps')}
                </th>
                <th scope="col">{t('health.live')}</th>
                <th scope="col">{t('health.breakers')}</th>
                <th scope="col">{t('health.problem')}</th>
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
                    {r.series !== r.key && <span className="muted small block">{t('health.storedAs', { series: r.series })}</span>}
                  </th>
                  <td>{r.uses.map((u) => USE_LABEL[u]).join(', ')}</td>
                  <td>{r.provider ?? <span className="muted">—</span>}</td>
                  <td>
                    {r.lastDate ? formatDay(r.lastDate, locale) : <span className="muted">{t('health.noneStored')}</span>}
                    {r.firstDate && <span className="muted small block">{t('health.since', { date: formatDay(r.firstDate, locale) })}</span>}
                  </td>
                  <td className="num">
                    {r.gapWeekdays === 0 ? (
                      <span className="muted">{t('health.none')}</span>
                    ) : (
                      <>
                        {t('health.weekdays', { count: r.gapWeekdays })}
                        {r.longestGap && (
                          <span className="muted small block">
                            {t('health.longest', { count: r.longestGap.weekdays, from: formatDay(r.longestGap.from, locale) })}
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
                        {r.stale ? <span className="badge badge-stale">{t('market:badges.stale')}</span> : <span className="badge badge-live">{t('market:badges.live')}</span>}
                        {r.simulated && <span className="badge badge-sim">{t('market:badges.simulated')}</span>}
                      </>
                    ) : (
                      <span className="badge badge-stale">{t('health.noLive')}</span>
                    )}
                  </td>
                  <td className="breakers" title={r.breakers.map((b) => `${b.provider}: ${BREAKER_LABEL[b.state]}`).join('\n')}>
                    {r.breakers.every((b) => b.state === 'closed') ? (
                      <span className="muted">{t('health.allClosed', { count: r.breakers.length })}</span>
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
                  <td className="problem">{r.problem ?? <span className="muted">{t('health.ok')}</span>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {!report && !error && <p className="muted">{t('health.loading')}</p>}
      </section>
    </>
  );
}
