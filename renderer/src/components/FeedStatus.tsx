import type { FeedState } from '../../../shared/contract/index.js';
import { ageText } from '../format/age.js';

const STATE_LABEL = { live: 'Live', stale: 'Stale', down: 'Down' } as const;

/** The live feed at a glance: connected or not, which feed (embedded or a URL), and each upstream source's state. */
export function FeedStatus({ feed, now }: { feed: FeedState | null; now: number }) {
  if (!feed) return null;
  const where = feed.embedded ? 'Embedded feed' : feed.url ? `Feed at ${feed.url}` : 'No feed configured';
  return (
    <section className="card feed-status" aria-label="Live feed">
      <div className="feed-line">
        <span className={`dot ${feed.connected ? 'dot-on' : 'dot-off'}`} aria-hidden="true" />
        <strong className="feed-state">{feed.connected ? 'Connected' : 'Disconnected'}</strong>
        <span className="muted">
          {where}
          {feed.embedded && feed.url ? ` (${feed.url})` : ''}
        </span>
      </div>
      {!feed.connected && (
        <p className="muted small">Reconnecting in the background. Prices below are the last known ones, with their age.</p>
      )}
      {feed.sources.length > 0 && (
        <ul className={`source-states${feed.connected ? '' : ' is-old'}`} aria-label={feed.connected ? 'Feed sources' : 'Feed sources (last reported)'}>
          {feed.sources.map((s) => (
            <li key={s.source} className={`source-state state-${s.state}`}>
              <span className="source-name">{s.source}</span>{' '}
              <span className="badge">{STATE_LABEL[s.state]}</span>{' '}
              <span className="muted small">
                {feed.connected ? 'changed' : 'last reported, changed'} {ageText(s.since, now)}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
