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
    else setTestError(r.error.message);
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
            , priority {position + 1} of {count}
          </span>
          <div className="move">
            <button
              type="button"
              className="ghost icon-btn"
              aria-label={`Move ${p.name} up`}
              title="Move up"
              disabled={position === 0}
              onClick={() => onMove(-1)}
            >
              <Arrow up />
            </button>
            <button
              type="button"
              className="ghost icon-btn"
              aria-label={`Move ${p.name} down`}
              title="Move down"
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
              <span>Enabled</span>
            </label>
            {p.needsKey && !p.keyHint && draft.apiKey === undefined && <span className="badge badge-warn">Needs a key</span>}
            {!network && <span className="badge">Offline, bundled with Bourse</span>}
          </div>
          {network && (
            <div className="field">
              <label htmlFor={`${id}-url`}>Base URL</label>
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
                Empty uses the default. <code>{p.envVar}</code> overrides it when set.
              </p>
            </div>
          )}
          {!network ? null : showKey ? (
            <div className="field key-field">
              {keyInput ? (
                <label htmlFor={`${id}-key`}>{p.keyHint ? 'New API key' : `API key${p.needsKey ? '' : ' (optional)'}`}</label>
              ) : (
                <span className="label-like">API key</span>
              )}
              {p.keyHint && draft.apiKey === undefined && !keyOpen ? (
                <div className="key-stored">
                  <span>
                    Key stored: <span className="mono">{p.keyHint}</span>
                  </span>
                  <button type="button" className="ghost small-btn" aria-label={`Replace key for ${p.name}`} onClick={() => setKeyOpen(true)}>
                    Replace key
                  </button>
                  <button type="button" className="ghost small-btn danger" aria-label={`Remove key for ${p.name}`} onClick={() => onChange({ ...draft, apiKey: '' })}>
                    Remove key
                  </button>
                </div>
              ) : removing ? (
                <p className="key-stored">
                  The stored key will be removed when you save.{' '}
                  <button
                    type="button"
                    className="link"
                    onClick={() => {
                      const { apiKey: _drop, ...rest } = draft;
                      onChange(rest);
                    }}
                  >
                    Keep it
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
                  placeholder={p.keyHint ? `Replaces ${p.keyHint}` : 'Paste the key'}
                  aria-describedby={`${id}-key-hint`}
                />
              )}
              <p className="hint" id={`${id}-key-hint`}>
                Stored encrypted where the system allows and never shown again.
              </p>
            </div>
          ) : null}
          <div className="test-row">
            <button type="button" className="secondary small-btn" aria-label={`Test ${p.name}`} onClick={() => void runTest()} disabled={testing}>
              {testing ? 'Testing…' : 'Test'}
            </button>
            <p className="test-result" role="status">
              {test?.ok && (
                <span className="ok">
                  OK in {test.elapsedMs} ms
                  {test.sample &&
                    ` — ${formatPrice(test.sample.price, locale)} ${test.sample.currency} on ${formatDay(test.sample.date, locale)}`}
                </span>
              )}
              {test && !test.ok && (
                <span className="bad">
                  Failed ({test.error?.kind ?? 'error'}): {test.error?.message ?? 'no answer'}
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
