import { Trans, useTranslation } from 'react-i18next';
import * as Dialog from '@radix-ui/react-dialog';
import { Command } from 'cmdk';
import { useRef, useState, type KeyboardEvent as ReactKeyboardEvent } from 'react';
import { Icon } from '../nav/icons.js';
import { PAGES, pageLabel, type Page } from '../nav/pages.js';
import { tradeableSymbol, useFoundInstruments, type InstrumentHit } from '../palette/find-instruments.js';
import { parseIntent } from '../palette/intents.js';
import { SHORTCUTS } from '../palette/shortcuts.js';
import { useCatalogue } from '../stores/catalogue.js';
import { useMoneyIntent } from '../stores/money-intent.js';
import { useNav } from '../stores/nav.js';
import { usePalette } from '../stores/palette.js';
import { useSession } from '../stores/session.js';
import { useSettings } from '../stores/settings.js';
import { useTradeIntent } from '../stores/trade-intent.js';

function Keys({ keys }: { keys: readonly string[] }) {
  return (
    <span className="palette-keys" aria-label={keys.join(' ')}>
      {keys.map((k, i) => (
        <kbd key={i}>{k}</kbd>
      ))}
    </span>
  );
}

/**
 * The command palette: every page, instruments to trade, deposits and orders to start (their forms open filled in),
 * privacy mode, the theme, and the keyboard shortcuts. cmdk ranks the items fuzzily and moves through them with the
 * arrow keys; Radix's dialog traps the focus while it is open, closes on Escape and gives the focus back where it
 * was, or, when a command opened a page, to that page (its prefilled field, else its main region).
 */
