import { Trans, useTranslation } from 'react-i18next';
import { errorText } from '../format/errors.js';
import { useEffect, useId, useState, type FormEvent } from 'react';
import type { UiError } from '../api/client.js';
import { useMarket } from '../stores/market.js';
import { Alert, Status } from './Alert.js';

/** Which live feed to follow: a feed server's URL, or empty for the embedded one (or BOURSE_FEED_URL when set). */
export function FeedSettings() {
  const { t } = useTranslation('data');
  const id = useId();
  const feed = useMarket((s) => s.feed);
  const configured = feed && !feed.embedded ? (feed.url ?? '') : '';
  const [url, setUrl] = useState(configured);
  // The field starts over from the configured URL whenever that changes (loaded, saved, changed elsewhere).
  const [shown, setShown] = useState(configured);
  if (shown !== configured) {
    setShown(configured);
    setUrl(configured);
  }
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<UiError | null>(null);
  const [done, setDone] = useState<string | null>(null);

  useEffect(() => {
    if (!useMarket.getState().feed) void useMarket.getState().load();
  }, []);

  async function save(e: FormEvent) {
    e.preventDefault();
    setPending(true);
    setError(null);
    setDone(null);
    const r = await useMarket.getState().configureFeed(url.trim());
    setPending(false);
    if (!r.ok) return setError(r.error);
    setDone(r.data.embedded ? t('feedSettings.embedded') : t('feedSettings.following', { url: r.data.url ?? t('feedSettings.theConfigured') }));
  }

  const state = !feed
    ? t('feedSettings.loading')
    : `${feed.connected ? t('feedSettings.connected') : t('feedSettings.disconnected')} — ${feed.embedded ? t('feedSettings.embeddedFeed') : (feed.url ?? t('feedSettings.noFeed'))}`;
  return (
    <section className="card feed-settings" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="card-title">
        {t('feedSettings.title')}
      </h2>
      <form className="inline-row" onSubmit={(e) => void save(e)} noValidate aria-busy={pending}>
        <div className="field grow">
          <label htmlFor={`${id}-url`}>{t('feedSettings.url')}</label>
          <input
            id={`${id}-url`}
            type="url"
            value={url}
            onChange={(e) => {
              setUrl(e.target.value);
              setDone(null);
            }}
            placeholder={t('feedSettings.placeholder')}
            spellCheck={false}
            autoComplete="off"
            aria-describedby={`${id}-hint`}
          />
        </div>
        <button type="submit" className="secondary" disabled={pending}>
          {t('feedSettings.use')}
        </button>
      </form>
      <p className="hint" id={`${id}-hint`}>
        <Trans t={t} i18nKey="feedSettings.hint" values={{ state }} components={{ 1: <code /> }} />
      </p>
      <Alert>{error && errorText(error)}</Alert>
      <Status>{done}</Status>
    </section>
  );
}
