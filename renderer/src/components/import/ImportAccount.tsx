import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useAccounts } from '../../stores/accounts.js';
import { isBusy, useImport } from '../../stores/import.js';

/**
 * The account an import's rows go to when they name none (a broker's file; a Bourse file from before accounts): the
 * profile's open accounts, the default one first chosen. A Bourse export's rows go to the accounts they name.
 */
export function ImportAccount({ id }: { id: string }) {
  const { t } = useTranslation('imports');
  const { accounts, load } = useAccounts();
  const { accountId, setAccount, step } = useImport();
  // Read again for each file: an account made since (elsewhere, or by the last import) is offered.
  useEffect(() => {
    void load();
  }, [load]);
  const open = accounts.filter((a) => !a.archived);
  const chosen = accountId ?? open.find((a) => a.isDefault)?.id ?? '';
  return (
    <div className="field import-account">
      <label htmlFor={`${id}-account`}>{t('account')}</label>
      <select id={`${id}-account`} value={chosen} disabled={isBusy(step)} onChange={(e) => setAccount(open.find((a) => a.id === e.target.value)?.isDefault ? null : e.target.value)} aria-describedby={`${id}-account-hint`}>
        {open.map((a) => (
          <option key={a.id} value={a.id}>
            {a.name}
          </option>
        ))}
      </select>
      <small id={`${id}-account-hint`} className="muted">
        {t('accountHint')}
      </small>
    </div>
  );
}
