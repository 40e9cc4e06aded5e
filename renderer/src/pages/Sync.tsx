import { useTranslation } from 'react-i18next';
import { useEffect, useState } from 'react';
import type { UiError } from '../api/client.js';
import { errorText } from '../format/errors.js';
import { Alert, Status } from '../components/Alert.js';
import { SyncJobRow } from '../components/SyncJobRow.js';
import { sourceName, useProviders } from '../stores/providers.js';
import { useSync } from '../stores/sync.js';

const RECENT = 30;

export function Sync() {
  const { t } = useTranslation(['data', 'nav']);
  const { jobs, loaded, error } = useSync();
  const providers = useProviders((s) => s.view);
  const [running, setRunning] = useState(false);
  const [cancelling, setCancelling] = useState<number | null>(null);
  const [actionError, setActionError] = useState<UiError | null>(null);
  const [done, setDone] = useState<string | null>(null);

  useEffect(() => {
    void useSync.getState().load();
    if (!useProviders.getState().view) void useProviders.getState().load();
  }, []);

  const active = jobs.filter((j) => j.state === 'queued' || j.state === 'running');
  const recent = jobs.filter((j) => j.state !== 'queued' && j.state !== 'running').slice(0, RECENT);

  async function syncNow() {
    setRunning(true);
    setActionError(null);
    setDone(null);
    const r = await useSync.getState().run();
    setRunning(false);
    if (!r.ok) return setActionError(r.error);
    setDone(r.data.length === 0 ? t('sync.upToDate') : t('sync.started', { count: r.data.length }));
  }

  async function cancel(id: number) {
    setCancelling(id);
    setActionError(null);
    const r = await useSync.getState().cancel(id);
    setCancelling(null);
    if (!r.ok) return setActionError(r.error);
  }

  const name = (id: string | null) => sourceName(id, providers);

  return (
    <>
      <div className="page-head page-head-row">
        <div>
          <h1>{t('nav:pages.sync')}</h1>
          <p className="muted">{t('sync.intro')}</p>
        </div>
        <button type="button" className="primary" onClick={() => void syncNow()} disabled={running}>
          {t('sync.now')}
        </button>
      </div>
      {error && <Alert>{errorText(error)}</Alert>}
      <Alert>{actionError && errorText(actionError)}</Alert>
      <Status>{done}</Status>
      <div className="sync-layout">
        <section className="card" aria-labelledby="sync-active">
          <h2 id="sync-active" className="card-title">
            {t('sync.active')}
          </h2>
          {active.length === 0 ? (
            <p className="muted">{loaded ? t('sync.nothingRunning') : t('sync.loading')}</p>
          ) : (
            <ul className="jobs">
              {active.map((j) => (
                <SyncJobRow key={j.id} job={j} providerName={name} onCancel={(id) => void cancel(id)} cancelling={cancelling === j.id} />
              ))}
            </ul>
          )}
        </section>
        <section className="card" aria-labelledby="sync-recent">
          <h2 id="sync-recent" className="card-title">
            {t('sync.recent')}
          </h2>
          {recent.length === 0 ? (
            <p className="muted">{loaded ? t('sync.noneFinished') : t('sync.loading')}</p>
          ) : (
            <ul className="jobs">
              {recent.map((j) => (
                <SyncJobRow key={j.id} job={j} providerName={name} onCancel={(id) => void cancel(id)} cancelling={cancelling === j.id} />
              ))}
            </ul>
          )}
        </section>
      </div>
    </>
  );
}
