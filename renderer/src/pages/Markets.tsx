import { useEffect } from 'react';
import { Alert } from '../components/Alert.js';
import { FeedStatus } from '../components/FeedStatus.js';
import { InstrumentSearch } from '../components/InstrumentSearch.js';
import { PriceTable } from '../components/PriceTable.js';
import { useNow } from '../hooks/useNow.js';
import { useMarket } from '../stores/market.js';
import { useSettings } from '../stores/settings.js';

export function Markets() {
  const { prices, feed, loaded, error } = useMarket();
  const locale = useSettings((s) => s.settings.locale);
  const now = useNow();
  const simulated = prices.some((p) => p.simulated);

  useEffect(() => {
    void useMarket.getState().load();
  }, []);

  return (
    <>
      <div className="page-head">
        <h1>Markets</h1>
        <p className="muted">Live prices of what you hold and watch. Each shows its age and where it came from.</p>
      </div>
      <div className="markets-layout">
        <FeedStatus feed={feed} now={now} />
        {error && <Alert>{error.message}</Alert>}
        <section className="card" aria-labelledby="watchlist-title">
          <h2 id="watchlist-title" className="card-title">
            Watchlist
          </h2>
          <InstrumentSearch label="Add to the watchlist" action="Watch" onPicked={(i) => void useMarket.getState().follow(i.symbol)} />
          {simulated && (
            <p className="notice small">
              Prices marked <strong>Simulated</strong> are not from a market: the feed generates them (it runs a simulation,
              or cannot reach its upstream). Do not trade on them.
            </p>
          )}
          {!loaded && !error && <p className="muted">Loading prices…</p>}
          {loaded && prices.length === 0 && (
            <p className="muted">Nothing is watched yet. Find an instrument above, or open wallets in other currencies.</p>
          )}
          {prices.length > 0 && <PriceTable prices={prices} locale={locale} now={now} />}
        </section>
      </div>
    </>
  );
}
