import { Cell, Pie, PieChart, ResponsiveContainer, Tooltip, type TooltipContentProps } from 'recharts';
import type { PortfolioSnapshot } from '../../../shared/contract/index.js';
import { formatMoney } from '../format/money.js';
import { formatPercent } from '../format/percent.js';
import { slices, type Slice } from '../format/portfolio-chart.js';
import { minorUnitOf } from '../stores/currencies.js';

type Rows = PortfolioSnapshot['allocation']['byHolding'];

const PALETTE = 8;
const KEY_LABEL: Record<string, string> = { stock: 'Stocks', crypto: 'Crypto', cash: 'Cash', fx: 'FX' };

function label(key: string): string {
  return KEY_LABEL[key] ?? key;
}

function SliceTip({ active, payload, base, locale }: TooltipContentProps<number, string> & { base: string; locale: string }) {
  const s = payload?.[0]?.payload as Slice | undefined;
  if (!active || !s) return null;
  return (
    <div className="chart-tip">
      <p className="chart-tip-date">{label(s.key)}</p>
      <p className="chart-tip-rate">
        {formatMoney(s.value, base, minorUnitOf(base), locale)} · {formatPercent(s.weight, locale, 1)}
      </p>
    </div>
  );
}

function Donut({ title, rows, base, locale }: { title: string; rows: Rows; base: string; locale: string }) {
  const data = slices(rows);
  const titleId = `alloc-${title.replace(/\W+/g, '-').toLowerCase()}`;
  return (
    <figure className="alloc" aria-labelledby={titleId}>
      <figcaption id={titleId} className="alloc-title">
        {title}
      </figcaption>
      {data.length === 0 ? (
        <p className="muted small alloc-empty">Nothing to allocate yet.</p>
      ) : (
        <div className="alloc-plot">
          <ResponsiveContainer width="100%" height={170}>
            <PieChart>
              <Pie data={data} dataKey="y" nameKey="key" innerRadius={46} outerRadius={76} paddingAngle={1} stroke="var(--surface)" isAnimationActive={false}>
                {data.map((s, i) => (
                  <Cell key={s.key} fill={`var(--chart-${(i % PALETTE) + 1})`} />
                ))}
              </Pie>
              <Tooltip content={(p: TooltipContentProps<number, string>) => <SliceTip {...p} base={base} locale={locale} />} />
            </PieChart>
          </ResponsiveContainer>
        </div>
      )}
      {rows.length > 0 && (
        <table className="alloc-table">
          <caption className="visually-hidden">{title}</caption>
          <thead className="visually-hidden">
            <tr>
              <th scope="col">Part</th>
              <th scope="col">Value ({base})</th>
              <th scope="col">Weight</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => {
              const i = data.findIndex((s) => s.key === r.key);
              return (
                <tr key={r.key}>
                  <th scope="row">
                    <span className="swatch" style={i >= 0 ? { background: `var(--chart-${(i % PALETTE) + 1})` } : undefined} aria-hidden="true" />
                    {label(r.key)}
                  </th>
                  <td className="num">{formatMoney(r.value, base, minorUnitOf(base), locale)}</td>
                  <td className="num weight">{formatPercent(r.weight, locale, 1)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </figure>
  );
}

/** Where the value sits: by asset class, by currency and by holding, each a donut with its exact table. */
export function AllocationCharts({ allocation, base, locale }: { allocation: PortfolioSnapshot['allocation']; base: string; locale: string }) {
  return (
    <section className="card" aria-labelledby="allocation-title">
      <h2 id="allocation-title" className="card-title">
        Allocation
      </h2>
      <div className="alloc-grid">
        <Donut title="By asset class" rows={allocation.byAssetClass} base={base} locale={locale} />
        <Donut title="By currency" rows={allocation.byCurrency} base={base} locale={locale} />
        <Donut title="By holding" rows={allocation.byHolding} base={base} locale={locale} />
      </div>
    </section>
  );
}
