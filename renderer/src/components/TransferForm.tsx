import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { UiError } from '../api/client.js';
import { parseAmount } from '../format/money.js';
import { parseQuantity } from '../format/quantity.js';
import { todayIso } from '../format/rates.js';
import { useAccounts } from '../stores/accounts.js';
import { minorUnitOf } from '../stores/currencies.js';
import { useSettings } from '../stores/settings.js';
import { Alert, Status } from './Alert.js';
import { Segmented } from './Segmented.js';

/**
 * Moves cash (one currency) or units of an instrument from one account to another. The choices come from what the
 * sending account holds; units keep their lots (nothing realized), which the hint says.
 */
export function TransferForm() {
  const { t } = useTranslation('accounts');
  const id = useId();
  const locale = useSettings((s) => s.settings.locale);
  const { accounts, balances } = useAccounts();
  const open = accounts.filter((a) => !a.archived);
  const [what, setWhat] = useState<'cash' | 'units'>('cash');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [date, setDate] = useState(() => todayIso());
  const [asset, setAsset] = useState('');
  const [amount, setAmount] = useState('');
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<UiError | null>(null);
  const [done, setDone] = useState<string | null>(null);

  const fromId = from || open[0]?.id || '';
  const toId = to || open.find((a) => a.id !== fromId)?.id || '';
  const held = balances.find((b) => b.accountId === fromId);
  const assets = what === 'cash' ? (held?.cash ?? []).map((c) => c.currency) : (held?.units ?? []).map((u) => u.symbol);
  const assetId = assets.includes(asset) ? asset : (assets[0] ?? '');
  if (open.length < 2) return null;

  async function submit(e: FormEvent) {
    e.preventDefault();
    setDone(null);
    const fail = (message: string) => setError({ code: 'INVALID_INPUT', message });
    if (fromId === toId) return fail(t('transfer.sameAccount'));
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || date > todayIso()) return fail(t('transfer.dateRequired'));
    if (!assetId) return fail(t('transfer.symbolRequired'));
    const base = { fromAccountId: fromId, toAccountId: toId, date };
    let req;
    if (what === 'cash') {
      const a = parseAmount(amount, assetId, minorUnitOf(assetId), locale);
      if (!a.ok || Number(a.value) <= 0) return fail(a.ok ? t('transfer.amountRequired') : a.message);
      req = { ...base, currency: assetId, amount: a.value };
    } else {
      const q = parseQuantity(amount, locale);
      if (!q.ok || Number(q.value) <= 0) return fail(q.ok ? t('transfer.quantityRequired') : q.message);
      req = { ...base, symbol: assetId, quantity: q.value };
    }
    setPending(true);
    const r = await useAccounts.getState().transfer(req);
    setPending(false);
    if (!r.ok) return setError(r.error);
    setError(null);
    setAmount('');
    setDone(t('transfer.done'));
  }

  const account = (label: string, value: string, set: (v: string) => void, name: string) => (
    <div className="field">
      <label htmlFor={`${id}-${name}`}>{label}</label>
      <select id={`${id}-${name}`} value={value} onChange={(e) => set(e.target.value)}>
        {open.map((a) => (
          <option key={a.id} value={a.id}>
            {a.name}
          </option>
        ))}
      </select>
    </div>
  );

  return (
    <section className="card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="card-title">
        {t('transfer.title')}
      </h2>
      <form className="stack" onSubmit={(e) => void submit(e)} noValidate aria-busy={pending}>
        <Segmented
          legend={t('transfer.what')}
          name={`${id}-what`}
          options={[
            { value: 'cash', label: t('transfer.cash') },
            { value: 'units', label: t('transfer.units') },
          ]}
          value={what}
          onChange={(v) => setWhat(v as 'cash' | 'units')}
        />
        {account(t('transfer.from'), fromId, setFrom, 'from')}
        {account(t('transfer.to'), toId, setTo, 'to')}
        <div className="field">
          <label htmlFor={`${id}-asset`}>{what === 'cash' ? t('transfer.currency') : t('transfer.instrument')}</label>
          <select id={`${id}-asset`} value={assetId} onChange={(e) => setAsset(e.target.value)}>
            {assets.map((x) => (
              <option key={x} value={x}>
                {x}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-amount`}>{what === 'cash' ? t('transfer.amount') : t('transfer.quantity')}</label>
          <input id={`${id}-amount`} inputMode="decimal" autoComplete="off" value={amount} onChange={(e) => setAmount(e.target.value)} />
          {what === 'units' && <p className="hint">{t('transfer.unitsHint')}</p>}
        </div>
        <div className="field">
          <label htmlFor={`${id}-date`}>{t('transfer.date')}</label>
          <input id={`${id}-date`} type="date" value={date} max={todayIso()} onChange={(e) => setDate(e.target.value)} />
        </div>
        <button type="submit" disabled={pending}>
          {pending ? t('transfer.moving') : t('transfer.submit')}
        </button>
      </form>
      <Alert>{error?.message}</Alert>
      <Status>{done}</Status>
    </section>
  );
}
