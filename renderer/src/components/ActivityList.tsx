import { useTranslation } from 'react-i18next';
import { isCorporateAction, type ActivityView } from '../../../shared/contract/index.js';
import { privacyText } from '../format/privacy.js';
import { activityDetail, activityKindClass, activityLabel, activityNote, isTransfer, SOURCE_LABEL } from '../format/activities.js';
import { formatSignedMoney } from '../format/money.js';
import { formatDay } from '../format/rates.js';
import { useAccounts } from '../stores/accounts.js';
import { useCorporate } from '../stores/corporate.js';
import { minorUnitOf } from '../stores/currencies.js';
import { sourceName, useProviders } from '../stores/providers.js';

/** The latest activities, newest first: trades from orders, wallet moves and what was recorded by hand. */
export function ActivityList({ activities, locale }: { activities: ActivityView[]; locale: string }) {
  const { t } = useTranslation('activity');
  const accounts = useAccounts((s) => s.accounts);
  const confirmedBy = useCorporate((s) => s.confirmedBy);
  const providers = useProviders((s) => s.view);
  const accountName = (id: string) => accounts.find((a) => a.id === id)?.name ?? id;
  return (
    <div className="table-scroll" tabIndex={0}>
      <table className="grid activities">
        <caption className="visually-hidden">{t('list.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('list.date')}</th>
            <th scope="col">{t('list.type')}</th>
            <th scope="col">{t('list.details')}</th>
            <th scope="col" className="num">
              {t('list.cash')}
            </th>
            <th scope="col">{t('list.source')}</th>
            <th scope="col">{t('list.note')}</th>
          </tr>
        </thead>
        <tbody>
          {activities.map((a) => {
            const provider = confirmedBy[a.id];
            const note = activityNote(a, provider ? sourceName(provider, providers) : null);
            return (
              <tr key={a.id}>
                <td className="date">{formatDay(a.date.slice(0, 10), locale)}</td>
                <td>
                  <span className={`kind ${activityKindClass(a)}`}>{activityLabel(a)}</span>
                </td>
                <td>{activityDetail(a, locale, minorUnitOf, accountName)}</td>
                {isCorporateAction(a.type) || a.type === 'transfer-out' || a.type === 'transfer-in' ? (
                  // Units moved, no cash: no "$0.00" that reads like a payment (the details say what moved).
                  <td className="num muted">—</td>
                ) : isTransfer(a) ? (
                  // Cash between two accounts of the profile: neither earned nor spent, so neither green nor red.
                  <td className="num amount transfer">{formatSignedMoney(a.amount, a.currency, minorUnitOf(a.currency), locale)}</td>
                ) : (
                  <td className={`num amount ${a.amount.startsWith('-') ? 'withdrawal' : 'deposit'}`}>
                    {formatSignedMoney(a.amount, a.currency, minorUnitOf(a.currency), locale)}
                  </td>
                )}
                <td className="muted">{SOURCE_LABEL[a.source]}</td>
                <td className="note">{note !== null ? privacyText(note) : <span className="muted">—</span>}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
