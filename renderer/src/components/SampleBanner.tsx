import { useTranslation } from 'react-i18next';
import { useState } from 'react';
import { useNav } from '../stores/nav.js';
import { useSample } from '../stores/sample.js';
import { useSettings } from '../stores/settings.js';
import { errorText } from '../format/errors.js';
import { Alert } from './Alert.js';

/** On every page of a sample profile: says the figures are made up, and deletes them in one step (after a confirm). */
export function SampleBanner() {
  const { t } = useTranslation('welcome');
  const sample = useSettings((s) => s.settings.sample);
  const { busy, error } = useSample();
  const [asking, setAsking] = useState(false);
  if (!sample) return null;

  async function remove() {
    if (await useSample.getState().remove()) {
      setAsking(false);
      useNav.getState().show('welcome');
    }
  }

  return (
    <div className="sample-banner" role="region" aria-label={t('banner.region')}>
      <p>
        <strong>{t('banner.title')}</strong> {t('banner.text')}
      </p>
      {asking ? (
        <div className="sample-confirm">
          <span>{t('banner.ask')}</span>
          <button type="button" className="danger" onClick={() => void remove()} disabled={busy !== null} autoFocus>
            {busy === 'deleting' ? t('banner.deleting') : t('banner.confirm')}
          </button>
          <button type="button" className="ghost" onClick={() => setAsking(false)} disabled={busy !== null}>
            {t('banner.keep')}
          </button>
        </div>
      ) : (
        <button type="button" className="secondary" onClick={() => setAsking(true)}>
          {t('banner.delete')}
        </button>
      )}
      <Alert>{error && errorText(error)}</Alert>
    </div>
  );
}
