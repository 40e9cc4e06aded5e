import { useEffect } from 'react';
import { Alert } from '../components/Alert.js';
import { FeedSettings } from '../components/FeedSettings.js';
import { ProviderList } from '../components/ProviderList.js';
import { useProviders } from '../stores/providers.js';
import { useSettings } from '../stores/settings.js';

export function DataSources() {
  const { view, error } = useProviders();
  const locale = useSettings((s) => s.settings.locale);

  useEffect(() => {
    void useProviders.getState().load();
  }, []);

  return (
    <>
      <div className="page-head">
        <h1>Data sources</h1>
        <p className="muted">Where rates and prices come from, in the order they are tried. Test one to see whether it answers.</p>
      </div>
      {error && <Alert>{error.message}</Alert>}
      {!view && !error && <p className="muted">Loading data sources…</p>}
      {view && !view.keysEncrypted && (
        <p className="notice small">
          This system offers no keychain: API keys are stored unencrypted in this profile's settings file.
        </p>
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
