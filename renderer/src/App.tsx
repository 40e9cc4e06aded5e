import { Trans, useTranslation } from 'react-i18next';
import { useEffect } from 'react';
import { Shell } from './components/Shell.js';
import { Lock } from './pages/Lock.js';
import { SignIn } from './pages/SignIn.js';
import { useActivity } from './stores/activity.js';
import { useBackups } from './stores/backups.js';
import { useCatalogue } from './stores/catalogue.js';
import { useCurrencies } from './stores/currencies.js';
import { useFx } from './stores/fx.js';
import { useMarket } from './stores/market.js';
import { useNav } from './stores/nav.js';
import { useOrders } from './stores/orders.js';
import { usePortfolio } from './stores/portfolio.js';
import { useProviders } from './stores/providers.js';
import { useQuote } from './stores/quote.js';
import { useSession } from './stores/session.js';
import { useSettings } from './stores/settings.js';
import { useSync } from './stores/sync.js';
import { useAccounts } from './stores/accounts.js';
import { useReports } from './stores/reports.js';
import { useWallets } from './stores/wallets.js';
import { useHistory } from './stores/history.js';
import { useImport } from './stores/import.js';
import { useAlerts } from './stores/alerts.js';
import { useHealth } from './stores/health.js';
import { useCorporate } from './stores/corporate.js';

export function App() {
  // Subscribed here so that a language switch renders the whole tree again (every string and formatter).
  const { t } = useTranslation('nav');
  const phase = useSession((s) => s.phase);
  const bootError = useSession((s) => s.bootError);
  const profileId = useSession((s) => s.session?.profile?.id ?? null);

  useEffect(() => {
    void useSession.getState().boot();
    void useCurrencies.getState().load();
  }, []);

  // A different (or no) profile: forget what the previous one showed.
  useEffect(() => {
    forgetProfileData();
    useSettings.getState().reset();
    useNav.getState().reset();
  }, [profileId]);

  // Locked: the page keeps no balances or holdings behind the lock screen; the pages load afresh after unlock.
  useEffect(() => {
    if (phase === 'locked') forgetProfileData();
  }, [phase]);

  switch (phase) {
    case 'booting':
      return <p className="boot muted">{t('starting')}</p>;
    case 'unreachable':
      return (
        <main className="boot" id="main">
          <h1>{t('unreachable')}</h1>
          <p>{bootError}</p>
          <p className="muted">
            <Trans t={t} i18nKey="unreachableHint" components={{ 1: <code /> }} />
          </p>
        </main>
      );
    case 'signed-out':
      return <SignIn />;
    case 'locked':
      return <Lock />;
    case 'active':
      return <Shell />;
  }
}

/** Empties every store that holds the profile's money, holdings or activity (a page loads what it needs on mount). */
function forgetProfileData(): void {
  useWallets.getState().reset();
  useCatalogue.getState().reset();
  useMarket.getState().reset();
  useSync.getState().reset();
  useProviders.getState().reset();
  useOrders.getState().reset();
  usePortfolio.getState().reset();
  useHistory.getState().reset();
  useActivity.getState().reset();
  useBackups.getState().reset();
  useQuote.getState().reset();
  useFx.getState().resetSeries();
  useImport.getState().reset();
  useAlerts.getState().reset();
  useHealth.getState().reset();
  useAccounts.getState().reset();
  useReports.getState().reset();
  useCorporate.getState().reset();
}
