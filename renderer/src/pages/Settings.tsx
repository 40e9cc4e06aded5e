import { useEffect, useId, useState, type FormEvent } from 'react';
import type { Settings as SettingsT } from '../../../shared/contract/index.js';
import type { UiError } from '../api/client.js';
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

const THEMES: { value: SettingsT['theme']; label: string; hint: string }[] = [
  { value: 'system', label: 'System', hint: 'Follow the operating system' },
  { value: 'light', label: 'Light', hint: 'Always light' },
  { value: 'dark', label: 'Dark', hint: 'Always dark' },
];

const METHODS: { value: SettingsT['costMethod']; label: string; hint: string }[] = [
  { value: 'fifo', label: 'FIFO', hint: 'A sell uses the oldest units first' },
  { value: 'average', label: 'Average cost', hint: 'Every unit costs the average of what was paid' },
];

const SAMPLE_DATE = '2025-03-14T09:41:00Z';

export function Settings() {
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

  // The theme previews at once; leaving without saving puts the saved one back.
  useEffect(() => () => applyTheme(useSettings.getState().settings.theme), []);

  const locales: string[] = LOCALES.includes(draft.locale as (typeof LOCALES)[number]) ? [...LOCALES] : [draft.locale, ...LOCALES];
  const idleMinutes = /^\d{1,4}$/.test(idle.trim()) ? Number(idle.trim()) : NaN;
  const idleError = Number.isInteger(idleMinutes) && idleMinutes <= 1440 ? null : 'Enter whole minutes from 0 to 1440.';

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
      locale: draft.locale,
      idleLockMinutes: idleMinutes,
      costMethod: draft.costMethod,
      trading: tradingRead.value,
    });
    setPending(false);
    if (r.ok) setDone('Settings saved.');
    else setError(r.error);
  }

  return (
    <>
      <div className="page-head">
        <h1>Settings</h1>
        <p className="muted">Preferences of this profile. Other profiles on this computer keep their own.</p>
      </div>
      <form className="card settings" onSubmit={(e) => void save(e)} noValidate aria-busy={pending}>
        <div className="field">
          <label htmlFor={`${id}-base`}>Base currency</label>
          <CurrencySelect
            id={`${id}-base`}
            value={draft.baseCurrency}
            onChange={(c) => change('baseCurrency', c)}
            describedBy={`${id}-base-hint`}
          />
          <p className="hint" id={`${id}-base-hint`}>
            Totals and valuations are shown in this currency, and it is the first choice in money forms.
          </p>
        </div>

        <fieldset className="field">
          <legend>Theme</legend>
          <div className="segmented">
            {THEMES.map((t) => (
              <label key={t.value} className="segment" title={t.hint}>
                <input
                  type="radio"
                  name={`${id}-theme`}
                  value={t.value}
                  checked={draft.theme === t.value}
                  onChange={() => {
                    change('theme', t.value);
                    applyTheme(t.value);
                  }}
                />
                <span>{t.label}</span>
              </label>
            ))}
          </div>
          <p className="hint">Applied right away; saved with the other settings.</p>
        </fieldset>

        <div className="field">
          <label htmlFor={`${id}-locale`}>Number and date format</label>
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
            Example: {formatDecimal('1234567.89', draft.locale)} · {formatDateTime(SAMPLE_DATE, draft.locale)}
          </p>
        </div>

        <div className="field narrow">
          <label htmlFor={`${id}-idle`}>Lock after idle minutes</label>
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
            {idleError ?? 'Bourse asks for your password after this long without activity. 0 never locks.'}
          </p>
        </div>

        <fieldset className="field cost-method">
          <legend>Cost method</legend>
          <div className="segmented">
            {METHODS.map((m) => (
              <label key={m.value} className="segment" title={m.hint}>
                <input
                  type="radio"
                  name={`${id}-method`}
                  value={m.value}
                  checked={draft.costMethod === m.value}
                  onChange={() => change('costMethod', m.value)}
                />
                <span>{m.label}</span>
              </label>
            ))}
          </div>
          <p className="hint">
            How the portfolio computes the average cost of a holding and the realized P&amp;L of a sell. FIFO sells the
            oldest units first; average cost spreads what was paid over every unit.
          </p>
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

        <Alert>{error?.message}</Alert>
        <div className="actions">
          <button type="submit" className="primary" disabled={pending || !loaded || idleError !== null || !tradingRead.ok}>
            Save settings
          </button>
          <Status>{done}</Status>
        </div>
      </form>
      <ChangePassword />
    </>
  );
}
