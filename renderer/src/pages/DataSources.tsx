import { useTranslation } from 'react-i18next';
import { useEffect } from 'react';
import { errorText } from '../format/errors.js';
import { Alert } from '../components/Alert.js';
import { FeedSettings } from '../components/FeedSettings.js';
import { ProviderList } from '../components/ProviderList.js';
import { useProviders } from '../stores/providers.js';
import { useSettings } from '../stores/settings.js';

export function DataSources() {
  const { t } = useTranslation(['data', 'nav']);
  const { view, error } = useProviders();
  const locale = useSettings((s) => s.settings.locale);

  useEffect(() => {
    void useProviders.getState().load();
  }, []);

  return (
    <>
      <div className="page-head">
        <h1>{t('nav:pages.sources')}</h1>
        <p className="muted">{t('sources.intro')}</p>
      </div>
      {error && <Alert>{errorText(error)}</Alert>}
      {!view && !error && <p className="muted">{t('sources.loading')}</p>}
      {view && !view.keysEncrypted && (
        <p className="notice small">{t('sources.noKeychain')}</p>
      )}
      <FeedSettings />
      {view && (
        <div className="sources-layout">
          <ProviderList key="fx" assetClass="fx" providers={view.fx} locale={locale} />
          <ProviderList key="crypto" assetClass="crypto" providers={view.crypto} locale={locale} />
          <ProviderList key="stock" assetClass="stock" providers={view.stock} locale={locale} />
        </div>
      )}
    </>
  );
}
