import { useTranslation } from 'react-i18next';
import { useEffect } from 'react';
import { Alert } from '../components/Alert.js';
import { errorText } from '../format/errors.js';
import { BarsImport } from '../components/BarsImport.js';
import { CurrencyCatalogue } from '../components/CurrencyCatalogue.js';
import { InstrumentCatalogue } from '../components/InstrumentCatalogue.js';
import { InstrumentSearch } from '../components/InstrumentSearch.js';
import { useCatalogue } from '../stores/catalogue.js';
import { useSettings } from '../stores/settings.js';

export function Catalogue() {
  const { t } = useTranslation(['market', 'nav']);
  const error = useCatalogue((s) => s.error);
  const locale = useSettings((s) => s.settings.locale);

  useEffect(() => {
    void useCatalogue.getState().loadCurrencies();
    void useCatalogue.getState().loadInstruments();
  }, []);

  return (
    <>
      <div className="page-head">
        <h1>{t('nav:pages.catalogue')}</h1>
        <p className="muted">{t('catalogue.intro')}</p>
      </div>
      {error && <Alert>{errorText(error)}</Alert>}
      <div className="catalogue-layout">
        <section className="card span-all" aria-label={t('catalogue.find')}>
          <InstrumentSearch label={t('catalogue.findToAdd')} action={t('catalogue.add')} />
          <p className="muted small">{t('catalogue.found')}</p>
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
