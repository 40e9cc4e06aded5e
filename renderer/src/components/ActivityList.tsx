import { useTranslation } from 'react-i18next';
import { isCorporateAction, type ActivityView } from '../../../shared/contract/index.js';
import { privacyText } from '../format/privacy.js';
import { ACTIVITY_LABEL, activityDetail, SOURCE_LABEL } from '../format/activities.js';
import { formatSignedMoney } from '../format/money.js';
import { formatDay } from '../format/rates.js';
import { minorUnitOf } from '../stores/currencies.js';

/** The latest activities, newest first: trades from orders, wallet moves and what was recorded by hand. */
export function ActivityList({ activities, locale }: { activities: ActivityView[]; locale: string }) {
  const { t } = useTranslation('activity');
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
          {activities.map((a) => (
            <tr key={a.id}>
              <td className="date">{formatDay(a.date.slice(0, 10), locale)}</td>
              <td>
                <span className={`kind kind-${a.type}`}>{ACTIVITY_LABEL[a.type]}</span>
              </td>
              <td>{activityDetail(a, locale, minorUnitOf)}</td>
              {isCorporateAction(a.type) ? (
                // A corporate action moves units, never cash: no "$0.00" that reads like a payment.
                <td className="num muted">—</td>
              ) : (
                <td className={`num amount ${a.amount.startsWith('-') ? 'withdrawal' : 'deposit'}`}>
                  {formatSignedMoney(a.amount, a.currency, minorUnitOf(a.currency), locale)}
                </td>
              )}
              <td className="muted">{SOURCE_LABEL[a.source]}</td>
              <td className="note">{a.note !== null ? privacyText(a.note) : <span className="muted">—</span>}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
