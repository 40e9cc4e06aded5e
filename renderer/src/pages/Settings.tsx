import { useEffect, useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Settings as SettingsT } from '../../../shared/contract/index.js';
import type { UiError } from '../api/client.js';
import { errorText } from '../format/errors.js';
import { Alert, Status } from '../components/Alert.js';
import { ChangePassword } from '../components/ChangePassword.js';
import { CurrencySelect } from '../components/CurrencySelect.js';
import { formatDateTime } from '../format/date.js';
import { LOCALES, localeLabel } from '../format/locales.js';
import { decimalSeparator, formatDecimal } from '../format/money.js';
import { textToTrading, tradingToText, type TradingText } from '../format/trading-settings.js';
import { TradingSettingsFields } from '../components/TradingSettingsFields.js';
import { useSettings } from '../stores/settings.js';
import { applyTheme } from '../theme.js';
import { applyLanguage, systemLanguages } from '../i18n/index.js';
import { localeForLanguage, resolveLanguage } from '../i18n/language.js';

const THEMES: SettingsT['theme'][] = ['system', 'light', 'dark'];
const LANGUAGES: SettingsT['language'][] = ['system', 'en', 'de'];
const METHODS: SettingsT['costMethod'][] = ['fifo', 'lifo', 'hifo', 'average'];

const SAMPLE_DATE = '2025-03-14T09:41:00Z';

