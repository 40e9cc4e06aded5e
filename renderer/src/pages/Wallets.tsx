import { useEffect } from 'react';
import { Alert } from '../components/Alert.js';
import { MoneyForm } from '../components/MoneyForm.js';
import { OpenWalletForm } from '../components/OpenWalletForm.js';
import { WalletCard } from '../components/WalletCard.js';
import { useSettings } from '../stores/settings.js';
import { useWallets } from '../stores/wallets.js';

export function Wallets() {
  const { wallets, loaded, error } = useWallets();
  const settings = useSettings((s) => s.settings);

  useEffect(() => {
    void useWallets.getState().load();
  }, []);

  return (
    <>
      <div className="page-head">
        <h1>Wallets</h1>
        <p className="muted">Cash you hold, one wallet per currency. Every change is a ledger entry.</p>
      </div>
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
          {wallets.map((w) => (
            <WalletCard key={w.currency} wallet={w} locale={settings.locale} />
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
