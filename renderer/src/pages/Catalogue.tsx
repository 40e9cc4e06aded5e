import { useEffect } from 'react';
import { Alert } from '../components/Alert.js';
import { BarsImport } from '../components/BarsImport.js';
import { CurrencyCatalogue } from '../components/CurrencyCatalogue.js';
import { InstrumentCatalogue } from '../components/InstrumentCatalogue.js';
import { InstrumentSearch } from '../components/InstrumentSearch.js';
import { useCatalogue } from '../stores/catalogue.js';
import { useSettings } from '../stores/settings.js';

export function Catalogue() {
  const error = useCatalogue((s) => s.error);
  const locale = useSettings((s) => s.settings.locale);

  useEffect(() => {
    void useCatalogue.getState().loadCurrencies();
    void useCatalogue.getState().loadInstruments();
  }, []);

  return (
    <>
      <div className="page-head">
        <h1>Catalogue</h1>
        <p className="muted">The currencies and instruments this profile knows, and where their prices come from.</p>
      </div>
      {error && <Alert>{error.message}</Alert>}
      <div className="catalogue-layout">
        <section className="card span-all" aria-label="Find an instrument">
          <InstrumentSearch label="Find an instrument to add" action="Add" />
          <p className="muted small">Found through your data sources, with each source’s own symbol filled in. Or add one by hand below.</p>
        </section>
        <div className="span-all">
          <InstrumentCatalogue />
        </div>
        <CurrencyCatalogue />
        <BarsImport locale={locale} />
      </div>
    </>
  );
}
