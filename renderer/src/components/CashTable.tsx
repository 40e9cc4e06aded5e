import { HealthLink } from './HealthLink.js';
import type { CashView } from '../../../shared/contract/index.js';
import { isZeroDecimal } from '../format/decimal.js';
import { formatMoney } from '../format/money.js';
import { minorUnitOf } from '../stores/currencies.js';

/** Cash per currency: balance, what open buys hold, what is available, and its value in the base currency. */
export function CashTable({ cash, base, locale }: { cash: CashView[]; base: string; locale: string }) {
  const bmu = minorUnitOf(base);
  return (
    <div className="table-scroll">
      <table className="grid cash">
        <caption className="visually-hidden">Cash per currency</caption>
        <thead>
          <tr>
            <th scope="col">Currency</th>
            <th scope="col" className="num">
              Balance
            </th>
            <th scope="col" className="num">
              Reserved
            </th>
            <th scope="col" className="num">
              Available
            </th>
            <th scope="col" className="num">
              Value ({base})
            </th>
          </tr>
        </thead>
        <tbody>
          {cash.map((c) => {
            const mu = minorUnitOf(c.currency);
            const money = (v: string) => formatMoney(v, c.currency, mu, locale);
            return (
              <tr key={c.currency}>
                <th scope="row">{c.currency}</th>
                <td className="num">{money(c.balance)}</td>
                <td className="num">{isZeroDecimal(c.reserved) ? <span className="muted">—</span> : money(c.reserved)}</td>
                <td className="num">{money(c.available)}</td>
                <td className="num">{c.valueBase === null ? <HealthLink target={`${c.currency}-${base}`}>no rate</HealthLink> : formatMoney(c.valueBase, base, bmu, locale)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