export function Settings() {
  const { t } = useTranslation(['settings', 'common']);
  const id = useId();
  const saved = useSettings((s) => s.settings);
  const loaded = useSettings((s) => s.loaded);
  const [draft, setDraft] = useState<SettingsT>(saved);
  const [idle, setIdle] = useState(String(saved.idleLockMinutes));
  const [trading, setTrading] = useState<TradingText>(() => tradingToText(saved.trading));
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<UiError | null>(null);
  const [done, setDone] = useState<string | null>(null);

  // Start from the stored settings once they arrive (and again after each save).
  const [from, setFrom] = useState(saved);
  if (from !== saved) {
    setFrom(saved);
    setDraft(saved);
    setIdle(String(saved.idleLockMinutes));
    setTrading(tradingToText(saved.trading));
  }

  // The theme and the language preview at once; leaving without saving puts the saved ones back.
  useEffect(
    () => () => {
      const kept = useSettings.getState().settings;
      applyTheme(kept.theme);
      applyLanguage(kept.language);
    },
    [],
  );

  const locales: string[] = LOCALES.includes(draft.locale as (typeof LOCALES)[number]) ? [...LOCALES] : [draft.locale, ...LOCALES];
  const idleMinutes = /^\d{1,4}$/.test(idle.trim()) ? Number(idle.trim()) : NaN;
  const idleError = Number.isInteger(idleMinutes) && idleMinutes <= 1440 ? null : t('idleError');

  const tradingRead = textToTrading(trading, decimalSeparator(draft.locale));
  const tradingErrors = tradingRead.ok ? {} : tradingRead.errors;

  function change<K extends keyof SettingsT>(key: K, value: SettingsT[K]) {
    setDone(null);
    setDraft((d) => ({ ...d, [key]: value }));
  }

  async function save(e: FormEvent) {
    e.preventDefault();
    if (pending || idleError || !tradingRead.ok) return;
    setPending(true);
    setError(null);
    setDone(null);
    const r = await useSettings.getState().save({
      baseCurrency: draft.baseCurrency,
      theme: draft.theme,
      language: draft.language,
      locale: draft.locale,
      idleLockMinutes: idleMinutes,
      costMethod: draft.costMethod,
      trading: tradingRead.value,
    });
    setPending(false);
    if (r.ok) setDone(t('saved'));
    else setError(r.error);
  }

  return (
    <>
      <div className="page-head">
        <h1>{t('title')}</h1>
        <p className="muted">{t('intro')}</p>
      </div>
      <form className="card settings" onSubmit={(e) => void save(e)} noValidate aria-busy={pending}>
        <div className="field">
          <label htmlFor={`${id}-base`}>{t('baseCurrency')}</label>
          <CurrencySelect
            id={`${id}-base`}
            value={draft.baseCurrency}
            onChange={(c) => change('baseCurrency', c)}
            describedBy={`${id}-base-hint`}
          />
          <p className="hint" id={`${id}-base-hint`}>
            {t('baseCurrencyHint')}
          </p>
        </div>

        <fieldset className="field" aria-describedby={`${id}-language-hint`}>
          <legend>{t('language')}</legend>
          <div className="segmented">
            {LANGUAGES.map((l) => (
              <label key={l} className="segment" lang={l === 'system' ? undefined : l}>
                <input
                  type="radio"
                  name={`${id}-language`}
                  value={l}
                  checked={draft.language === l}
                  onChange={() => {
                    const lang = resolveLanguage(l, systemLanguages());
                    setDone(null);
                    setDraft((d) => ({ ...d, language: l, locale: localeForLanguage(lang, d.locale) }));
                    applyLanguage(l);
                  }}
                />
                <span>{t(`common:language.${l}`)}</span>
              </label>
            ))}
          </div>
          <p className="hint" id={`${id}-language-hint`}>
            {t('languageHint')}
          </p>
        </fieldset>

        <fieldset className="field">
          <legend>{t('theme')}</legend>
          <div className="segmented">
            {THEMES.map((theme) => (
              <label key={theme} className="segment" title={t(`themes.${theme}Hint`)}>
                <input
                  type="radio"
                  name={`${id}-theme`}
                  value={theme}
                  checked={draft.theme === theme}
                  onChange={() => {
                    change('theme', theme);
                    applyTheme(theme);
                  }}
                />
                <span>{t(`themes.${theme}`)}</span>
              </label>
            ))}
          </div>
          <p className="hint">{t('themeHint')}</p>
        </fieldset>

        <div className="field">
          <label htmlFor={`${id}-locale`}>{t('locale')}</label>
          <select
            id={`${id}-locale`}
            value={draft.locale}
            onChange={(e) => change('locale', e.target.value)}
            aria-describedby={`${id}-locale-hint`}
          >
            {locales.map((l) => (
              <option key={l} value={l}>
                {localeLabel(l)} ({l})
              </option>
            ))}
          </select>
          <p className="hint" id={`${id}-locale-hint`}>
            {t('localeExample', { number: formatDecimal('1234567.89', draft.locale), date: formatDateTime(SAMPLE_DATE, draft.locale) })}
          </p>
        </div>

        <div className="field narrow">
          <label htmlFor={`${id}-idle`}>{t('idle')}</label>
          <input
            id={`${id}-idle`}
            type="number"
            inputMode="numeric"
            min={0}
            max={1440}
            step={1}
            value={idle}
            onChange={(e) => {
              setDone(null);
              setIdle(e.target.value);
            }}
            aria-invalid={idleError ? true : undefined}
            aria-describedby={`${id}-idle-hint`}
          />
          <p className={idleError ? 'field-error' : 'hint'} id={`${id}-idle-hint`}>
            {idleError ?? t('idleHint')}
          </p>
        </div>

        <fieldset className="field cost-method">
          <legend>{t('costMethod')}</legend>
          <div className="segmented">
            {METHODS.map((m) => (
              <label key={m} className="segment" title={t(`methods.${m}Hint`)}>
                <input
                  type="radio"
                  name={`${id}-method`}
                  value={m}
                  checked={draft.costMethod === m}
                  onChange={() => change('costMethod', m)}
                />
                <span>{t(`methods.${m}`)}</span>
              </label>
            ))}
          </div>
          <p className="hint">{t('costMethodHint')}</p>
        </fieldset>

        <TradingSettingsFields
          idPrefix={`${id}-trading`}
          text={trading}
          errors={tradingErrors}
          onChange={(key, value) => {
            setDone(null);
            setTrading((t) => ({ ...t, [key]: value }));
          }}
        />

        <Alert>{error && errorText(error)}</Alert>
        <div className="actions">
          <button type="submit" className="primary" disabled={pending || !loaded || idleError !== null || !tradingRead.ok}>
            {t('submit')}
          </button>
          <Status>{done}</Status>
        </div>
      </form>
      <ChangePassword />
    </>
  );
}
