import { useId, useState } from 'react';
import type { InstrumentView } from '../../../shared/contract/index.js';
import { describeCatalogueError } from '../format/catalogue-errors.js';
import { useCatalogue } from '../stores/catalogue.js';
import { Alert, Status } from './Alert.js';
import { InstrumentForm } from './InstrumentForm.js';

const CLASS_LABEL = { stock: 'Stock', crypto: 'Crypto' } as const;

/** Stocks and crypto the profile follows: list, add, edit, remove. */
export function InstrumentCatalogue() {
  const id = useId();
  const { instruments, instrumentsLoaded } = useCatalogue();
  const [editing, setEditing] = useState<InstrumentView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);

  async function remove(i: InstrumentView) {
    setError(null);
    setDone(null);
    const r = await useCatalogue.getState().removeInstrument(i.id);
    if (!r.ok) return setError(describeCatalogueError(r.error, i.symbol));
    if (editing?.id === i.id) setEditing(null);
    setDone(`Removed ${i.symbol}.`);
  }

  return (
    <section className="card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="card-title">
        Instruments
      </h2>
      <Alert>{error}</Alert>
      <Status>{done}</Status>
      {!instrumentsLoaded && <p className="muted">Loading instruments…</p>}
      {instrumentsLoaded && instruments.length === 0 && <p className="muted">No instruments yet. Add a stock or a crypto pair below.</p>}
      {instruments.length > 0 && (
        <div className="table-scroll" tabIndex={0}>
          <table className="grid">
            <caption className="visually-hidden">Instruments</caption>
            <thead>
              <tr>
                <th scope="col">Symbol</th>
                <th scope="col">Name</th>
                <th scope="col">Class</th>
                <th scope="col">Quote</th>
                <th scope="col">Provider symbols</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {instruments.map((i) => (
                <tr key={i.id}>
                  <th scope="row" className="code">
                    {i.symbol}
                  </th>
                  <td>{i.name}</td>
                  <td>{CLASS_LABEL[i.assetClass]}</td>
                  <td>{i.quoteCurrency}</td>
                  <td className="mono small">
                    {Object.keys(i.providerSymbols).length === 0 ? (
                      <span className="muted">—</span>
                    ) : (
                      Object.entries(i.providerSymbols).map(([k, v]) => <div key={k}>{`${k}=${v}`}</div>)
                    )}
                  </td>
                  <td className="row-actions">
                    <button
                      type="button"
                      className="ghost small-btn"
                      aria-label={`Edit ${i.symbol}`}
                      onClick={() => {
                        setDone(null);
                        setEditing(i);
                      }}
                    >
                      Edit
                    </button>
                    <button type="button" className="ghost small-btn danger" aria-label={`Remove ${i.symbol}`} onClick={() => void remove(i)}>
                      Remove
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <InstrumentForm
        key={editing ? `edit-${editing.id}` : 'add'}
        editing={editing}
        onStart={() => {
          setDone(null);
          setError(null);
        }}
        onDone={(message) => {
          setEditing(null);
          setError(null);
          setDone(message || null);
        }}
      />
    </section>
  );
}
