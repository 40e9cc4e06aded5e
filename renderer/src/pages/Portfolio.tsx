import { AccountPicker } from '../components/AccountPicker.js';
import { AccountTotals } from '../components/AccountTotals.js';
import { useAccounts } from '../stores/accounts.js';
import { AllocationCharts } from '../components/AllocationCharts.js';
import { Alert } from '../components/Alert.js';
import { CashTable } from '../components/CashTable.js';
import { HoldingsTable } from '../components/HoldingsTable.js';
import { PortfolioTotals } from '../components/PortfolioTotals.js';
import { PortfolioWarnings } from '../components/PortfolioWarnings.js';
import { RealizedByYear } from '../components/RealizedByYear.js';
import { ValueChart } from '../components/ValueChart.js';
import { useNow } from '../hooks/useNow.js';
import { usePortfolioLive } from '../hooks/usePortfolioLive.js';
import { ageText } from '../format/age.js';
import { useNav } from '../stores/nav.js';
import { usePortfolio } from '../stores/portfolio.js';
import { useSettings } from '../stores/settings.js';

export function Portfolio() {
  const { snapshot, loaded, error } = usePortfolio();
  const locale = useSettings((s) => s.settings.locale);
  const shown = useAccounts((a) => a.shown);
  const now = useNow();
  usePortfolioLive();

  const s = snapshot;
  const empty = s && s.holdings.length === 0 && s.cash.length === 0;

  return (
    <>
      <div className="page-head page-head-row">
        <div>
          <h1>Portfolio</h1>
          <p className="muted">What you own, what it is worth now and how it has done.</p>
        </div>
        <div className="actions">
          <button type="button" className="secondary" onClick={() => useNav.getState().go('activity')}>
            Record activity
          </button>
          <button type="button" className="primary" onClick={() => useNav.getState().go('trade')}>
            Trade
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
      {error && <Alert>{error.message}</Alert>}
      {!loaded && !error && <p className="muted">Loading the portfolio…</p>}
      {empty && (
        <div className="card empty-state">
          <h2 className="card-title">Nothing here yet</h2>
          <p className="muted">Deposit cash on the Wallets page, then buy on the Trade page or record past activity.</p>
        </div>
      )}
      {s && !empty && (
        <div className="stack-lg portfolio">
          <p className="prices-age muted small" role="note">
            {s.oldestPriceTs === null
              ? 'No market prices behind these figures yet.'
              : `The oldest price behind these figures was updated ${ageText(s.oldestPriceTs, now)}. Offline, the last stored prices are used.`}
          </p>
          <PortfolioWarnings warnings={s.warnings} base={s.baseCurrency} />
          <PortfolioTotals snapshot={s} locale={locale} />
          <ValueChart snapshot={s} locale={locale} />
          <section className="card" aria-labelledby="holdings-title">
            <h2 id="holdings-title" className="card-title">
              Holdings
            </h2>
            {s.holdings.length === 0 ? (
              <p className="muted">No holdings: only cash.</p>
            ) : (
              <HoldingsTable holdings={s.holdings} base={s.baseCurrency} locale={locale} now={now} />
            )}
          </section>
          <AccountTotals shown={shown} locale={locale} />
          <AllocationCharts allocation={s.allocation} base={s.baseCurrency} locale={locale} />
          <div className="portfolio-pair">
            <section className="card" aria-labelledby="cash-title">
              <h2 id="cash-title" className="card-title">
                Cash
              </h2>
              {s.cash.length === 0 ? <p className="muted">No cash wallets.</p> : <CashTable cash={s.cash} base={s.baseCurrency} locale={locale} />}
            </section>
            <section className="card" aria-labelledby="realized-title">
              <h2 id="realized-title" className="card-title">
                Realized P&amp;L per year
              </h2>
              <RealizedByYear rows={s.realizedByYear} locale={locale} />
            </section>
          </div>
        </div>
      )}
    </>
  );
}
