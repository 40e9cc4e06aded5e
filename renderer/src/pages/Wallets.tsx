import { useEffect } from 'react';
import { AccountPicker } from '../components/AccountPicker.js';
import { Alert } from '../components/Alert.js';
import { MoneyForm } from '../components/MoneyForm.js';
import { OpenWalletForm } from '../components/OpenWalletForm.js';
import { WalletCard } from '../components/WalletCard.js';
import { useAccounts } from '../stores/accounts.js';
import { useSettings } from '../stores/settings.js';
import { useWallets } from '../stores/wallets.js';

export function Wallets() {
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
        <h1>Wallets</h1>
        <p className="muted">Cash you hold, one wallet per currency. Every change is a ledger entry.</p>
      </div>
      <AccountPicker value={shown} onChange={(ids) => useAccounts.getState().show(ids)} />
      <div className="wallets-layout">
        <div className="wallet-list">
          {error && <Alert>{error.message}</Alert>}
          {!loaded && !error && <p className="muted">Loading wallets…</p>}
          {loaded && wallets.length === 0 && (
            <div className="card empty-state">
              <h2 className="card-title">No wallets yet</h2>
              <p className="muted">Deposit cash in any currency, or open an empty wallet, to get started.</p>
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
        <aside className="side" aria-label="Wallet actions">
          <MoneyForm locale={settings.locale} initialCurrency={settings.baseCurrency} />
          <OpenWalletForm />
        </aside>
      </div>
    </>
  );
}
