import { useEffect, useId, useState, type FormEvent } from 'react';
import type { UiError } from '../api/client.js';
import { useMarket } from '../stores/market.js';
import { Alert, Status } from './Alert.js';

/** Which live feed to follow: a feed server's URL, or empty for the embedded one (or BOURSE_FEED_URL when set). */
export function FeedSettings() {
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
    setDone(r.data.embedded ? 'Following the embedded feed.' : `Following ${r.data.url ?? 'the configured feed'}.`);
  }

  const state = !feed ? 'Loading…' : `${feed.connected ? 'Connected' : 'Disconnected'} — ${feed.embedded ? 'embedded feed' : (feed.url ?? 'no feed')}`;
  return (
    <section className="card feed-settings" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="card-title">
        Live feed
      </h2>
      <form className="inline-row" onSubmit={(e) => void save(e)} noValidate aria-busy={pending}>
        <div className="field grow">
          <label htmlFor={`${id}-url`}>Feed server URL</label>
          <input
            id={`${id}-url`}
            type="url"
            value={url}
            onChange={(e) => {
              setUrl(e.target.value);
              setDone(null);
            }}
            placeholder="Empty: the embedded feed"
            spellCheck={false}
            autoComplete="off"
            aria-describedby={`${id}-hint`}
          />
        </div>
        <button type="submit" className="secondary" disabled={pending}>
          Use this feed
        </button>
      </form>
      <p className="hint" id={`${id}-hint`}>
        Now: {state}. Empty follows the embedded feed (or <code>BOURSE_FEED_URL</code> when set), which relays markets and
        simulates prices when it cannot reach them.
      </p>
      <Alert>{error?.message}</Alert>
      <Status>{done}</Status>
    </section>
  );
}
