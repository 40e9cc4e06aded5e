import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useAccounts } from '../stores/accounts.js';

interface Props {
  /** The accounts chosen: empty for all. */
  value: readonly string[];
  onChange(ids: string[]): void;
}

/**
 * One, several or all accounts, as toggle buttons: "All accounts" clears the choice; an account toggles in or out.
 * Shown only when the profile has more than one open account (with one, "all" is that one).
 */
export function AccountPicker({ value, onChange }: Props) {
  const { t } = useTranslation('accounts');
  const { accounts, loaded } = useAccounts();
  useEffect(() => {
    if (!useAccounts.getState().loaded) void useAccounts.getState().load();
  }, []);
  const open = accounts.filter((a) => !a.archived);
  if (!loaded || open.length < 2) return null;
  const toggle = (id: string) => onChange(value.includes(id) ? value.filter((x) => x !== id) : [...value, id]);
  return (
    <fieldset className="account-picker">
      <legend>{t('picker.label')}</legend>
      <button type="button" className="chip" aria-pressed={value.length === 0} onClick={() => onChange([])}>
        {t('picker.all')}
      </button>
      {open.map((a) => (
        <button key={a.id} type="button" className="chip" aria-pressed={value.includes(a.id)} onClick={() => toggle(a.id)}>
          {a.name}
        </button>
      ))}
    </fieldset>
  );
}
