import type { ActivityView } from '../../../shared/contract/index.js';
import { privacyText } from '../format/privacy.js';
import { ACTIVITY_LABEL, activityDetail, SOURCE_LABEL } from '../format/activities.js';
import { formatSignedMoney } from '../format/money.js';
import { formatDay } from '../format/rates.js';
import { minorUnitOf } from '../stores/currencies.js';

/** The latest activities, newest first: trades from orders, wallet moves and what was recorded by hand. */
export function ActivityList({ activities, locale }: { activities: ActivityView[]; locale: string }) {
  return (
    <div className="table-scroll">
      <table className="grid activities">
        <caption className="visually-hidden">Recently added activities</caption>
        <thead>
          <tr>
            <th scope="col">Date</th>
            <th scope="col">Type</th>
            <th scope="col">Details</th>
            <th scope="col" className="num">
              Cash
            </th>
            <th scope="col">Source</th>
            <th scope="col">Note</th>
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
              <td className={`num amount ${a.amount.startsWith('-') ? 'withdrawal' : 'deposit'}`}>
                {formatSignedMoney(a.amount, a.currency, minorUnitOf(a.currency), locale)}
              </td>
              <td className="muted">{SOURCE_LABEL[a.source]}</td>
              <td className="note">{a.note !== null ? privacyText(a.note) : <span className="muted">—</span>}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
