import type { Wallet } from '../../../shared/contract/index.js';
import { privacyText } from '../format/privacy.js';
import { formatDateTime } from '../format/date.js';
import { isZeroDecimal } from '../format/decimal.js';
import { LEDGER_KIND_LABEL } from '../format/ledger.js';
import { formatMoney, formatSignedMoney } from '../format/money.js';

export function WalletCard({ wallet, locale }: { wallet: Wallet; locale: string }) {
  const titleId = `wallet-${wallet.currency}`;
  const money = (v: string) => formatMoney(v, wallet.currency, wallet.minorUnit, locale);
  return (
    <section className="card wallet" aria-labelledby={titleId}>
      <div className="wallet-head">
        <h2 id={titleId} className="wallet-title">
          <span className="code">{wallet.currency}</span> <span className="name">{wallet.name}</span>
        </h2>
      </div>
      <div className="balance-row">
        <dl className="balance">
          <dt className="balance-label">Balance</dt>
          <dd className="balance-value">{money(wallet.balance)}</dd>
        </dl>
        {!isZeroDecimal(wallet.reserved) && (
          <dl className="balance-split">
            <div>
              <dt>Reserved by open orders</dt>
              <dd>{money(wallet.reserved)}</dd>
            </div>
            <div>
              <dt>Available</dt>
              <dd>{money(wallet.available)}</dd>
            </div>
          </dl>
        )}
      </div>
      {wallet.latest.length === 0 ? (
        <p className="muted empty-entries">No entries yet. Deposit to start this wallet.</p>
      ) : (
        <div className="table-scroll">
          <table className="entries">
            <caption className="visually-hidden">Latest {wallet.currency} entries</caption>
            <colgroup>
              <col className="c-date" />
              <col className="c-kind" />
              <col className="c-amount" />
              <col className="c-after" />
              <col className="c-note" />
            </colgroup>
            <thead>
              <tr>
                <th scope="col">Date</th>
                <th scope="col">Type</th>
                <th scope="col" className="num">
                  Amount
                </th>
                <th scope="col" className="num">
                  Balance after
                </th>
                <th scope="col" className="note">
                  Note
                </th>
              </tr>
            </thead>
            <tbody>
              {wallet.latest.map((e) => (
                <tr key={e.id}>
                  <td className="date">{formatDateTime(e.createdAt, locale)}</td>
                  <td>
                    <span className={`kind kind-${e.kind}`}>{LEDGER_KIND_LABEL[e.kind]}</span>
                  </td>
                  <td className={`num amount ${e.amount.startsWith('-') ? 'withdrawal' : 'deposit'}`}>
                    {formatSignedMoney(e.amount, wallet.currency, wallet.minorUnit, locale)}
                  </td>
                  <td className="num">{money(e.balanceAfter)}</td>
                  <td className="note">{e.note !== null ? privacyText(e.note) : <span className="muted">—</span>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
