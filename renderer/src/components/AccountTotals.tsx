import { useTranslation } from 'react-i18next';
import { formatMoney } from '../format/money.js';
import { formatQuantity } from '../format/quantity.js';
import { useAccounts } from '../stores/accounts.js';
import { minorUnitOf } from '../stores/currencies.js';

/**
 * What each shown account holds (its cash per currency and its units), side by side, when the profile has more than
 * one account: the per-account view of the figures above.
 */
export function AccountTotals({ shown, locale }: { shown: readonly string[]; locale: string }) {
  const { t } = useTranslation('accounts');
  const { accounts, balances } = useAccounts();
  const open = accounts.filter((a) => !a.archived && (shown.length === 0 || shown.includes(a.id)));
  if (accounts.filter((a) => !a.archived).length < 2) return null;
  return (
    <section className="card by-account" aria-labelledby="by-account-title">
      <h2 id="by-account-title" className="card-title">
        {t('byAccount')}
      </h2>
      <div className="table-scroll">
        <table className="grid">
          <caption className="visually-hidden">{t('byAccount')}</caption>
          <tbody>
            {open.map((a) => {
              const b = balances.find((x) => x.accountId === a.id);
              const cash = (b?.cash ?? []).map((c) => formatMoney(c.balance, c.currency, minorUnitOf(c.currency), locale));
              const units = (b?.units ?? []).map((u) => `${formatQuantity(u.quantity, locale)} ${u.symbol}`);
              return (
                <tr key={a.id}>
                  <th scope="row">{a.name}</th>
                  <td>{cash.length ? cash.join(' · ') : <span className="muted">{t('noCash')}</span>}</td>
                  <td>{units.join(' · ')}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}
