import { useTranslation } from 'react-i18next';
import type { TradingSettings } from '../../../shared/contract/index.js';
import type { TradingText } from '../format/trading-settings.js';

const FIELDS: { key: keyof TradingSettings; suffix: string; numeric?: boolean }[] = [
  { key: 'aggregationThresholdUsd', suffix: 'USD' },
  { key: 'aggregationWindowSeconds', suffix: 's', numeric: true },
  { key: 'spreadBps', suffix: 'bp' },
  { key: 'feeRate', suffix: '%' },
  { key: 'feeMinimum', suffix: '' },
  { key: 'maxOrderValueUsd', suffix: 'USD' },
  { key: 'ordersPerMinute', suffix: '', numeric: true },
  { key: 'maxDeviation', suffix: '%' },
];

interface Props {
  idPrefix: string;
  text: TradingText;
  errors: Partial<TradingText>;
  onChange(key: keyof TradingSettings, value: string): void;
}

/** The trading rules of the paper venue and the order guards, one labelled field each. */
export function TradingSettingsFields({ idPrefix, text, errors, onChange }: Props) {
  const { t } = useTranslation('settings');
  return (
    <fieldset className="field trading-settings">
      <legend>{t('trading.legend')}</legend>
      <div className="form-grid">
        {FIELDS.map((f) => {
          const fid = `${idPrefix}-${f.key}`;
          const err = errors[f.key];
          return (
            <div key={f.key} className="field">
              <label htmlFor={fid}>{t(`trading.${f.key}`)}</label>
              <div className="amount-input">
                <input
                  id={fid}
                  type="text"
                  inputMode={f.numeric ? 'numeric' : 'decimal'}
                  autoComplete="off"
                  value={text[f.key]}
                  onChange={(e) => onChange(f.key, e.target.value)}
                  aria-invalid={err ? true : undefined}
                  aria-describedby={`${fid}-hint`}
                  maxLength={24}
                />
                {f.suffix && (
                  <span className="amount-suffix" aria-hidden="true">
                    {f.suffix}
                  </span>
                )}
              </div>
              <p className={err ? 'field-error' : 'hint'} id={`${fid}-hint`}>
                {err ?? t(`trading.${f.key}Hint`)}
              </p>
            </div>
          );
        })}
      </div>
    </fieldset>
  );
}
