import { useTranslation } from 'react-i18next';
import { useEffect, useState } from 'react';
import { Alert } from '../components/Alert.js';
import { InstrumentSearch } from '../components/InstrumentSearch.js';
import { OrderForm } from '../components/OrderForm.js';
import { RecentOrders } from '../components/RecentOrders.js';
import { errorText } from '../format/errors.js';
import { useCatalogue } from '../stores/catalogue.js';
import { useNav } from '../stores/nav.js';
import { useSettings } from '../stores/settings.js';
import { useTradeIntent } from '../stores/trade-intent.js';

export function Trade() {
  const { t } = useTranslation(['trading', 'nav']);
  const { instruments, instrumentsLoaded, error } = useCatalogue();
  const locale = useSettings((s) => s.settings.locale);
  const [initial] = useState(() => useTradeIntent.getState().take());

  useEffect(() => {
    void useCatalogue.getState().loadInstruments();
  }, []);

  return (
    <>
      <div className="page-head">
        <h1>{t('nav:pages.trade')}</h1>
        <p className="muted">{t('intro')}</p>
      </div>
      {error && <Alert>{errorText(error)}</Alert>}
      {!instrumentsLoaded && !error && <p className="muted">{t('loadingInstruments')}</p>}
      {instrumentsLoaded && instruments.length === 0 && (
        <div className="card empty-state">
          <h2 className="card-title">{t('nothing')}</h2>
          <p className="muted">{t('nothingText')}</p>
          <InstrumentSearch label={t('find')} action={t('tradeAction')} />
          <p>
            <button type="button" className="secondary" onClick={() => useNav.getState().go('catalogue')}>
              {t('openCatalogue')}
            </button>
          </p>
        </div>
      )}
      {instrumentsLoaded && instruments.length > 0 && (
        <div className="stack-lg">
          <OrderForm instruments={instruments} initial={initial} />
          <RecentOrders locale={locale} />
        </div>
      )}
    </>
  );
}
