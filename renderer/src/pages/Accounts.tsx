import { useEffect, useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Account, AccountBalances, AccountKind } from '../../../shared/contract/index.js';
import type { UiError } from '../api/client.js';
import { Alert, Status } from '../components/Alert.js';
import { TransferForm } from '../components/TransferForm.js';
import { formatMoney } from '../format/money.js';
import { formatQuantity } from '../format/quantity.js';
import { useAccounts } from '../stores/accounts.js';
import { minorUnitOf } from '../stores/currencies.js';
import { useSettings } from '../stores/settings.js';

const KINDS: readonly AccountKind[] = ['brokerage', 'bank', 'crypto', 'paper', 'other'];
const METHODS: readonly Account['costMethod'][] = ['fifo', 'lifo', 'hifo', 'average'];

/** Accounts: each with what it holds, edited in place; a new account and a transfer between two at the side. */
export function Accounts() {
  const { t } = useTranslation('accounts');
  const { accounts, balances, loaded, error } = useAccounts();
  const locale = useSettings((s) => s.settings.locale);
  const [showArchived, setShowArchived] = useState(false);
  useEffect(() => {
    void useAccounts.getState().load();
  }, []);
  const shown = accounts.filter((a) => showArchived || !a.archived);
  const held = new Map(balances.map((b) => [b.accountId, b]));
  return (
    <>
      <div className="page-head">
        <h1>{t('title')}</h1>
        <p className="muted">{t('intro')}</p>
      </div>
      <div className="accounts-layout">
        <div className="account-list">
          {error && <Alert>{error.message}</Alert>}
          {!loaded && !error && <p className="muted">{t('loading')}</p>}
          {shown.map((a) => (
            <AccountCard key={a.id} account={a} balances={held.get(a.id)} locale={locale} />
          ))}
          {accounts.some((a) => a.archived) && (
            <label className="small">
              <input type="checkbox" checked={showArchived} onChange={(e) => setShowArchived(e.target.checked)} /> {t('showArchived')}
            </label>
          )}
        </div>
        <aside className="side" aria-label={t('title')}>
          <CreateAccount />
          <TransferForm />
        </aside>
      </div>
    </>
  );
}

function AccountCard({ account: a, balances, locale }: { account: Account; balances: AccountBalances | undefined; locale: string }) {
  const { t } = useTranslation('accounts');
  const id = useId();
  const [editing, setEditing] = useState(false);
  const [error, setError] = useState<UiError | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const cash = balances?.cash ?? [];
  const units = balances?.units ?? [];

  async function archive() {
    setError(null);
    const r = await useAccounts.getState().archive(a.id);
    if (r.ok) setDone(t('archived', { name: r.data.name }));
    else setError(r.error);
  }

  return (
    <section className="card" aria-labelledby={`${id}-name`}>
      <div className="account-head">
        <h2 id={`${id}-name`} className="card-title">
          {a.name}
          {a.isDefault && <span className="badge">{t('defaultBadge')}</span>}
          {a.archived && <span className="badge">{t('archivedBadge')}</span>}
        </h2>
        <span className="account-meta">
          {[t(`kinds.${a.kind}`), a.institution, t(`methods.${a.costMethod}`)].filter(Boolean).join(' · ')}
        </span>
      </div>
      <ul className="account-figures" aria-label={a.name}>
        {cash.length === 0 && <li className="muted">{t('noCash')}</li>}
        {cash.map((c) => (
          <li key={c.currency}>{formatMoney(c.balance, c.currency, minorUnitOf(c.currency), locale)}</li>
        ))}
        {units.map((u) => (
          <li key={u.symbol}>
            {formatQuantity(u.quantity, locale)} {u.symbol}
          </li>
        ))}
      </ul>
      {editing ? (
        <EditAccount account={a} onDone={(name) => { setEditing(false); setDone(t('saved', { name })); }} />
      ) : (
        !a.archived && (
          <div className="actions">
            <button type="button" className="secondary" onClick={() => { setDone(null); setEditing(true); }}>
              {t('edit')}
            </button>
            {!a.isDefault && (
              <button type="button" className="ghost" onClick={() => void archive()}>
                {t('archive')}
              </button>
            )}
          </div>
        )
      )}
      <Alert>{error?.message}</Alert>
      <Status>{done}</Status>
    </section>
  );
}

