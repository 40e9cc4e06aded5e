import { useTranslation } from 'react-i18next';
import { useId, useState } from 'react';
import { errorText } from '../format/errors.js';
import { Alert } from '../components/Alert.js';
import { CurrencySelect } from '../components/CurrencySelect.js';
import { Icon, type IconName } from '../nav/icons.js';
import type { Page } from '../nav/pages.js';
import { useMoneyIntent } from '../stores/money-intent.js';
import { useNav } from '../stores/nav.js';
import { useSample } from '../stores/sample.js';
import { useSession } from '../stores/session.js';
import { useSettings } from '../stores/settings.js';

interface Start {
  id: 'import' | 'record' | 'paper';
  icon: IconName;
  page: Page;
}

const STARTS: Start[] = [
  { id: 'import', icon: 'history', page: 'history' },
  { id: 'record', icon: 'activity', page: 'activity' },
  { id: 'paper', icon: 'wallet', page: 'wallets' },
];

/**
 * The first run of a new profile: its base currency, then how to begin. Each way out marks the profile as welcomed
 * (settings.welcomed), so the page does not come back; the sample fills the profile with made-up activity instead.
 */
export function Welcome() {
  const { t } = useTranslation('welcome');
  const id = useId();
  const profile = useSession((s) => s.session?.profile?.username);
  const settings = useSettings((s) => s.settings);
  const [step, setStep] = useState<1 | 2>(1);
  const [currency, setCurrency] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const sample = useSample();
  const base = currency ?? settings.baseCurrency;

  async function chooseCurrency() {
    setError(null);
    const r = await useSettings.getState().save({ baseCurrency: base });
    if (!r.ok) setError(errorText(r.error));
    else setStep(2);
  }

  async function start(page: Page) {
    const r = await useSettings.getState().save({ welcomed: true });
    if (!r.ok) {
      setError(errorText(r.error));
      return;
    }
    if (page === 'wallets') useMoneyIntent.getState().set({ currency: base, amount: '' });
    useNav.getState().go(page);
  }

  async function openSample() {
    if (await useSample.getState().create()) useNav.getState().go('portfolio');
  }

  return (
    <div className="welcome">
      <div className="page-head">
        <h1>{profile ? t('titleNamed', { name: profile }) : t('title')}</h1>
        <p className="muted">{t('intro')}</p>
      </div>
      <ol className="welcome-steps" aria-label={t('steps')}>
        <li aria-current={step === 1 ? 'step' : undefined} className={step === 1 ? 'current' : 'done'}>
          {t('stepCurrency')}
        </li>
        <li aria-current={step === 2 ? 'step' : undefined} className={step === 2 ? 'current' : ''}>
          {t('stepStart')}
        </li>
      </ol>
      {step === 1 && (
        <section className="card welcome-card" aria-labelledby={`${id}-currency-title`}>
          <h2 id={`${id}-currency-title`} className="card-title">
            {t('currencyTitle')}
          </h2>
          <p className="muted">{t('currencyText')}</p>
          <form
            className="stack"
            onSubmit={(e) => {
              e.preventDefault();
              void chooseCurrency();
            }}
          >
            <div className="field">
              <label htmlFor={`${id}-currency`}>{t('baseCurrency')}</label>
              <CurrencySelect id={`${id}-currency`} value={base} onChange={setCurrency} />
            </div>
            <Alert>{error}</Alert>
            <div className="actions">
              <button type="submit" className="primary">
                {t('continue')}
              </button>
            </div>
          </form>
        </section>
      )}
      {step === 2 && (
        <section aria-labelledby={`${id}-start-title`} className="stack">
          <h2 id={`${id}-start-title`} className="card-title">
            {t('startTitle')}
          </h2>
          <ul className="welcome-choices">
            {STARTS.map((s, i) => (
              <li key={s.id}>
                <button type="button" className="welcome-choice" autoFocus={i === 0} onClick={() => void start(s.page)} disabled={sample.busy !== null}>
                  <Icon name={s.icon} size={22} />
                  <span className="welcome-choice-title">{t(`starts.${s.id}`)}</span>
                  <span className="welcome-choice-text">{t(`starts.${s.id}Text`)}</span>
                </button>
              </li>
            ))}
            <li>
              <button type="button" className="welcome-choice sample" onClick={() => void openSample()} disabled={sample.busy !== null} aria-describedby={`${id}-sample-note`}>
                <Icon name="welcome" size={22} />
                <span className="welcome-choice-title">{sample.busy === 'creating' ? t('writingSample') : t('openSample')}</span>
                <span className="welcome-choice-text" id={`${id}-sample-note`}>
                  {t('sampleText')}
                </span>
              </button>
            </li>
          </ul>
          <Alert>{error ?? (sample.error && errorText(sample.error))}</Alert>
          <p>
            <button type="button" className="ghost" onClick={() => setStep(1)}>
              {t('backToCurrency')}
            </button>
          </p>
        </section>
      )}
    </div>
  );
}
