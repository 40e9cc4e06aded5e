import { useCallback, useEffect, useState } from 'react';
import type { ActivityView } from '../../../shared/contract/index.js';
import { api, call, type UiError } from '../api/client.js';
import { ActivityForm } from '../components/ActivityForm.js';
import { ActivityList } from '../components/ActivityList.js';
import { Alert } from '../components/Alert.js';
import { useCatalogue } from '../stores/catalogue.js';
import { useSettings } from '../stores/settings.js';

const RECENT = 25;

export function Activity() {
  const { instruments, instrumentsLoaded } = useCatalogue();
  const settings = useSettings((s) => s.settings);
  const [activities, setActivities] = useState<ActivityView[] | null>(null);
  const [error, setError] = useState<UiError | null>(null);

  const load = useCallback(() => {
    void call('activity:list', { limit: RECENT }).then((r) => {
      if (r.ok) {
        setActivities(r.data);
        setError(null);
      } else setError(r.error);
    });
  }, []);

  useEffect(() => {
    void useCatalogue.getState().loadInstruments();
    load();
    // Fills, deposits and recordings elsewhere (another window, the aggregation timer) show up here too.
    const off = api.on('portfolio:changed', load);
    return off;
  }, [load]);

  return (
    <>
      <div className="page-head">
        <h1>Activity</h1>
        <p className="muted">
          Record what happened outside Bourse — trades at another broker, dividends, interest, fees, exchanges — at the
          date and price it happened.
        </p>
      </div>
      <div className="activity-layout">
        {instrumentsLoaded ? (
          <ActivityForm
            instruments={instruments}
            locale={settings.locale}
            baseCurrency={settings.baseCurrency}
            onRecorded={load}
          />
        ) : (
          <p className="muted">Loading instruments…</p>
        )}
        <section className="card" aria-labelledby="recent-activity-title">
          <h2 id="recent-activity-title" className="card-title">
            Recently added
          </h2>
          <p className="muted small">The latest {RECENT}, newest first as they were added (a past date you record appears at the top).</p>
          <Alert>{error?.message}</Alert>
          {activities === null && !error && <p className="muted">Loading activity…</p>}
          {activities?.length === 0 && <p className="muted">Nothing yet. Deposits, fills and recorded activity appear here.</p>}
          {activities && activities.length > 0 && <ActivityList activities={activities} locale={settings.locale} />}
        </section>
      </div>
    </>
  );
}
