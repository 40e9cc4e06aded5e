import type { TradingSettings } from '../../../shared/contract/index.js';
import type { TradingText } from '../format/trading-settings.js';

const FIELDS: { key: keyof TradingSettings; label: string; suffix: string; hint: string; numeric?: boolean }[] = [
  {
    key: 'aggregationThresholdUsd',
    label: 'Aggregation threshold (USD)',
    suffix: 'USD',
    hint: 'Orders worth less than this wait in the aggregation book with other small orders. 0 turns aggregation off.',
  },
  {
    key: 'aggregationWindowSeconds',
    label: 'Aggregation window (seconds)',
    suffix: 's',
    hint: 'The longest a small order waits before the book fills anyway.',
    numeric: true,
  },
  { key: 'spreadBps', label: 'Spread (basis points)', suffix: 'bp', hint: 'Bid–ask width of the paper venue in basis points (10 bp = 0.1 %).' },
  { key: 'feeRate', label: 'Fee rate (%)', suffix: '%', hint: 'Fee as a percentage of the order value.' },
  { key: 'feeMinimum', label: 'Minimum fee', suffix: '', hint: 'The smallest fee per fill, in the instrument’s currency.' },
  { key: 'maxOrderValueUsd', label: 'Maximum order value (USD)', suffix: 'USD', hint: 'Larger orders are refused. 0 means no maximum.' },
  { key: 'ordersPerMinute', label: 'Orders per minute', suffix: '', hint: 'More orders than this in a minute are refused.', numeric: true },
  {
    key: 'maxDeviation',
    label: 'Confirmation threshold (%)',
    suffix: '%',
    hint: 'A price this far from the last close asks for confirmation before the order is placed.',
  },
];

interface Props {
  idPrefix: string;
  text: TradingText;
  errors: Partial<TradingText>;
  onChange(key: keyof TradingSettings, value: string): void;
}

/** The trading rules of the paper venue and the order guards, one labelled field each. */
export function TradingSettingsFields({ idPrefix, text, errors, onChange }: Props) {
  return (
    <fieldset className="field trading-settings">
      <legend>Trading</legend>
      <div className="form-grid">
        {FIELDS.map((f) => {
          const fid = `${idPrefix}-${f.key}`;
          const err = errors[f.key];
          return (
            <div key={f.key} className="field">
              <label htmlFor={fid}>{f.label}</label>
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
                {err ?? f.hint}
              </p>
            </div>
          );
        })}
      </div>
    </fieldset>
  );
}
