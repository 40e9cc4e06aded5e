import { errorText } from '../../format/errors.js';
import { useTranslation } from 'react-i18next';
import { useEffect, useState } from 'react';
import type { InstrumentMatch, InstrumentView, UnknownInstrument } from '../../../../shared/contract/index.js';
import { useCatalogue } from '../../stores/catalogue.js';
import { isBusy, useImport } from '../../stores/import.js';
import { useInstrumentSearch } from '../../stores/instrument-search.js';
import { bestFound, bestMatch, searchWordsFor } from './best-match.js';

const ISIN = /^[A-Z]{2}[A-Z0-9]{9}\d$/;

/**
 * Instruments the file names that the catalogue does not know, each once: use the catalogue's best match in one
 * click or, when the catalogue has none, the instrument search's (added to the catalogue with its provider symbols),
 * match it to any instrument of the catalogue (kept in the mapping, so a saved preset remembers it) or, for a ticker
 * with a currency, add it to the catalogue as written.
 */
export function UnknownInstruments({ id, unknown }: { id: string; unknown: UnknownInstrument[] }) {
  const { t } = useTranslation('imports');
  const instruments = useCatalogue((s) => s.instruments);
  if (unknown.length === 0) return null;
  return (
    <section className="import-unknown" aria-labelledby={`${id}-unknown`}>
      <h3 id={`${id}-unknown`}>{t('unknown.title', { count: unknown.length })}</h3>
      <ul>
        {unknown.map((u) => (
          <UnknownRow key={u.reference} id={id} u={u} instruments={instruments} />
        ))}
      </ul>
    </section>
  );
}

/** The search's best match for an instrument the catalogue has none for (asked once per reference). */
function useFound(u: UnknownInstrument, wanted: boolean): { words: string; found: InstrumentMatch | null } {
  const words = searchWordsFor(u);
  const [found, setFound] = useState<{ words: string; found: InstrumentMatch | null }>({ words: '', found: null });
  useEffect(() => {
    if (!wanted) return;
    let live = true;
    void useInstrumentSearch
      .getState()
      .find(words, true)
      .then((r) => {
        if (live) setFound({ words, found: r.ok ? bestFound(u, r.data.results) : null });
      });
    return () => {
      live = false;
    };
  }, [u, words, wanted]);
  return found.words === words ? found : { words, found: null };
}

function UnknownRow({ id, u, instruments }: { id: string; u: UnknownInstrument; instruments: InstrumentView[] }) {
  const { t } = useTranslation('imports');
  const { step, mapping, matchInstrument, addInstrument } = useImport();
  const [adding, setAdding] = useState(false);
  const [failed, setFailed] = useState<string | null>(null);
  const busy = isBusy(step) || adding;
  const best = bestMatch(u, instruments);
  const { found } = useFound(u, best === null && mapping !== null);

  async function addFound(m: InstrumentMatch) {
    setAdding(true);
    const r = await useInstrumentSearch.getState().pick(m);
    setAdding(false);
    if (r.ok) await matchInstrument(u.reference, r.data.instrument.symbol);
    else setFailed(errorText(r.error));
  }

  const selectId = `${id}-match-${u.reference}`;
  return (
    <li>
      <span className="unknown-ref">
        <strong>{u.reference}</strong>
        {u.name && u.name !== u.reference ? ` · ${u.name}` : ''}
        {u.currency ? ` · ${u.currency}` : ''}
        <span className="muted small">
          {t('unknown.rows', { count: u.rows, line: u.firstLine })}
        </span>
      </span>
      {mapping && (
        <span className="unknown-actions">
          {best && (
            <button type="button" className="primary small" disabled={busy} onClick={() => void matchInstrument(u.reference, best.symbol)}>
              {t('unknown.use', { symbol: best.symbol, name: best.name })}
            </button>
          )}
          {!best && found && (
            <button type="button" className="primary small" disabled={busy} onClick={() => void addFound(found)}>
              {t('unknown.add', { symbol: found.symbol, name: found.name, where: [found.exchange, found.currency].filter(Boolean).join(', ') })}
            </button>
          )}
          {failed && (
            <span className="field-error small" role="alert">
              {failed}
            </span>
          )}
          <label className="small" htmlFor={selectId}>
            {best || found ? t('unknown.orMatch') : t('unknown.match')}
          </label>
          <select id={selectId} value={mapping.instruments?.[u.reference] ?? ''} disabled={busy} onChange={(e) => void matchInstrument(u.reference, e.target.value)}>
            <option value="">{t('unknown.choose')}</option>
            {instruments.map((i) => (
              <option key={i.id} value={i.symbol}>
                {i.symbol} · {i.name} ({i.quoteCurrency})
              </option>
            ))}
          </select>
          {!ISIN.test(u.reference) && u.currency && (
            <button type="button" className="secondary small" disabled={busy} onClick={() => void addInstrument(u)}>
              {t('unknown.addAsWritten', { reference: u.reference, currency: u.currency })}
            </button>
          )}
        </span>
      )}
    </li>
  );
}
