import { memo, useCallback, useEffect, useRef, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { Cell, Pie, PieChart, ResponsiveContainer, Tooltip, type TooltipContentProps } from 'recharts';
import type { PortfolioSnapshot } from '../../../shared/contract/index.js';
import { formatMoney } from '../format/money.js';
import { formatPercent } from '../format/percent.js';
import { pieShape, slices, type Slice } from '../format/portfolio-chart.js';
import { t } from '../i18n/index.js';
import { minorUnitOf } from '../stores/currencies.js';
import { usePrivacyRedraw } from '../hooks/usePrivacyRedraw.js';
import { useTableRows } from '../hooks/useTableRows.js';
import { TableRows } from './TableRows.js';

type Rows = PortfolioSnapshot['allocation']['byHolding'];

const PALETTE = 8;
const KEYS = ['stock', 'crypto', 'cash', 'fx'] as const;

function label(key: string): string {
  return (KEYS as readonly string[]).includes(key) ? t(`portfolio:allocation.keys.${key as (typeof KEYS)[number]}`) : key;
}

/** The tip of a slice, with the figures of the latest snapshot (the pie is drawn again only when its shape changes). */
function SliceTip({ active, payload, latest, base, locale }: TooltipContentProps<number, string> & { latest: RefObject<Map<string, Slice>>; base: string; locale: string }) {
  const drawn = payload?.[0]?.payload as Slice | undefined;
  if (!active || !drawn) return null;
  const s = latest.current.get(drawn.key) ?? drawn;
  return (
    <div className="chart-tip">
      <p className="chart-tip-date">{label(s.key)}</p>
      <p className="chart-tip-rate">
        {formatMoney(s.value, base, minorUnitOf(base), locale)} · {formatPercent(s.weight, locale, 1)}
      </p>
    </div>
  );
}

interface PieProps {
  data: Slice[];
  /** pieShape(data): the pie is drawn again only when this changes (or the currency or locale does). */
  shape: string;
  latest: RefObject<Map<string, Slice>>;
  base: string;
  locale: string;
}

/**
 * The donut itself. recharts draws each slice with its own components (a 200-holding portfolio's donut is most of
 * what a new snapshot costs to draw), so it is drawn again only when its shape changes, not for every tick that moves
 * a weight by a fraction of a pixel; its tip reads the latest figures.
 */
const DonutPie = memo(
  function DonutPie({ data, latest, base, locale }: PieProps) {
    return (
      <div className="alloc-plot">
        <ResponsiveContainer width="100%" height={170}>
          <PieChart>
            <Pie data={data} dataKey="y" nameKey="key" innerRadius={46} outerRadius={76} paddingAngle={1} stroke="var(--surface)" isAnimationActive={false}>
              {data.map((s, i) => (
                <Cell key={s.key} fill={`var(--chart-${(i % PALETTE) + 1})`} />
              ))}
            </Pie>
            <Tooltip content={(p: TooltipContentProps<number, string>) => <SliceTip {...p} latest={latest} base={base} locale={locale} />} />
          </PieChart>
        </ResponsiveContainer>
      </div>
    );
  },
  (a, b) => a.shape === b.shape && a.base === b.base && a.locale === b.locale,
);

function Donut({ id, title, rows, base, locale }: { id: string; title: string; rows: Rows; base: string; locale: string }) {
  const data = slices(rows);
  const latest = useRef(new Map<string, Slice>());
  useEffect(() => {
    latest.current = new Map(data.map((s) => [s.key, s]));
  });
  const titleId = `alloc-${id}`;
  const mu = minorUnitOf(base);
  // By holding it has a row per holding: only those in view in its scroll box are drawn.
  const keyOf = useCallback((i: number) => rows[i]!.key, [rows]);
  const box = useRef<HTMLDivElement>(null);
  const shown = useTableRows({ box, count: rows.length, rowHeight: 28, keyOf });
  return (
    <figure className="alloc" aria-labelledby={titleId}>
      <figcaption id={titleId} className="alloc-title">
        {title}
      </figcaption>
      {data.length === 0 ? <p className="muted small alloc-empty">{t('portfolio:allocation.none')}</p> : <DonutPie data={data} shape={pieShape(data)} latest={latest} base={base} locale={locale} />}
      {rows.length > 0 && (
        <div ref={box} className="alloc-scroll" tabIndex={shown.scrollable ? 0 : undefined}>
          <table className="alloc-table" aria-rowcount={rows.length + 1}>
            <caption className="visually-hidden">{title}</caption>
            <thead className="visually-hidden">
              <tr aria-rowindex={1}>
                <th scope="col">{t('portfolio:allocation.part')}</th>
                <th scope="col">{t('portfolio:allocation.value', { base })}</th>
                <th scope="col">{t('portfolio:allocation.weight')}</th>
              </tr>
            </thead>
            <TableRows
              rows={shown}
              columns={3}
              row={(index) => {
                const r = rows[index]!;
                const i = data.findIndex((s) => s.key === r.key);
                return (
                  <tr ref={shown.measure} data-index={index} aria-rowindex={index + 2}>
                    <th scope="row">
                      <span className="swatch" style={i >= 0 ? { background: `var(--chart-${(i % PALETTE) + 1})` } : undefined} aria-hidden="true" />
                      {label(r.key)}
                    </th>
                    <td className="num">{formatMoney(r.value, base, mu, locale)}</td>
                    <td className="num weight">{formatPercent(r.weight, locale, 1)}</td>
                  </tr>
                );
              }}
            />
          </table>
        </div>
      )}
    </figure>
  );
}

/** Where the value sits: by asset class, by currency and by holding, each a donut with its exact table. */
export const AllocationCharts = memo(function AllocationCharts({ allocation, base, locale }: { allocation: PortfolioSnapshot['allocation']; base: string; locale: string }) {
  const { t } = useTranslation('portfolio');
  // Memoized like the value chart (ValueChart.tsx), and so following privacy mode itself.
  usePrivacyRedraw();
  return (
    <section className="card" aria-labelledby="allocation-title">
      <h2 id="allocation-title" className="card-title">
        {t('allocation.title')}
      </h2>
      <div className="alloc-grid">
        <Donut id="class" title={t('allocation.byClass')} rows={allocation.byAssetClass} base={base} locale={locale} />
        <Donut id="currency" title={t('allocation.byCurrency')} rows={allocation.byCurrency} base={base} locale={locale} />
        <Donut id="holding" title={t('allocation.byHolding')} rows={allocation.byHolding} base={base} locale={locale} />
      </div>
    </section>
  );
});
