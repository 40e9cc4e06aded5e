import { useTranslation } from 'react-i18next';
import { useEffect } from 'react';
import { AccountPicker } from '../components/AccountPicker.js';
import { Alert } from '../components/Alert.js';
import { MoneyForm } from '../components/MoneyForm.js';
import { errorText } from '../format/errors.js';
import { OpenWalletForm } from '../components/OpenWalletForm.js';
import { WalletCard } from '../components/WalletCard.js';
import { useAccounts } from '../stores/accounts.js';
import { useSettings } from '../stores/settings.js';
import { useWallets } from '../stores/wallets.js';

export function Wallets() {
  const { t } = useTranslation(['wallets', 'nav']);
  const { wallets, loaded, error } = useWallets();
  const settings = useSettings((s) => s.settings);
  const { accounts, shown } = useAccounts();
  const many = accounts.filter((a) => !a.archived).length > 1;
  // One group per account shown (its wallets are its totals), in the accounts' order; one list with a single account.
  const groups = (many ? accounts.filter((a) => shown.length === 0 || shown.includes(a.id)) : [null]).map((a) => ({
    account: a,
    wallets: a ? wallets.filter((w) => w.accountId === a.id) : wallets,
  }));

  useEffect(() => {
    void useWallets.getState().load();
  }, []);

  return (
    <>
      <div className="page-head">
        <h1>{t('nav:pages.wallets')}</h1>
        <p className="muted">{t('intro')}</p>
      </div>
      <AccountPicker value={shown} onChange={(ids) => useAccounts.getState().show(ids)} />
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
          {groups
            .filter((g) => g.account === null || g.wallets.length > 0 || shown.includes(g.account.id))
            .map((g) => (
              <div key={g.account?.id ?? 'all'} className="account-group">
                {g.account && <h2 className="account-group-title">{g.account.name}</h2>}
                {g.wallets.map((w) => (
                  <WalletCard key={`${w.accountId}:${w.currency}`} wallet={w} locale={settings.locale} />
                ))}
              </div>
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
