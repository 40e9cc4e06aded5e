import { useTranslation } from 'react-i18next';
import { useId, useMemo, useState, type FormEvent } from 'react';
import type { UiError } from '../api/client.js';
import { errorText } from '../format/errors.js';
import { COMMON, useCurrencies } from '../stores/currencies.js';
import { useWallets } from '../stores/wallets.js';
import { Alert, Status } from './Alert.js';
import { CurrencySelect } from './CurrencySelect.js';

/** Start an empty wallet in a currency that has none yet (it appears with a zero balance). */
export function OpenWalletForm() {
  const { t } = useTranslation('wallets');
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
    setDone(t('open.done', { currency: r.data.currency }));
    setChoice(null);
  }

  return (
    <section className="card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="card-title">
        {t('open.title')}
      </h2>
      <p className="muted small">{t('open.text')}</p>
      <form className="inline-form" onSubmit={(e) => void open(e)} noValidate>
        <div className="field grow">
          <label htmlFor={`${id}-currency`}>{t('open.currency')}</label>
          <CurrencySelect id={`${id}-currency`} value={currency} onChange={setChoice} exclude={existing} disabled={pending} />
        </div>
        <button type="submit" className="secondary" disabled={pending || !currency}>
          {t('open.submit')}
        </button>
      </form>
      <Alert>{error && errorText(error)}</Alert>
      <Status>{done}</Status>
    </section>
  );
}
