import { useTranslation } from 'react-i18next';
import { useId, useState, type FormEvent } from 'react';
import type { InstrumentView } from '../../../shared/contract/index.js';
import { describeCatalogueError } from '../format/catalogue-errors.js';
import { formatProviderSymbols, parseProviderSymbols } from '../format/provider-symbols.js';
import { useCatalogue } from '../stores/catalogue.js';
import { Alert } from './Alert.js';
import { CurrencySelect } from './CurrencySelect.js';

const SYMBOL = /^[A-Z0-9][A-Z0-9.^=_-]*$/;

/** Add an instrument, or edit one (symbol and asset class are fixed once created). */
export function InstrumentForm({
  editing,
  onStart,
  onDone,
}: {
  editing: InstrumentView | null;
  /** A submission begins: earlier messages no longer apply. */
  onStart(): void;
  onDone(message: string): void;
}) {
  const { t } = useTranslation(['market', 'common']);
  const id = useId();
  const [symbol, setSymbol] = useState(editing?.symbol ?? '');
  const [name, setName] = useState(editing?.name ?? '');
  const [assetClass, setAssetClass] = useState<'stock' | 'crypto'>(editing?.assetClass ?? 'stock');
  const [quote, setQuote] = useState(editing?.quoteCurrency ?? 'USD');
  const [symbols, setSymbols] = useState(editing ? formatProviderSymbols(editing.providerSymbols) : '');
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    onStart();
    if (!editing && !SYMBOL.test(symbol)) return setError(t('instrument.symbolRule'));
    if (!name.trim()) return setError(t('instrument.nameRule'));
    const ps = parseProviderSymbols(symbols);
    if (!ps.ok) return setError(ps.message);
    setPending(true);
    setError(null);
    const catalogue = useCatalogue.getState();
    const r = editing
      ? await catalogue.updateInstrument({ id: editing.id, name: name.trim(), quoteCurrency: quote, providerSymbols: ps.value })
      : await catalogue.addInstrument({ symbol, name: name.trim(), assetClass, quoteCurrency: quote, providerSymbols: ps.value });
    setPending(false);
    if (!r.ok) return setError(describeCatalogueError(r.error, editing?.symbol ?? symbol));
    onDone(editing ? t('instrument.saved', { symbol: r.data.symbol }) : t('instrument.added', { symbol: r.data.symbol, name: r.data.name }));
    if (!editing) {
      setSymbol('');
      setName('');
      setSymbols('');
    }
  }

  const title = editing ? t('instrument.edit', { symbol: editing.symbol }) : t('instrument.add');
  return (
    <form className="stack instrument-form" onSubmit={(e) => void submit(e)} noValidate aria-label={title} aria-busy={pending}>
      <h3 className="sub-title">{title}</h3>
      <div className="form-grid">
        <div className="field">
          <label htmlFor={`${id}-symbol`}>{t('instrument.symbol')}</label>
          <input
            id={`${id}-symbol`}
            value={symbol}
            onChange={(e) => setSymbol(e.target.value.toUpperCase())}
            disabled={!!editing}
            maxLength={32}
            spellCheck={false}
            autoComplete="off"
            placeholder="AAPL"
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-name`}>{t('instrument.name')}</label>
          <input id={`${id}-name`} value={name} onChange={(e) => setName(e.target.value)} maxLength={100} placeholder="Apple Inc." />
        </div>
        <div className="field">
          <label htmlFor={`${id}-class`}>{t('instrument.class')}</label>
          <select id={`${id}-class`} value={assetClass} onChange={(e) => setAssetClass(e.target.value as 'stock' | 'crypto')} disabled={!!editing}>
            <option value="stock">{t('instrument.stock')}</option>
            <option value="crypto">{t('instrument.crypto')}</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-quote`}>{t('instrument.quote')}</label>
          <CurrencySelect id={`${id}-quote`} value={quote} onChange={setQuote} />
        </div>
      </div>
      <div className="field">
        <label htmlFor={`${id}-ps`}>
          {t('instrument.providerSymbols')} <span className="optional">{t('common:optional')}</span>
        </label>
        <textarea
          id={`${id}-ps`}
          rows={3}
          value={symbols}
          onChange={(e) => setSymbols(e.target.value)}
          spellCheck={false}
          placeholder={'yahoo=VOD.L\nalpha-vantage=VOD.LON'}
          aria-describedby={`${id}-ps-hint`}
        />
        <p className="hint" id={`${id}-ps-hint`}>
          {t('instrument.psHint')}
        </p>
      </div>
      <Alert>{error}</Alert>
      <div className="actions">
        <button type="submit" className="primary" disabled={pending}>
          {editing ? t('instrument.save') : t('instrument.submit')}
        </button>
        {editing && (
          <button type="button" className="ghost" onClick={() => onDone('')}>
            {t('instrument.cancel')}
          </button>
        )}
      </div>
    </form>
  );
}
