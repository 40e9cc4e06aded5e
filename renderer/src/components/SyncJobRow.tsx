import { useTranslation } from 'react-i18next';
import type { SyncJobView } from '../../../shared/contract/index.js';


/** "rate_limited" → "rate limited". */
function words(s: string): string {
  return s.replace(/[_-]+/g, ' ');
}

interface Props {
  job: SyncJobView;
  providerName(id: string | null): string;
  onCancel(id: number): void;
  cancelling: boolean;
}

/** One job of the sync panel: progress, counts, the provider that answered and why others were passed over. */
export function SyncJobRow({ job: j, providerName, onCancel, cancelling }: Props) {
  const { t } = useTranslation('data');
  const kind = t(`jobs.kinds.${j.kind}`);
  const pct = j.total > 0 ? Math.round((j.done / j.total) * 100) : j.state === 'done' ? 100 : 0;
  const active = j.state === 'queued' || j.state === 'running';
  const titleId = `job-${j.id}`;
  return (
    <li className={`job job-${j.state}`} aria-labelledby={titleId}>
      <div className="job-head">
        <h3 id={titleId} className="job-title">
          {kind} {j.symbol}
        </h3>
        <span className={`badge state-${j.state}`}>{t(`jobs.states.${j.state}`)}</span>
        {active && (
          <button
            type="button"
            className="ghost small-btn danger job-cancel"
            aria-label={t('jobs.cancelWhat', { kind: kind.toLowerCase(), symbol: j.symbol })}
            onClick={() => onCancel(j.id)}
            disabled={cancelling}
          >
            {t('jobs.cancel')}
          </button>
        )}
      </div>
      <div
        className="progress"
        role="progressbar"
        aria-label={t('jobs.progress', { kind, symbol: j.symbol })}
        aria-valuemin={0}
        aria-valuemax={j.total || 1}
        aria-valuenow={j.total ? j.done : j.state === 'done' ? 1 : 0}
        aria-valuetext={t('jobs.ofChunks', { done: j.done, total: j.total })}
      >
        <span className="progress-bar" style={{ width: `${pct}%` }} />
      </div>
      <p className="job-facts small">
        <span>{t('jobs.chunks', { done: j.done, total: j.total })}</span>
        <span>{t('jobs.rows', { rows: j.rows.toLocaleString() })}</span>
        <span>{t('jobs.provider', { name: j.provider ? providerName(j.provider) : '—' })}</span>
      </p>
      {j.error && <p className="job-error small">{j.error}</p>}
      {j.attempts.length > 0 && (
        <details className="attempts">
          <summary>
            {t('jobs.attempts', { count: j.attempts.length })}
          </summary>
          <ul>
            {j.attempts.map((a, i) => (
              <li key={i}>
                <strong>{providerName(a.provider)}</strong> → {words(a.outcome)}
                {a.reason ? ` (${words(a.reason)})` : ''}
                {a.message ? <span className="muted"> — {a.message}</span> : null}
              </li>
            ))}
          </ul>
        </details>
      )}
    </li>
  );
}
