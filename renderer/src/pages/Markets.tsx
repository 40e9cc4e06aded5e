import { Trans, useTranslation } from 'react-i18next';
import { useEffect } from 'react';
import { Alert } from '../components/Alert.js';
import { errorText } from '../format/errors.js';
import { FeedStatus } from '../components/FeedStatus.js';
import { InstrumentSearch } from '../components/InstrumentSearch.js';
import { PriceTable } from '../components/PriceTable.js';
import { useNow } from '../hooks/useNow.js';
import { useMarket } from '../stores/market.js';
import { useSettings } from '../stores/settings.js';

export function Markets() {
  const { t } = useTranslation(['market', 'nav']);
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
        <h1>{t('nav:pages.markets')}</h1>
        <p className="muted">{t('intro')}</p>
      </div>
      <div className="markets-layout">
        <FeedStatus feed={feed} now={now} />
        {error && <Alert>{errorText(error)}</Alert>}
        <section className="card" aria-labelledby="watchlist-title">
          <h2 id="watchlist-title" className="card-title">
            {t('watchlist')}
          </h2>
          <InstrumentSearch label={t('addWatch')} action={t('watch')} onPicked={(i) => void useMarket.getState().follow(i.symbol)} />
          {simulated && (
            <p className="notice small">
              <Trans t={t} i18nKey="simulatedNote" components={{ 1: <strong /> }} />
            </p>
          )}
          {!loaded && !error && <p className="muted">{t('loading')}</p>}
          {loaded && prices.length === 0 && (
            <p className="muted">{t('nothing')}</p>
          )}
          {prices.length > 0 && <PriceTable prices={prices} locale={locale} now={now} />}
        </section>
      </div>
    </>
  );
}
