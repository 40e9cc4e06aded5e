import { useId, useState, type KeyboardEvent } from 'react';
import type { InstrumentMatch, InstrumentView, SearchSource } from '../../../shared/contract/index.js';
import { errorText } from '../format/errors.js';
import { useInstrumentResults } from '../hooks/useInstrumentResults.js';
import { t } from '../i18n/index.js';
import { useCatalogue } from '../stores/catalogue.js';
import { useInstrumentSearch } from '../stores/instrument-search.js';
import '../search.css';

interface Props {
  label: string;
  placeholder?: string;
  /** What picking does, in the button's words: "Add to the watchlist", "Use". */
  action?: string;
  /** Called with the catalogue's instrument once a result is picked (added first when it was not there). */
  onPicked?: (instrument: InstrumentView, added: boolean) => void;
  compact?: boolean;
}

const VISIBLE = 8;

/** A provider that did not answer, in words ("Yahoo Finance is not answering (HTTP 503)"). */
function problem(s: SearchSource): string {
  return `${s.name} ${s.message}`;
}

function meta(m: InstrumentMatch): string {
  return [m.type, m.exchange, m.currency ?? t('market:search.currencyUnknown'), m.isin].filter(Boolean).join(' · ');
}

/**
 * One search field for instruments, by ticker, name or ISIN: the catalogue and the bundled list answer as one types,
 * the providers' search endpoints a moment later; a provider that is down or rate-limited is named in words. Picking
 * a result adds it to the catalogue with its provider symbols (so it is watched and its history fetched).
 */
export function InstrumentSearch({ label, placeholder = t('market:search.placeholder'), action = t('market:search.add'), onPicked, compact = false }: Props) {
  const id = useId();
  const [text, setText] = useState('');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const [busy, setBusy] = useState<string | null>(null);
  const [note, setNote] = useState<{ ok: boolean; text: string } | null>(null);
  const found = useInstrumentResults(text);
  const results = found.results.slice(0, VISIBLE);
  const problems = found.sources.filter((s) => s.state !== 'ok');
  const listId = `${id}-results`;
  const showList = open && text.trim() !== '' && found.query !== '';

  async function choose(m: InstrumentMatch) {
    if (busy) return;
    if (m.instrumentId !== null) {
      const own = useCatalogue.getState().instruments.find((i) => i.id === m.instrumentId);
      if (own) {
        finish(own, false);
        return;
      }
    }
    setBusy(m.symbol);
    const r = await useInstrumentSearch.getState().pick(m);
    setBusy(null);
    if (r.ok) finish(r.data.instrument, r.data.added);
    else setNote({ ok: false, text: errorText(r.error) });
  }

  function finish(instrument: InstrumentView, added: boolean) {
    setText('');
    setOpen(false);
    setNote({ ok: true, text: added ? t('market:search.now', { symbol: instrument.symbol }) : t('market:search.already', { symbol: instrument.symbol }) });
    onPicked?.(instrument, added);
  }

  function onKey(e: KeyboardEvent<HTMLInputElement>) {
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      setOpen(true);
      setActive((a) => Math.min(a + 1, Math.max(results.length - 1, 0)));
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      setActive((a) => Math.max(a - 1, 0));
    } else if (e.key === 'Enter') {
      const m = results[active];
      if (showList && m) {
        e.preventDefault();
        void choose(m);
      }
    } else if (e.key === 'Escape') {
      setOpen(false);
    }
  }

  return (
    <div className={`instrument-search${compact ? ' compact' : ''}`}>
      <label htmlFor={`${id}-input`}>{label}</label>
      <input
        id={`${id}-input`}
        type="search"
        role="combobox"
        autoComplete="off"
        spellCheck={false}
        placeholder={placeholder}
        value={text}
        aria-expanded={showList}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={showList && results[active] ? `${id}-opt-${active}` : undefined}
        onChange={(e) => {
          setText(e.target.value);
          setOpen(true);
          setActive(0);
          setNote(null);
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => setOpen(false)}
        onKeyDown={onKey}
      />
      {showList && (
        <div className="search-popover">
          <ul id={listId} role="listbox" aria-label={t('market:search.matching', { query: found.query })}>
            {results.map((m, i) => (
              <li
                key={`${m.assetClass}:${m.symbol}`}
                id={`${id}-opt-${i}`}
                role="option"
                aria-selected={i === active}
                aria-disabled={m.currency === null}
                className={i === active ? 'active' : undefined}
                onMouseEnter={() => setActive(i)}
                onMouseDown={(e) => e.preventDefault()}
                onClick={() => m.currency !== null && void choose(m)}
              >
                <span className="search-main">
                  <strong>{m.symbol}</strong> <span className="search-name">{m.name}</span>
                  {m.instrumentId !== null && <span className="search-badge">{t('market:search.inCatalogue')}</span>}
                </span>
                <span className="search-meta muted small">{meta(m)}</span>
                <span className="search-action small">{busy === m.symbol ? t('market:search.adding') : m.currency === null ? '' : m.instrumentId !== null ? t('market:search.use') : action}</span>
              </li>
            ))}
          </ul>
          {results.length === 0 && !found.searching && <p className="search-empty muted small">{t('market:search.nothing', { query: found.query })}</p>}
          {(found.searching || problems.length > 0 || found.error) && (
            <div className="search-sources small" role="status">
              {found.searching && <p className="muted">{t('market:search.searching')}</p>}
              {problems.map((s) => (
                <p key={s.provider} className={`search-problem state-${s.state}`}>
                  {problem(s)}.
                </p>
              ))}
              {found.error && <p className="search-problem">{errorText(found.error)}</p>}
            </div>
          )}
        </div>
      )}
      {note && (
        <p className={`search-note small ${note.ok ? 'ok' : 'error'}`} role={note.ok ? 'status' : 'alert'}>
          {note.text}
        </p>
      )}
    </div>
  );
}
