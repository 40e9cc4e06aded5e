import { useTranslation } from 'react-i18next';
import { useEffect, useState } from 'react';
import { useActivityTouch } from '../hooks/useActivityTouch.js';
import { useShortcuts } from '../hooks/useShortcuts.js';
import { Icon } from '../nav/icons.js';
import { isPage, pageEntry, pageLabel } from '../nav/pages.js';
import { MOD } from '../palette/shortcuts.js';
import { Welcome } from '../pages/Welcome.js';
import { useCatalogue } from '../stores/catalogue.js';
import { useNav } from '../stores/nav.js';
import { usePalette } from '../stores/palette.js';
import { useSession } from '../stores/session.js';
import { useSettings } from '../stores/settings.js';
import { useWallets } from '../stores/wallets.js';
import { AlertToasts } from './AlertToasts.js';
import { BrandMark } from './BrandMark.js';
import { CommandPalette } from './CommandPalette.js';
import { SampleBanner } from './SampleBanner.js';
import { Sidebar } from './Sidebar.js';

/**
 * Where a signed-in profile opens: the first-run choices for a new profile (never welcomed, no wallets), else the
 * page it last had open. Applied only if the user has not moved on while the settings were on their way.
 */
async function openingPage(): Promise<void> {
  const visit = useNav.getState().visit;
  await Promise.all([useSettings.getState().load(), useWallets.getState().load()]);
  if (useNav.getState().visit !== visit) return;
  const s = useSettings.getState().settings;
  if (!s.welcomed && !s.sample && useWallets.getState().wallets.length === 0) useNav.getState().show('welcome');
  else if (s.lastPage && isPage(s.lastPage) && s.lastPage !== 'welcome') useNav.getState().show(s.lastPage);
}

/** The signed-in frame: top bar (search, privacy, the profile and session actions), the sidebar, the current page. */
export function Shell() {
  const { t } = useTranslation('nav');
  const profile = useSession((s) => s.session?.profile);
  const page = useNav((s) => s.page);
  const visit = useNav((s) => s.visit);
  // Read here so that turning privacy mode on or off renders every figure below again, masked or not.
  const privacy = useSettings((s) => s.settings.privacyMode);
  // Nothing is shown until the opening page is known: a page shown meanwhile would be swapped away under the user.
  const [opened, setOpened] = useState<string | null>(null);
  useActivityTouch();
  useShortcuts();

  useEffect(() => {
    const id = profile?.id ?? null;
    void openingPage().finally(() => setOpened(id));
    // The catalogue is per profile: reload it (and the currency pickers) for whoever signed in.
    void useCatalogue.getState().loadCurrencies();
  }, [profile?.id]);

  const label = isPage(page) ? pageLabel(page) : '';
  useEffect(() => {
    document.title = `${label} · Bourse`;
  }, [label]);

  const lock = () => void useSession.getState().lock();
  const signOut = () => void useSession.getState().logout();
  const entry = pageEntry(page);

  return (
    <div className="shell" data-privacy={privacy ? 'on' : undefined}>
      <a className="skip-link" href="#main">
        {t('skip')}
      </a>
      <header className="topbar">
        <div className="brand">
          <BrandMark />
          <span className="brand-name">Bourse</span>
        </div>
        <button type="button" className="palette-open" onClick={() => usePalette.getState().setOpen(true)} aria-keyshortcuts={MOD === '⌘' ? 'Meta+K' : 'Control+K'}>
          <Icon name="search" />
          <span className="palette-open-label">{t('search')}</span>
          <kbd className="palette-open-keys">{MOD} K</kbd>
        </button>
        <div className="account">
          <button
            type="button"
            className="ghost privacy-toggle"
            aria-pressed={privacy}
            aria-keyshortcuts={MOD === '⌘' ? 'Meta+Shift+H' : 'Control+Shift+H'}
            title={t('privacyTitle', { keys: `${MOD}+Shift+H` })}
            onClick={() => void useSettings.getState().togglePrivacy()}
          >
            <Icon name={privacy ? 'eyeOff' : 'eye'} />
            <span className="privacy-label">{t('privacy')}</span>
          </button>
          <span className="who">
            <span className="avatar" aria-hidden="true">
              {profile?.username.slice(0, 1).toUpperCase()}
            </span>
            <span>
              <span className="visually-hidden">{t('signedInAs')}</span>
              <span className="who-name">{profile?.username}</span>
            </span>
          </span>
          <button type="button" className="ghost" onClick={lock}>
            {t('lock')}
          </button>
          <button type="button" className="ghost" onClick={signOut}>
            {t('switchProfile')}
          </button>
          <button type="button" className="ghost" onClick={signOut}>
            {t('signOut')}
          </button>
        </div>
      </header>
      <div className="frame">
        <Sidebar />
        <main id="main" className="page" tabIndex={-1}>
          <SampleBanner />
          {/* keyed by the visit: opening the page already shown (with a prefilled form) starts it afresh */}
          <div key={visit} className="page-body">
            {opened !== (profile?.id ?? null) ? <p className="muted">{t('opening')}</p> : page === 'welcome' ? <Welcome /> : entry?.render()}
          </div>
        </main>
      </div>
      <AlertToasts />
      <CommandPalette />
    </div>
  );
}
