import { useId, useMemo, useState, type FormEvent } from 'react';
import type { UiError } from '../api/client.js';
import { COMMON, useCurrencies } from '../stores/currencies.js';
import { useWallets } from '../stores/wallets.js';
import { Alert, Status } from './Alert.js';
import { CurrencySelect } from './CurrencySelect.js';

/** Start an empty wallet in a currency that has none yet (it appears with a zero balance). */
export function OpenWalletForm() {
  const id = useId();
  const wallets = useWallets((s) => s.wallets);
  const all = useCurrencies((s) => s.all);
  const existing = useMemo(() => new Set(wallets.map((w) => w.currency)), [wallets]);
  const firstFree = [...COMMON, ...all].find((c) => !existing.has(c.code))?.code ?? '';
  const [choice, setChoice] = useState<string | null>(null);
  const currency = choice && !existing.has(choice) ? choice : firstFree;
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<UiError | null>(null);
  const [done, setDone] = useState<string | null>(null);

  async function open(e: FormEvent) {
    e.preventDefault();
    if (pending || !currency) return;
    setPending(true);
    setError(null);
    setDone(null);
    const r = await useWallets.getState().open(currency);
    setPending(false);
    if (!r.ok) {
      setError(r.error);
      return;
    }
    setDone(`Opened the ${r.data.currency} wallet.`);
    setChoice(null);
  }

  return (
    <section className="card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="card-title">
        Open a wallet
      </h2>
      <p className="muted small">Add a currency you do not hold yet. It starts at zero.</p>
      <form className="inline-form" onSubmit={(e) => void open(e)} noValidate>
        <div className="field grow">
          <label htmlFor={`${id}-currency`}>New wallet currency</label>
          <CurrencySelect id={`${id}-currency`} value={currency} onChange={setChoice} exclude={existing} disabled={pending} />
        </div>
        <button type="submit" className="secondary" disabled={pending || !currency}>
          Open wallet
        </button>
      </form>
      <Alert>{error?.message}</Alert>
      <Status>{done}</Status>
    </section>
  );
}
