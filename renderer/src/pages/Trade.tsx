import { useEffect, useState } from 'react';
import { Alert } from '../components/Alert.js';
import { InstrumentSearch } from '../components/InstrumentSearch.js';
import { OrderForm } from '../components/OrderForm.js';
import { RecentOrders } from '../components/RecentOrders.js';
import { useCatalogue } from '../stores/catalogue.js';
import { useNav } from '../stores/nav.js';
import { useSettings } from '../stores/settings.js';
import { useTradeIntent } from '../stores/trade-intent.js';

export function Trade() {
  const { instruments, instrumentsLoaded, error } = useCatalogue();
  const locale = useSettings((s) => s.settings.locale);
  const [initial] = useState(() => useTradeIntent.getState().take());

  useEffect(() => {
    void useCatalogue.getState().loadInstruments();
  }, []);

  return (
    <>
      <div className="page-head">
        <h1>Trade</h1>
        <p className="muted">
          Buy and sell on the paper venue at the live price, paying from the wallet of the instrument&apos;s currency.
        </p>
      </div>
      {error && <Alert>{error.message}</Alert>}
      {!instrumentsLoaded && !error && <p className="muted">Loading instruments…</p>}
      {instrumentsLoaded && instruments.length === 0 && (
        <div className="card empty-state">
          <h2 className="card-title">Nothing to trade yet</h2>
          <p className="muted">Find a stock, fund or crypto pair to trade; it is added to your catalogue.</p>
          <InstrumentSearch label="Find an instrument" action="Trade" />
          <p>
            <button type="button" className="secondary" onClick={() => useNav.getState().go('catalogue')}>
              Open the Catalogue
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
