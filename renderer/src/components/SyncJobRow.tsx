import type { SyncJobView } from '../../../shared/contract/index.js';

const STATE_LABEL = { queued: 'Queued', running: 'Running', done: 'Done', failed: 'Failed', cancelled: 'Cancelled' } as const;
const KIND_LABEL = { backfill: 'Backfill', refresh: 'Refresh' } as const;

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
  const pct = j.total > 0 ? Math.round((j.done / j.total) * 100) : j.state === 'done' ? 100 : 0;
  const active = j.state === 'queued' || j.state === 'running';
  const titleId = `job-${j.id}`;
  return (
    <li className={`job job-${j.state}`} aria-labelledby={titleId}>
      <div className="job-head">
        <h3 id={titleId} className="job-title">
          {KIND_LABEL[j.kind]} {j.symbol}
        </h3>
        <span className={`badge state-${j.state}`}>{STATE_LABEL[j.state]}</span>
        {active && (
          <button
            type="button"
            className="ghost small-btn danger job-cancel"
            aria-label={`Cancel ${KIND_LABEL[j.kind].toLowerCase()} ${j.symbol}`}
            onClick={() => onCancel(j.id)}
            disabled={cancelling}
          >
            Cancel
          </button>
        )}
      </div>
      <div
        className="progress"
        role="progressbar"
        aria-label={`${KIND_LABEL[j.kind]} ${j.symbol} progress`}
        aria-valuemin={0}
        aria-valuemax={j.total || 1}
        aria-valuenow={j.total ? j.done : j.state === 'done' ? 1 : 0}
        aria-valuetext={`${j.done} of ${j.total} chunks`}
      >
        <span className="progress-bar" style={{ width: `${pct}%` }} />
      </div>
      <p className="job-facts small">
        <span>
          {j.done} / {j.total} chunks
        </span>
        <span>{j.rows.toLocaleString()} rows stored</span>
        <span>Provider: {j.provider ? providerName(j.provider) : '—'}</span>
      </p>
      {j.error && <p className="job-error small">{j.error}</p>}
      {j.attempts.length > 0 && (
        <details className="attempts">
          <summary>
            {j.attempts.length} provider {j.attempts.length === 1 ? 'attempt' : 'attempts'}
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
