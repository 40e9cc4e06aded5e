import { useEffect } from 'react';
import { useActivityTouch } from '../hooks/useActivityTouch.js';
import { Activity } from '../pages/Activity.js';
import { Catalogue } from '../pages/Catalogue.js';
import { Convert } from '../pages/Convert.js';
import { DataSources } from '../pages/DataSources.js';
import { Markets } from '../pages/Markets.js';
import { Orders } from '../pages/Orders.js';
import { Portfolio } from '../pages/Portfolio.js';
import { Settings } from '../pages/Settings.js';
import { Sync } from '../pages/Sync.js';
import { Trade } from '../pages/Trade.js';
import { Wallets } from '../pages/Wallets.js';
import { History } from '../pages/History.js';
import { Health } from '../pages/Health.js';
import { Alerts } from '../pages/Alerts.js';
import { AlertToasts } from './AlertToasts.js';
import { useCatalogue } from '../stores/catalogue.js';
import { useNav, type Page } from '../stores/nav.js';
import { useSession } from '../stores/session.js';
import { useSettings } from '../stores/settings.js';
import { BrandMark } from './BrandMark.js';

const PAGES: { id: Page; label: string }[] = [
  { id: 'wallets', label: 'Wallets' },
  { id: 'portfolio', label: 'Portfolio' },
  { id: 'trade', label: 'Trade' },
  { id: 'orders', label: 'Orders' },
  { id: 'activity', label: 'Activity' },
  { id: 'convert', label: 'Convert' },
  { id: 'markets', label: 'Markets' },
  { id: 'catalogue', label: 'Catalogue' },
  { id: 'sources', label: 'Data sources' },
  { id: 'sync', label: 'Sync' },
  { id: 'settings', label: 'Settings' },
  { id: 'history', label: 'History' },
  { id: 'health', label: 'Data health' },
  { id: 'alerts', label: 'Alerts' },
];

function current(page: Page) {
  switch (page) {
    case 'wallets':
      return <Wallets />;
    case 'portfolio':
      return <Portfolio />;
    case 'trade':
      return <Trade />;
    case 'orders':
      return <Orders />;
    case 'activity':
      return <Activity />;
    case 'convert':
      return <Convert />;
    case 'markets':
      return <Markets />;
    case 'catalogue':
      return <Catalogue />;
    case 'sources':
      return <DataSources />;
    case 'sync':
      return <Sync />;
    case 'settings':
      return <Settings />;
    case 'history':
      return <History />;
    case 'health':
      return <Health />;
    case 'alerts':
      return <Alerts />;
  }
}

/** The signed-in frame: header with the profile and session actions, main navigation, the current page. */
export function Shell() {
  const profile = useSession((s) => s.session?.profile);
  const page = useNav((s) => s.page);
  const go = useNav((s) => s.go);
  useActivityTouch();

  useEffect(() => {
    void useSettings.getState().load();
    // The catalogue is per profile: reload it (and the currency pickers) for whoever signed in.
    void useCatalogue.getState().loadCurrencies();
  }, [profile?.id]);

  useEffect(() => {
    document.title = `${PAGES.find((p) => p.id === page)?.label ?? ''} · Bourse`;
  }, [page]);

  const lock = () => void useSession.getState().lock();
  const signOut = () => void useSession.getState().logout();

  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <div className="brand">
          <BrandMark />
          <span className="brand-name">Bourse</span>
        </div>
        <nav aria-label="Main" className="mainnav">
          {PAGES.map((p) => (
            <button
              key={p.id}
              type="button"
              className="navlink"
              aria-current={page === p.id ? 'page' : undefined}
              onClick={() => go(p.id)}
            >
              {p.label}
            </button>
          ))}
        </nav>
        <div className="account">
          <span className="who">
            <span className="avatar" aria-hidden="true">
              {profile?.username.slice(0, 1).toUpperCase()}
            </span>
            <span>
              <span className="visually-hidden">Signed in as </span>
              <span className="who-name">{profile?.username}</span>
            </span>
          </span>
          <button type="button" className="ghost" onClick={lock}>
            Lock
          </button>
          <button type="button" className="ghost" onClick={signOut}>
            Switch profile
          </button>
          <button type="button" className="ghost" onClick={signOut}>
            Sign out
          </button>
        </div>
      </header>
      <main id="main" className="page" tabIndex={-1}>
        {current(page)}
      </main>
      <AlertToasts />
    </div>
  );
}
