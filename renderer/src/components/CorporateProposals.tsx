import { useTranslation } from 'react-i18next';
import { useEffect, useId, useRef, useState } from 'react';
import type { SplitProposalView } from '../../../shared/contract/index.js';
import type { UiError } from '../api/client.js';
import { describeProposalError } from '../format/corporate-errors.js';
import { proposalText } from '../format/corporate-proposals.js';
import { useCorporate } from '../stores/corporate.js';
import { sourceName, useProviders } from '../stores/providers.js';
import { useSettings } from '../stores/settings.js';
import { Alert, Status } from './Alert.js';

/**
 * Splits a data source published for an instrument the profile held (docs/design.md#split-proposals), each with
 * Confirm (records it in every account holding it) and Dismiss (never proposed again). Nothing is applied until the
 * user confirms. Shown only while there is something to decide or to report.
 */
export function CorporateProposals() {
  const { t } = useTranslation('activity');
  const id = useId();
  const { proposals, loaded, deciding } = useCorporate();
  const locale = useSettings((s) => s.settings.locale);
  const providers = useProviders((s) => s.view);
  const [error, setError] = useState<{ id: string; error: UiError; symbol: string } | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [active, setActive] = useState(false);
  const title = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    void useCorporate.getState().load();
    if (!useProviders.getState().view) void useProviders.getState().load();
  }, []);

  async function decide(p: SplitProposalView, how: 'confirm' | 'dismiss') {
    setError(null);
    setDone(null);
    // Kept on screen meanwhile: the store drops the proposal before this function hears the answer.
    setActive(true);
    const r = how === 'confirm' ? await useCorporate.getState().confirm(p.id) : await useCorporate.getState().dismiss(p.id);
    setActive(false);
    if (!r.ok) return setError({ id: p.id, error: r.error, symbol: p.symbol });
    setDone(t(how === 'confirm' ? 'proposals.confirmed' : 'proposals.dismissed', { symbol: p.symbol }));
  }

  // The button pressed is gone with its proposal: the keyboard goes on from the notice, not from the page's top.
  useEffect(() => {
    if (done) title.current?.focus();
  }, [done]);

  if (!loaded || (proposals.length === 0 && !active && !done && !error)) return null;
  return (
    <section className="notice proposals" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="proposals-title" ref={title} tabIndex={-1}>
        {proposals.length > 0 ? t('proposals.title', { count: proposals.length }) : t('proposals.allDecided')}
      </h2>
      {proposals.length > 0 && <p className="small">{t('proposals.intro')}</p>}
      <ul className="proposal-list">
        {proposals.map((p) => {
          const text = proposalText(p, locale, sourceName(p.provider, providers));
          return (
            <li key={p.id} className="proposal">
              <div className="proposal-text" id={`${id}-${p.id}`}>
                <strong>{text.what}</strong> <span className="small">{text.how}</span>
              </div>
              <div className="actions">
                <button
                  type="button"
                  className="primary"
                  disabled={deciding !== null}
                  aria-label={t('proposals.confirmWhat', { symbol: p.symbol })}
                  aria-describedby={`${id}-${p.id}`}
                  onClick={() => void decide(p, 'confirm')}
                >
                  {t('proposals.confirm')}
                </button>
                <button
                  type="button"
                  className="secondary"
                  disabled={deciding !== null}
                  aria-label={t('proposals.dismissWhat', { symbol: p.symbol })}
                  aria-describedby={`${id}-${p.id}`}
                  onClick={() => void decide(p, 'dismiss')}
                >
                  {t('proposals.dismiss')}
                </button>
              </div>
            </li>
          );
        })}
      </ul>
      <Alert>{error && describeProposalError(error.error, error.symbol)}</Alert>
      <Status>{done}</Status>
    </section>
  );
}