export function CommandPalette() {
  const { t } = useTranslation('palette');
  const open = usePalette((s) => s.open);
  const setOpen = usePalette((s) => s.setOpen);
  /** What runs once the dialog is gone (a page to open); null: focus goes back where it was. */
  const after = useRef<(() => void) | null>(null);

  return (
    <Dialog.Root open={open} onOpenChange={setOpen}>
      <Dialog.Portal>
        <Dialog.Overlay className="palette-overlay" />
        <Dialog.Content
          className="palette"
          aria-describedby={undefined}
          onCloseAutoFocus={(e) => {
            const run = after.current;
            after.current = null;
            if (!run) return;
            e.preventDefault();
            run();
            // After the page rendered: its autofocused field took the focus, or the page's main region gets it.
            requestAnimationFrame(() => {
              if (document.activeElement === document.body || document.activeElement === null) document.getElementById('main')?.focus();
            });
          }}
        >
          <Dialog.Title className="visually-hidden">{t('title')}</Dialog.Title>
          <Commands
            goAfter={(run) => {
              after.current = run;
              setOpen(false);
            }}
            close={() => setOpen(false)}
          />
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}

/**
 * Enter with no active item picks the first one shown. cmdk makes an item active when the typed words change or
 * when the active one goes; the instrument hits come and go with the search's answers while one types, and a hit that
 * left can leave the list with none active (Enter then did nothing).
 */
function enterPicksFirst(e: ReactKeyboardEvent<HTMLDivElement>): void {
  if (e.key !== 'Enter' || e.nativeEvent.isComposing) return;
  const root = e.currentTarget;
  if (root.querySelector('[cmdk-item][data-selected="true"]')) return;
  const first = root.querySelector<HTMLElement>('[cmdk-item]:not([aria-disabled="true"])');
  if (!first) return;
  e.preventDefault();
  first.click();
}

/** The palette's content: mounted afresh at each opening (Radix unmounts a closed dialog), so it starts empty. */
function Commands({ goAfter, close }: { goAfter(run: () => void): void; close(): void }) {
  const { t } = useTranslation(['palette', 'nav']);
  const settings = useSettings((s) => s.settings);
  const currencies = useCatalogue((s) => s.currencies);
  const [query, setQuery] = useState('');
  const [failed, setFailed] = useState<string | null>(null);

  const intent = parseIntent(query);
  // "buy 2 aapl" looks up AAPL; anything else is looked up as typed.
  const lookFor = intent?.kind === 'order' ? intent.symbol : query;
  const { hits, problems, searching } = useFoundInstruments(lookFor);
  const catalogue = useCatalogue((c) => c.instruments);

  /** Opens the order form on a hit, added to the catalogue first when it is not there yet. */
  async function trade(h: InstrumentHit, side: 'buy' | 'sell', quantity?: string) {
    const r = await tradeableSymbol(h);
    if (!r.ok) return setFailed(r.message);
    goAfter(() => {
      useTradeIntent.getState().set(r.symbol, side, quantity);
      useNav.getState().go('trade');
    });
  }

  /**
   * A typed order ("buy 2 aapl"): shown as soon as it parses, so it is the active item when Enter comes, whether the
   * search has answered yet or not. The catalogue's instrument of that symbol first, else the search's hit.
   */
  function order(o: { symbol: string; side: 'buy' | 'sell'; quantity: string | null }) {
    const own = catalogue.find((i) => i.symbol === o.symbol);
    const hit = hits.find((h) => h.symbol === o.symbol && h.currency !== null);
    if (own) {
      goAfter(() => {
        useTradeIntent.getState().set(own.symbol, o.side, o.quantity ?? undefined);
        useNav.getState().go('trade');
      });
    } else if (hit) void trade(hit, o.side, o.quantity ?? undefined);
    else setFailed(searching ? t('stillSearching', { symbol: o.symbol }) : t('notFound', { symbol: o.symbol }));
  }

  function go(page: Page) {
    goAfter(() => useNav.getState().go(page));
  }
  function act(run: () => void) {
    run();
    close();
  }

  const baseCurrency = settings.baseCurrency;
  const knownCurrency = (code: string | null) => (code && currencies.some((c) => c.code === code) ? code : null);
  const privacy = settings.privacyMode;

  return (
    <Command label={t('title')} loop onKeyDown={enterPicksFirst}>
      <div className="palette-input">
        <Icon name="search" />
        <Command.Input value={query} onValueChange={setQuery} placeholder={t('placeholder')} />
      </div>
      <Command.List className="palette-list">
        {/* cmdk counts only the items it filtered: the forced ones (a parsed command, instrument hits) are left out */}
        {!intent && hits.length === 0 && <Command.Empty>{t('empty')}</Command.Empty>}
        {intent?.kind === 'deposit' && (
          <Command.Group heading={t('start')} forceMount>
            <Command.Item
              forceMount
              value={`intent deposit ${query}`}
              onSelect={() =>
                goAfter(() => {
                  useMoneyIntent.getState().set({ currency: knownCurrency(intent.currency) ?? baseCurrency, amount: intent.amount });
                  useNav.getState().go('wallets');
                })
              }
            >
              {t('deposit', { amount: intent.amount, currency: knownCurrency(intent.currency) ?? baseCurrency })}
              <span className="palette-hint">{t('opensForm')}</span>
            </Command.Item>
          </Command.Group>
        )}
        {intent?.kind === 'order' && (
          <Command.Group heading={t('start')} forceMount>
            <Command.Item forceMount value={`intent order ${query}`} onSelect={() => order(intent)}>
              {intent.side === 'buy' ? t('buy') : t('sell')} {intent.quantity ? `${intent.quantity} ` : ''}
              {intent.symbol}
              <span className="palette-hint">{t('opensOrder')}</span>
            </Command.Item>
          </Command.Group>
        )}
        {hits.length > 0 && !intent && (
          <Command.Group heading={t('instruments')} forceMount>
            {hits.map((h) => (
              <Command.Item
                key={h.symbol}
                forceMount
                value={`instrument ${h.symbol} ${h.name}`}
                disabled={h.currency === null}
                onSelect={() => void trade(h, 'buy')}
              >
                {t('tradeSymbol', { symbol: h.symbol })} <span className="palette-hint">{[h.name, h.match.type, h.match.exchange, h.currency ?? t('currencyUnknown'), h.inCatalogue ? null : t('addsToCatalogue')].filter(Boolean).join(' · ')}</span>
              </Command.Item>
            ))}
          </Command.Group>
        )}
        <Command.Group heading={t('goTo')}>
          {PAGES.map((p) => (
            <Command.Item key={p.id} value={`go to ${pageLabel(p.id)}`} keywords={[...p.keywords, t(`nav:groups.${p.group}`)]} onSelect={() => go(p.id)}>
              <Icon name={p.icon} /> {pageLabel(p.id)}
              <Keys keys={['G', p.key.toUpperCase()]} />
            </Command.Item>
          ))}
        </Command.Group>
        <Command.Group heading={t('do')}>
          <Command.Item
            value="deposit money"
            keywords={['cash', 'add money', 'wallet']}
            onSelect={() =>
              goAfter(() => {
                useMoneyIntent.getState().set({ currency: baseCurrency, amount: '' });
                useNav.getState().go('wallets');
              })
            }
          >
            {t('depositMoney')}
          </Command.Item>
          <Command.Item value="new order" keywords={['buy', 'sell', 'trade']} onSelect={() => go('trade')}>
            {t('newOrder')}
          </Command.Item>
          <Command.Item value="record activity" keywords={['outside', 'broker', 'dividend', 'holding']} onSelect={() => go('activity')}>
            {t('record')}
          </Command.Item>
          <Command.Item value="export history" keywords={['csv', 'json', 'download']} onSelect={() => go('history')}>
            {t('export')}
          </Command.Item>
          <Command.Item value="import a broker csv" keywords={['upload', 'file', 'broker']} onSelect={() => go('history')}>
            {t('import')}
          </Command.Item>
          <Command.Item value="privacy mode" keywords={['hide', 'mask', 'screen sharing', 'amounts']} onSelect={() => act(() => void useSettings.getState().togglePrivacy())}>
            {privacy ? t('privacyOff') : t('privacyOn')}
            <Keys keys={SHORTCUTS.privacy.keys} />
          </Command.Item>
          {(['light', 'dark', 'system'] as const)
            .filter((theme) => theme !== settings.theme)
            .map((theme) => (
              <Command.Item key={theme} value={`theme ${theme}`} keywords={['appearance', 'colour', 'color', 'mode']} onSelect={() => act(() => void useSettings.getState().save({ theme }))}>
                {theme === 'system' ? t('themeSystem') : theme === 'light' ? t('themeLight') : t('themeDark')}
              </Command.Item>
            ))}
          <Command.Item value="lock" keywords={['away', 'password']} onSelect={() => act(() => void useSession.getState().lock())}>
            {t('lock')}
          </Command.Item>
        </Command.Group>
        <Command.Group heading={t('shortcuts')}>
          {(Object.keys(SHORTCUTS) as (keyof typeof SHORTCUTS)[]).map((id) => (
            <Command.Item key={id} value={`shortcut ${t(`keys.${id}`)}`} keywords={['keyboard', 'keys']} disabled>
              {t(`keys.${id}`)}
              <Keys keys={SHORTCUTS[id].keys} />
            </Command.Item>
          ))}
        </Command.Group>
      </Command.List>
      {(failed || problems.length > 0) && (
        <p className="palette-foot" role="status">
          {failed ?? problems.join(' · ')}
        </p>
      )}
      <p className="palette-foot" aria-hidden="true">
        <Trans t={t} i18nKey="foot" components={{ 1: <kbd />, 2: <kbd />, 3: <kbd />, 4: <kbd /> }} />
      </p>
    </Command>
  );
}
