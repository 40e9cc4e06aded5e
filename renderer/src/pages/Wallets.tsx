import { useTranslation } from 'react-i18next';
import { useEffect } from 'react';
import { Alert } from '../components/Alert.js';
import { MoneyForm } from '../components/MoneyForm.js';
import { errorText } from '../format/errors.js';
import { OpenWalletForm } from '../components/OpenWalletForm.js';
import { WalletCard } from '../components/WalletCard.js';
import { useSettings } from '../stores/settings.js';
import { useWallets } from '../stores/wallets.js';

export function Wallets() {
  const { t } = useTranslation(['wallets', 'nav']);
  const { wallets, loaded, error } = useWallets();
  const settings = useSettings((s) => s.settings);

  useEffect(() => {
    void useWallets.getState().load();
  }, []);

  return (
    <>
      <div className="page-head">
        <h1>{t('nav:pages.wallets')}</h1>
        <p className="muted">{t('intro')}</p>
      </div>
      <div className="wallets-layout">
        <div className="wallet-list">
          {error && <Alert>{errorText(error)}</Alert>}
          {!loaded && !error && <p className="muted">{t('loading')}</p>}
          {loaded && wallets.length === 0 && (
            <div className="card empty-state">
              <h2 className="card-title">{t('none')}</h2>
              <p className="muted">{t('noneText')}</p>
            </div>
          )}
          {wallets.map((w) => (
            <WalletCard key={w.currency} wallet={w} locale={settings.locale} />
          ))}
        </div>
        <aside className="side" aria-label={t('actions')}>
          <MoneyForm locale={settings.locale} initialCurrency={settings.baseCurrency} />
          <OpenWalletForm />
        </aside>
      </div>
    </>
  );
}
