import { useTranslation } from 'react-i18next';
import { useAlerts } from '../stores/alerts.js';
import { useNav } from '../stores/nav.js';

/** Alerts that fired while the app was open, on every page until dismissed; announced politely. */
export function AlertToasts() {
  const { t } = useTranslation('data');
  const recent = useAlerts((s) => s.recent);
  return (
    <div className="alert-toasts" role="status" aria-live="polite">
      {recent.map((f) => (
        <div key={f.id} className="alert-toast">
          <div>
            <strong>{t('alerts.toast', { symbol: f.symbol })}</strong>
            <p>{f.message}</p>
          </div>
          <button type="button" className="ghost small-btn" onClick={() => useNav.getState().go('alerts')}>
            {t('alerts.open')}
          </button>
          <button type="button" className="ghost small-btn" aria-label={t('alerts.dismissWhat', { symbol: f.symbol })} onClick={() => useAlerts.getState().dismiss(f.id)}>
            {t('alerts.dismiss')}
          </button>
        </div>
      ))}
    </div>
  );
}
