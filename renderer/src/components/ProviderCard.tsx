import { Trans, useTranslation } from 'react-i18next';
import { errorText } from '../format/errors.js';
import { useId, useState } from 'react';
import type { ProviderView, Response } from '../../../shared/contract/index.js';
import { formatDay, formatPrice } from '../format/rates.js';
import { useProviders } from '../stores/providers.js';

export type AssetClass = 'fx' | 'crypto' | 'stock';

function Arrow({ up }: { up: boolean }) {
  return (
    <svg viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false">
      <path d={up ? 'M8 13V3M4 7l4-4 4 4' : 'M8 3v10M4 9l4 4 4-4'} fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" strokeLinejoin="round" />
    </svg>
  );
}

/** What the user changed on one provider, not yet saved. `apiKey: ''` removes the stored key. */
export interface ProviderDraft {
  enabled?: boolean;
  baseUrl?: string;
  apiKey?: string;
}

interface Props {
  provider: ProviderView;
  assetClass: AssetClass;
  position: number;
  count: number;
  draft: ProviderDraft;
  locale: string;
  onChange(d: ProviderDraft): void;
  onMove(delta: -1 | 1): void;
}

type TestResult = Response<'providers:test'>;

/** One source in the priority list: order, on/off, base URL, write-only API key, and a Test button. */
export function ProviderCard({ provider: p, assetClass, position, count, draft, locale, onChange, onMove }: Props) {
  const { t } = useTranslation('data');
  const id = useId();
  const enabled = draft.enabled ?? p.enabled;
  const baseUrl = draft.baseUrl ?? (p.baseUrl === p.defaultBaseUrl ? '' : p.baseUrl);
  const removing = draft.apiKey === '';
  const [keyOpen, setKeyOpen] = useState(false);
  const [testing, setTesting] = useState(false);
  const [test, setTest] = useState<TestResult | null>(null);
  const [testError, setTestError] = useState<string | null>(null);
  // The bundled history is not fetched from anywhere: no URL, no key.
  const network = /^https?:/.test(p.defaultBaseUrl);
  const showKey = p.needsKey || p.keyHint !== null || keyOpen;
  const keyInput = !removing && !(p.keyHint && draft.apiKey === undefined && !keyOpen);

  async function runTest() {
    setTesting(true);
    setTest(null);
    setTestError(null);
    const r = await useProviders.getState().test(p.id, assetClass);
    setTesting(false);
    if (r.ok) setTest(r.data);
    else setTestError(errorText(r.error));
  }

  return (
    <li className={`provider ${enabled ? '' : 'is-off'}`}>
      <section aria-labelledby={`${id}-name`}>
        <div className="provider-head">
          <span className="rank" aria-hidden="true">
            {position + 1}
          </span>
          <h3 id={`${id}-name`} className="provider-name">
            {p.name}
          </h3>
          <span className="visually-hidden">
            {t('providers.priority', { position: position + 1, count })}
          </span>
          <div className="move">
            <button
              type="button"
              className="ghost icon-btn"
              aria-label={t('providers.moveUp', { name: p.name })}
              title={t('providers.up')}
              disabled={position === 0}
              onClick={() => onMove(-1)}
            >
              <Arrow up />
            </button>
            <button
              type="button"
              className="ghost icon-btn"
              aria-label={t('providers.moveDown', { name: p.name })}
              title={t('providers.down')}
              disabled={position === count - 1}
              onClick={() => onMove(1)}
            >
              <Arrow up={false} />
            </button>
          </div>
        </div>
        <div className="provider-body">
          <div className="provider-flags">
            <label className="check">
              <input type="checkbox" checked={enabled} onChange={(e) => onChange({ ...draft, enabled: e.target.checked })} />
              <span>{t('providers.enabled')}</span>
            </label>
            {p.needsKey && !p.keyHint && draft.apiKey === undefined && <span className="badge badge-warn">{t('providers.needsKey')}</span>}
            {!network && <span className="badge">{t('providers.offline')}</span>}
          </div>
          {network && (
            <div className="field">
              <label htmlFor={`${id}-url`}>{t('providers.baseUrl')}</label>
              <input
                id={`${id}-url`}
                type="url"
                value={baseUrl}
                placeholder={p.defaultBaseUrl}
                onChange={(e) => onChange({ ...draft, baseUrl: e.target.value.trim() })}
                spellCheck={false}
                autoComplete="off"
                aria-describedby={`${id}-url-hint`}
              />
              <p className="hint" id={`${id}-url-hint`}>
                <Trans t={t} i18nKey="providers.urlHint" values={{ envVar: p.envVar }} components={{ 1: <code /> }} />
              </p>
            </div>
          )}
          {!network ? null : showKey ? (
            <div className="field key-field">
              {keyInput ? (
                <label htmlFor={`${id}-key`}>{p.keyHint ? t('providers.newKey') : p.needsKey ? t('providers.key') : t('providers.keyOptional')}</label>
              ) : (
                <span className="label-like">{t('providers.key')}</span>
              )}
              {p.keyHint && draft.apiKey === undefined && !keyOpen ? (
                <div className="key-stored">
                  <span>
                    {t('providers.stored')} <span className="mono">{p.keyHint}</span>
                  </span>
                  <button type="button" className="ghost small-btn" aria-label={t('providers.replaceFor', { name: p.name })} onClick={() => setKeyOpen(true)}>
                    {t('providers.replace')}
                  </button>
                  <button type="button" className="ghost small-btn danger" aria-label={t('providers.removeFor', { name: p.name })} onClick={() => onChange({ ...draft, apiKey: '' })}>
                    {t('providers.remove')}
                  </button>
                </div>
              ) : removing ? (
                <p className="key-stored">
                  {t('providers.willRemove')}{' '}
                  <button
                    type="button"
                    className="link"
                    onClick={() => {
                      const { apiKey: _drop, ...rest } = draft;
                      onChange(rest);
                    }}
                  >
                    {t('providers.keep')}
                  </button>
                </p>
              ) : (
                <input
                  id={`${id}-key`}
                  type="password"
                  autoComplete="off"
                  spellCheck={false}
                  value={draft.apiKey ?? ''}
                  onChange={(e) => {
                    const v = e.target.value.trim();
                    const { apiKey: _drop, ...rest } = draft;
                    onChange(v ? { ...rest, apiKey: v } : rest);
                  }}
                  maxLength={200}
                  placeholder={p.keyHint ? t('providers.replaces', { hint: p.keyHint }) : t('providers.paste')}
                  aria-describedby={`${id}-key-hint`}
                />
              )}
              <p className="hint" id={`${id}-key-hint`}>
                {t('providers.keyHint')}
              </p>
            </div>
          ) : null}
          <div className="test-row">
            <button type="button" className="secondary small-btn" aria-label={t('providers.testName', { name: p.name })} onClick={() => void runTest()} disabled={testing}>
              {testing ? t('providers.testing') : t('providers.test')}
            </button>
            <p className="test-result" role="status">
              {test?.ok && (
                <span className="ok">
                  {t('providers.ok', { ms: test.elapsedMs })}
                  {test.sample &&
                    t('providers.sample', { price: formatPrice(test.sample.price, locale), currency: test.sample.currency, date: formatDay(test.sample.date, locale) })}
                </span>
              )}
              {test && !test.ok && (
                <span className="bad">
                  {t('providers.failed', { kind: test.error?.kind ?? t('providers.error'), message: test.error?.message ?? t('providers.noAnswer') })}
                </span>
              )}
              {testError && <span className="bad">{testError}</span>}
            </p>
          </div>
        </div>
      </section>
    </li>
  );
}
