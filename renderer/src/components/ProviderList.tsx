import { useTranslation } from 'react-i18next';
import { errorText } from '../format/errors.js';
import { useId, useState, type FormEvent } from 'react';
import type { ProviderView } from '../../../shared/contract/index.js';
import type { UiError } from '../api/client.js';
import { useProviders } from '../stores/providers.js';
import { Alert, Status } from './Alert.js';
import { ProviderCard, type AssetClass, type ProviderDraft } from './ProviderCard.js';

/** The providers of one asset class in priority order; changes are drafts until "Save" (providers:update). */
export function ProviderList({ assetClass, providers, locale }: { assetClass: AssetClass; providers: ProviderView[]; locale: string }) {
  const { t } = useTranslation('data');
  const title = t(`providers.titles.${assetClass}`);
  const id = useId();
  const saved = providers.map((p) => p.id);
  const [order, setOrder] = useState<string[]>(saved);
  const [drafts, setDrafts] = useState<Record<string, ProviderDraft>>({});
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<UiError | null>(null);
  const [done, setDone] = useState<string | null>(null);

  // Providers the saved list has but the draft order does not (or vice versa) mean a reload: follow the saved one.
  const current = order.length === saved.length && order.every((x) => saved.includes(x)) ? order : saved;
  const byId = new Map(providers.map((p) => [p.id, p]));
  const orderChanged = current.some((x, i) => x !== saved[i]);
  const changes = Object.entries(drafts)
    .map(([pid, d]) => {
      const p = byId.get(pid);
      if (!p) return null;
      const c: { id: string; enabled?: boolean; baseUrl?: string; apiKey?: string } = { id: pid };
      if (d.enabled !== undefined && d.enabled !== p.enabled) c.enabled = d.enabled;
      const savedUrl = p.baseUrl === p.defaultBaseUrl ? '' : p.baseUrl;
      if (d.baseUrl !== undefined && d.baseUrl !== savedUrl) c.baseUrl = d.baseUrl;
      if (d.apiKey !== undefined) c.apiKey = d.apiKey;
      return Object.keys(c).length > 1 ? c : null;
    })
    .filter((c) => c !== null);
  const dirty = orderChanged || changes.length > 0;

  function move(pid: string, delta: -1 | 1) {
    setDone(null);
    const next = [...current];
    const i = next.indexOf(pid);
    const j = i + delta;
    if (i < 0 || j < 0 || j >= next.length) return;
    [next[i], next[j]] = [next[j]!, next[i]!];
    setOrder(next);
  }

  async function save(e: FormEvent) {
    e.preventDefault();
    if (!dirty || pending) return;
    setPending(true);
    setError(null);
    setDone(null);
    const r = await useProviders.getState().save({
      assetClass,
      ...(orderChanged ? { order: current } : {}),
      ...(changes.length ? { changes } : {}),
    });
    setPending(false);
    if (!r.ok) return setError(r.error);
    setOrder(r.data[assetClass].map((p) => p.id));
    setDrafts({});
    setDone(t('providers.saved', { title }));
  }

  return (
    <section className="card sources" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="card-title">
        {title}
      </h2>
      <p className="muted small">{t('providers.tried')}</p>
      <form onSubmit={(e) => void save(e)} noValidate aria-busy={pending}>
        <ol className="provider-list">
          {current.map((pid, i) => {
            const p = byId.get(pid)!;
            return (
              <ProviderCard
                key={pid}
                provider={p}
                assetClass={assetClass}
                position={i}
                count={current.length}
                draft={drafts[pid] ?? {}}
                locale={locale}
                onChange={(d) => {
                  setDone(null);
                  setDrafts((all) => ({ ...all, [pid]: d }));
                }}
                onMove={(delta) => move(pid, delta)}
              />
            );
          })}
        </ol>
        <Alert>{error && errorText(error)}</Alert>
        <div className="actions">
          <button type="submit" className="primary" disabled={!dirty || pending}>
            {t('providers.save', { title })}
          </button>
          {dirty && (
            <button
              type="button"
              className="ghost"
              onClick={() => {
                setOrder(saved);
                setDrafts({});
              }}
            >
              {t('providers.discard')}
            </button>
          )}
          <Status>{done}</Status>
        </div>
      </form>
    </section>
  );
}
