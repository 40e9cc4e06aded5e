import { useTranslation } from 'react-i18next';
import type { Wallet } from '../../../shared/contract/index.js';
import { privacyText } from '../format/privacy.js';
import { formatDateTime } from '../format/date.js';
import { isZeroDecimal } from '../format/decimal.js';
import { LEDGER_KIND_LABEL } from '../format/ledger.js';
import { formatMoney, formatSignedMoney } from '../format/money.js';

export function WalletCard({ wallet, locale }: { wallet: Wallet; locale: string }) {
  const { t } = useTranslation('wallets');
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
          <dt className="balance-label">{t('balance')}</dt>
          <dd className="balance-value">{money(wallet.balance)}</dd>
        </dl>
        {!isZeroDecimal(wallet.reserved) && (
          <dl className="balance-split">
            <div>
              <dt>{t('reserved')}</dt>
              <dd>{money(wallet.reserved)}</dd>
            </div>
            <div>
              <dt>{t('available')}</dt>
              <dd>{money(wallet.available)}</dd>
            </div>
          </dl>
        )}
      </div>
      {wallet.latest.length === 0 ? (
        <p className="muted empty-entries">{t('noEntries')}</p>
      ) : (
        <div className="table-scroll" tabIndex={0}>
          <table className="entries">
            <caption className="visually-hidden">{t('latest', { currency: wallet.currency })}</caption>
            <colgroup>
              <col className="c-date" />
              <col className="c-kind" />
              <col className="c-amount" />
              <col className="c-after" />
              <col className="c-note" />
            </colgroup>
            <thead>
              <tr>
                <th scope="col">{t('date')}</th>
                <th scope="col">{t('type')}</th>
                <th scope="col" className="num">
                  {t('amount')}
                </th>
                <th scope="col" className="num">
                  {t('balanceAfter')}
                </th>
                <th scope="col" className="note">
                  {t('note')}
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
