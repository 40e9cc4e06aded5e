import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useAccounts } from '../stores/accounts.js';

/**
 * The account a form's money goes to or comes from: a select of the open accounts, the default one first chosen.
 * Nothing is shown while the profile has a single account (then every request goes to it without naming it).
 */
export function AccountSelect({ id, value, onChange, label }: { id: string; value: string | null; onChange(id: string): void; label?: string }) {
  const { t } = useTranslation('accounts');
  const accounts = useAccounts((s) => s.accounts);
  useEffect(() => {
    if (!useAccounts.getState().loaded) void useAccounts.getState().load();
  }, []);
  const open = accounts.filter((a) => !a.archived);
  if (open.length < 2) return null;
  const chosen = value ?? open.find((a) => a.isDefault)?.id ?? open[0]!.id;
  return (
    <div className="field">
      <label htmlFor={id}>{label ?? t('account')}</label>
      <select id={id} value={chosen} onChange={(e) => onChange(e.target.value)}>
        {open.map((a) => (
          <option key={a.id} value={a.id}>
            {a.name}
          </option>
        ))}
      </select>
    </div>
  );
}
