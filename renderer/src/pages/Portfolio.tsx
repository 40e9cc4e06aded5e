import { AccountPicker } from '../components/AccountPicker.js';
import { AccountTotals } from '../components/AccountTotals.js';
import { useAccounts } from '../stores/accounts.js';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { AllocationCharts } from '../components/AllocationCharts.js';
import { Alert } from '../components/Alert.js';
import { CashTable } from '../components/CashTable.js';
import { CorporateProposals } from '../components/CorporateProposals.js';
import { HoldingsTable } from '../components/HoldingsTable.js';
import { PortfolioTotals } from '../components/PortfolioTotals.js';
import { PortfolioWarnings } from '../components/PortfolioWarnings.js';
import { useAge } from '../hooks/useAge.js';
import { RealizedByYear } from '../components/RealizedByYear.js';
import { ValueChart } from '../components/ValueChart.js';
import { usePortfolioLive } from '../hooks/usePortfolioLive.js';
import { usePaintSteps } from '../hooks/after-paint.js';
import { formatDateTime } from '../format/date.js';
import { errorText } from '../format/errors.js';
import { useNav } from '../stores/nav.js';
import { usePortfolio } from '../stores/portfolio.js';
import { useSettings } from '../stores/settings.js';

/** How old the oldest price behind the figures is, kept current by itself (the page is not drawn again for it). */
function OldestPrice({ ts }: { ts: number }) {
  const { t } = useTranslation('portfolio');
  return <>{t('oldestPrice', { age: useAge(ts) })}</>;
}

export function Portfolio() {
  const { t } = useTranslation(['portfolio', 'nav']);
  // Only what the page shows: a request on its way (`loading`) draws nothing.
  const { snapshot, loaded, error } = usePortfolio(useShallow((p) => ({ snapshot: p.snapshot, loaded: p.loaded, error: p.error })));
  const locale = useSettings((s) => s.settings.locale);
  const shown = useAccounts((a) => a.shown);
  usePortfolioLive();

  const s = snapshot;
  const empty = s && s.holdings.length === 0 && s.cash.length === 0;
  // The first paint with figures draws the headline figures and the holdings rows in view (the table draws no
  // others); then, a part per frame, the value chart, and the allocation and tables below (all at once took several
  // times as long).
  const step = usePaintSteps(s !== null, 2);

  return (
    <>
      <div className="page-head page-head-row">
        <div>
          <h1>{t('nav:pages.portfolio')}</h1>
          <p className="muted">{t('intro')}</p>
        </div>
        <div className="actions">
          <button type="button" className="secondary" onClick={() => useNav.getState().go('activity')}>
            {t('record')}
          </button>
          <button type="button" className="primary" onClick={() => useNav.getState().go('trade')}>
            {t('trade')}
          </button>
        </div>
      </div>
      <AccountPicker
        value={shown}
        onChange={(ids) => {
          useAccounts.getState().show(ids);
          void usePortfolio.getState().load();
        }}
      />
      <CorporateProposals />
      {error && <Alert>{errorText(error)}</Alert>}
      {!loaded && !error && <p className="muted">{t('loading')}</p>}
      {empty && (
        <div className="card empty-state">
          <h2 className="card-title">{t('empty')}</h2>
          <p className="muted">{t('emptyText')}</p>
        </div>
      )}
      {s && !empty && (
        <div className="stack-lg portfolio" aria-busy={s.kept ? true : undefined}>
          {s.kept && (
            // Figures kept from the last session are never shown as live: named with their time until replaced.
            <div className="kept-note" role="status" data-kept={s.kept.computedAt}>
              <span className="kept-spinner" aria-hidden="true" />
              <div>
                <strong>{t('kept', { time: formatDateTime(s.kept.computedAt, locale) })}</strong>
                <p className="muted small">{t('keptText')}</p>
              </div>
            </div>
          )}
          <p className="prices-age muted small" role="note">
            {s.oldestPriceTs === null ? t('noPrices') : <OldestPrice ts={s.oldestPriceTs} />}
          </p>
          <PortfolioWarnings warnings={s.warnings} base={s.baseCurrency} />
          <PortfolioTotals totals={s.totals} method={s.method} base={s.baseCurrency} locale={locale} />
          {step >= 1 ? <ValueChart series={s.series} returns={s.returns} base={s.baseCurrency} locale={locale} /> : <div className="card chart-card chart-pending" aria-hidden="true" />}
          <section className="card" aria-labelledby="holdings-title">
            <h2 id="holdings-title" className="card-title">
              {t('holdings')}
            </h2>
            {s.holdings.length === 0 ? (
              <p className="muted">{t('onlyCash')}</p>
            ) : (
              <HoldingsTable holdings={s.holdings} base={s.baseCurrency} locale={locale} />
            )}
          </section>
          {step >= 2 && <AccountTotals shown={shown} locale={locale} />}
          {step >= 2 && <AllocationCharts allocation={s.allocation} base={s.baseCurrency} locale={locale} />}
          {step >= 2 && (
            <div className="portfolio-pair">
              <section className="card" aria-labelledby="cash-title">
                <h2 id="cash-title" className="card-title">
                  {t('cash')}
                </h2>
                {s.cash.length === 0 ? <p className="muted">{t('noCash')}</p> : <CashTable cash={s.cash} base={s.baseCurrency} locale={locale} />}
              </section>
              <section className="card" aria-labelledby="realized-title">
                <h2 id="realized-title" className="card-title">
                  {t('realizedTitle')}
                </h2>
                <RealizedByYear rows={s.realizedByYear} locale={locale} />
              </section>
            </div>
          )}
        </div>
      )}
    </>
  );
}
