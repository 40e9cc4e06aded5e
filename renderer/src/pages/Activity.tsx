import { useTranslation } from 'react-i18next';
import { useEffect } from 'react';
import { ActivityForm } from '../components/ActivityForm.js';
import { ActivityList } from '../components/ActivityList.js';
import { CorporateActionForm } from '../components/CorporateActionForm.js';
import { CorporateProposals } from '../components/CorporateProposals.js';
import { Alert } from '../components/Alert.js';
import { RECENT, useActivity } from '../stores/activity.js';
import { errorText } from '../format/errors.js';
import { useCatalogue } from '../stores/catalogue.js';
import { useSettings } from '../stores/settings.js';
import { useAccounts } from '../stores/accounts.js';
import { useProviders } from '../stores/providers.js';

export function Activity() {
  const { t } = useTranslation(['activity', 'nav']);
  const { instruments, instrumentsLoaded } = useCatalogue();
  const settings = useSettings((s) => s.settings);
  const activities = useActivity((s) => s.recent);
  const error = useActivity((s) => s.error);

  useEffect(() => {
    void useCatalogue.getState().loadInstruments();
    // Transfers name their accounts; a confirmed split names its data source.
    void useAccounts.getState().load();
    if (!useProviders.getState().view) void useProviders.getState().load();
    // Fills, deposits and recordings elsewhere (another window, the aggregation timer) show up here too.
    return useActivity.getState().follow();
  }, []);

  return (
    <>
      <div className="page-head">
        <h1>{t('nav:pages.activity')}</h1>
        <p className="muted">{t('intro')}</p>
      </div>
      <CorporateProposals />
      <div className="activity-layout">
        {instrumentsLoaded ? (
          <div className="stack-lg">
            <ActivityForm instruments={instruments} locale={settings.locale} baseCurrency={settings.baseCurrency} />
            <CorporateActionForm instruments={instruments} locale={settings.locale} />
          </div>
        ) : (
          <p className="muted">{t('loadingInstruments')}</p>
        )}
        <section className="card" aria-labelledby="recent-activity-title">
          <h2 id="recent-activity-title" className="card-title">
            {t('recent')}
          </h2>
          <p className="muted small">{t('recentText', { count: RECENT })}</p>
          <Alert>{error && errorText(error)}</Alert>
          {activities === null && !error && <p className="muted">{t('loading')}</p>}
          {activities?.length === 0 && <p className="muted">{t('none')}</p>}
          {activities && activities.length > 0 && <ActivityList activities={activities} locale={settings.locale} />}
        </section>
      </div>
    </>
  );
}
