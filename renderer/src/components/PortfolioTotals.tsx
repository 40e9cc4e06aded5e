import type { PortfolioSnapshot } from '../../../shared/contract/index.js';
import { pnlClass } from '../format/decimal.js';
import { formatMoney, formatSignedMoney } from '../format/money.js';
import { minorUnitOf } from '../stores/currencies.js';

/** The headline figures in the base currency: value, day change, unrealized and realized P&L. */
export function PortfolioTotals({ snapshot, locale }: { snapshot: PortfolioSnapshot; locale: string }) {
  const base = snapshot.baseCurrency;
  const mu = minorUnitOf(base);
  const money = (v: string) => formatMoney(v, base, mu, locale);
  const signed = (v: string) => formatSignedMoney(v, base, mu, locale);
  const t = snapshot.totals;
  return (
    <section className="card totals" aria-label="Totals">
      <dl className="stat-tiles">
        <div className="stat stat-main">
          <dt>Total value</dt>
          <dd className="stat-value">{money(t.value)}</dd>
          <dd className="stat-sub muted">
            {money(t.holdings)} in holdings · {money(t.cash)} cash
          </dd>
        </div>
        <div className="stat">
          <dt>Day change</dt>
          <dd className={`stat-value ${pnlClass(t.dayChange)}`}>{signed(t.dayChange)}</dd>
        </div>
        <div className="stat">
          <dt>Unrealized P&amp;L</dt>
          <dd className={`stat-value ${pnlClass(t.unrealizedPnl)}`}>{signed(t.unrealizedPnl)}</dd>
        </div>
        <div className="stat">
          <dt>Realized P&amp;L</dt>
          <dd className={`stat-value ${pnlClass(t.realizedPnl)}`}>{signed(t.realizedPnl)}</dd>
        </div>
      </dl>
      <p className="muted small totals-note">
        In {base}, {snapshot.method === 'fifo' ? 'cost by FIFO' : 'cost by average cost'} (change it in Settings).
      </p>
    </section>
  );
}