function EditAccount({ account: a, onDone }: { account: Account; onDone(name: string): void }) {
  const { t } = useTranslation(['accounts', 'common']);
  const id = useId();
  const [name, setName] = useState(a.name);
  const [institution, setInstitution] = useState(a.institution ?? '');
  const [method, setMethod] = useState(a.costMethod);
  const [error, setError] = useState<UiError | null>(null);

  async function save(e: FormEvent) {
    e.preventDefault();
    if (!name.trim()) return setError({ code: 'INVALID_INPUT', message: t('accounts:nameRequired') });
    const r = await useAccounts.getState().update({ id: a.id, name: name.trim(), institution: institution.trim() || null, costMethod: method });
    if (r.ok) onDone(r.data.name);
    else setError(r.error);
  }

  return (
    <form className="stack" onSubmit={(e) => void save(e)} noValidate>
      <div className="form-grid">
        <div className="field">
          <label htmlFor={`${id}-name`}>{t('accounts:name')}</label>
          <input id={`${id}-name`} value={name} maxLength={80} onChange={(e) => setName(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-inst`}>{t('accounts:institution')}</label>
          <input id={`${id}-inst`} value={institution} maxLength={120} onChange={(e) => setInstitution(e.target.value)} />
        </div>
        <MethodField id={`${id}-method`} value={method} onChange={setMethod} />
      </div>
      <div className="actions">
        <button type="submit">{t('accounts:save')}</button>
        <button type="button" className="ghost" onClick={() => onDone(a.name)}>
          {t('common:cancel')}
        </button>
      </div>
      <Alert>{error?.message}</Alert>
    </form>
  );
}

function MethodField({ id, value, onChange }: { id: string; value: Account['costMethod']; onChange(m: Account['costMethod']): void }) {
  const { t } = useTranslation('accounts');
  return (
    <div className="field">
      <label htmlFor={id}>{t('costMethod')}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value as Account['costMethod'])} aria-describedby={`${id}-hint`}>
        {METHODS.map((m) => (
          <option key={m} value={m}>
            {t(`methods.${m}`)}
          </option>
        ))}
      </select>
      <p id={`${id}-hint`} className="hint">
        {t('costMethodHint')}
      </p>
    </div>
  );
}

function CreateAccount() {
  const { t } = useTranslation('accounts');
  const id = useId();
  const [name, setName] = useState('');
  const [kind, setKind] = useState<AccountKind>('brokerage');
  const [institution, setInstitution] = useState('');
  const [method, setMethod] = useState<Account['costMethod']>(() => useSettings.getState().settings.costMethod);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<UiError | null>(null);
  const [done, setDone] = useState<string | null>(null);

  async function create(e: FormEvent) {
    e.preventDefault();
    setDone(null);
    if (!name.trim()) return setError({ code: 'INVALID_INPUT', message: t('nameRequired') });
    setPending(true);
    const r = await useAccounts.getState().create({ name: name.trim(), kind, costMethod: method, ...(institution.trim() ? { institution: institution.trim() } : {}) });
    setPending(false);
    if (!r.ok) return setError(r.error);
    setError(null);
    setDone(t('created', { name: r.data.name }));
    setName('');
    setInstitution('');
  }

  return (
    <section className="card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="card-title">
        {t('create')}
      </h2>
      <form className="stack" onSubmit={(e) => void create(e)} noValidate aria-busy={pending}>
        <div className="field">
          <label htmlFor={`${id}-name`}>{t('name')}</label>
          <input id={`${id}-name`} value={name} maxLength={80} onChange={(e) => setName(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-kind`}>{t('kind')}</label>
          <select id={`${id}-kind`} value={kind} onChange={(e) => setKind(e.target.value as AccountKind)}>
            {KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`kinds.${k}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`${id}-inst`}>{t('institution')}</label>
          <input id={`${id}-inst`} value={institution} maxLength={120} onChange={(e) => setInstitution(e.target.value)} />
        </div>
        <MethodField id={`${id}-method`} value={method} onChange={setMethod} />
        <button type="submit" disabled={pending}>
          {pending ? t('creating') : t('create')}
        </button>
      </form>
      <Alert>{error?.message}</Alert>
      <Status>{done}</Status>
    </section>
  );
}
