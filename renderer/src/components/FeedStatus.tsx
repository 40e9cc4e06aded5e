import { useTranslation } from 'react-i18next';
import type { FeedState } from '../../../shared/contract/index.js';
import { ageText } from '../format/age.js';

/** The live feed at a glance: connected or not, which feed (embedded or a URL), and each upstream source's state. */
export function FeedStatus({ feed, now }: { feed: FeedState | null; now: number }) {
  const { t } = useTranslation('market');
  if (!feed) return null;
  const where = feed.embedded ? t('feed.embedded') : feed.url ? t('feed.at', { url: feed.url }) : t('feed.none');
  return (
    <section className="card feed-status" aria-label={t('feed.region')}>
      <div className="feed-line">
        <span className={`dot ${feed.connected ? 'dot-on' : 'dot-off'}`} aria-hidden="true" />
        <strong className="feed-state">{feed.connected ? t('feed.connected') : t('feed.disconnected')}</strong>
        <span className="muted">
          {where}
          {feed.embedded && feed.url ? ` (${feed.url})` : ''}
        </span>
      </div>
      {!feed.connected && (
        <p className="muted small">{t('feed.reconnecting')}</p>
      )}
      {feed.sources.length > 0 && (
        <ul className={`source-states${feed.connected ? '' : ' is-old'}`} aria-label={feed.connected ? t('feed.sources') : t('feed.sourcesOld')}>
          {feed.sources.map((s) => (
            <li key={s.source} className={`source-state state-${s.state}`}>
              <span className="source-name">{s.source}</span>{' '}
              <span className="badge">{t(`badges.${s.state}`)}</span>{' '}
              <span className="muted small">{t(feed.connected ? 'feed.changed' : 'feed.lastChanged', { age: ageText(s.since, now) })}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
