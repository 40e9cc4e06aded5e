import { useEffect } from 'react';
import { ActivityForm } from '../components/ActivityForm.js';
import { ActivityList } from '../components/ActivityList.js';
import { Alert } from '../components/Alert.js';
import { RECENT, useActivity } from '../stores/activity.js';
import { useCatalogue } from '../stores/catalogue.js';
import { useSettings } from '../stores/settings.js';

export function Activity() {
  const { instruments, instrumentsLoaded } = useCatalogue();
  const settings = useSettings((s) => s.settings);
  const activities = useActivity((s) => s.recent);
  const error = useActivity((s) => s.error);

  useEffect(() => {
    void useCatalogue.getState().loadInstruments();
    // Fills, deposits and recordings elsewhere (another window, the aggregation timer) show up here too.
    return useActivity.getState().follow();
  }, []);

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
