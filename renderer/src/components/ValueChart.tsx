import { useTranslation } from 'react-i18next';
import { memo, useMemo, useState } from 'react';
import { Area, AreaChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis, type TooltipContentProps } from 'recharts';
import type { PortfolioSnapshot } from '../../../shared/contract/index.js';
import { isZeroDecimal } from '../format/decimal.js';
import { formatCompactMoney, formatMoney, formatSignedMoney } from '../format/money.js';
import { formatSignedPercent, percentClass } from '../format/percent.js';
import { axisTicks, RANGE_LONG, rangeStart, RETURN_RANGES, valuePoints, type ReturnRange, type ValuePoint } from '../format/portfolio-chart.js';
import { formatDay } from '../format/rates.js';
import { minorUnitOf } from '../stores/currencies.js';
import { usePrivacyRedraw } from '../hooks/usePrivacyRedraw.js';
import { ChartTable } from './ChartTable.js';

function ValueTip({ active, payload, base, locale }: TooltipContentProps<number, string> & { base: string; locale: string }) {
  const { t } = useTranslation('portfolio');
  const p = payload?.[0]?.payload as ValuePoint | undefined;
  if (!active || !p) return null;
  const mu = minorUnitOf(base);
  return (
    <div className="chart-tip">
      <p className="chart-tip-date">{formatDay(p.date, locale)}</p>
      <p className="chart-tip-rate">{formatMoney(p.value, base, mu, locale)}</p>
      {!isZeroDecimal(p.flow) && <p className="chart-tip-note">{t('chart.flow', { amount: formatSignedMoney(p.flow, base, mu, locale) })}</p>}
    </div>
  );
}

/**
 * The portfolio's daily value in the base currency, with the time-weighted return of each window (main computes it
 * daily-linked, so deposits and withdrawals do not count as performance).
 */
export const ValueChart = memo(function ValueChart({ series, returns, base, locale }: { series: PortfolioSnapshot['series']; returns: PortfolioSnapshot['returns']; base: string; locale: string }) {
  const { t } = useTranslation('portfolio');
  // Memoized on its own inputs (the store keeps unchanged parts of a new snapshot as they were), so it follows
  // privacy mode itself: the formatters read the switch, and this subscription draws the chart again when it flips.
  usePrivacyRedraw();
  const [range, setRange] = useState<ReturnRange>('Max');
  const start = rangeStart(range, returns);
  const points = useMemo(() => valuePoints(series, start), [series, start]);
  const ticks = useMemo(() => axisTicks(points), [points]);
  const r = returns[range];
  const first = points[0];
  const last = points[points.length - 1];

  return (
    <section className="card chart-card" aria-labelledby="value-title">
      <div className="chart-head">
        <h2 id="value-title" className="card-title">
          {t('chart.title')}
        </h2>
        <div className="range-buttons returns" role="group" aria-label={t('chart.period')}>
          {RETURN_RANGES.map((k) => {
            const twr = returns[k];
            return (
              <button
                key={k}
                type="button"
                className="range range-return"
                aria-pressed={range === k}
                title={t('chart.show', { range: RANGE_LONG[k] })}
                onClick={() => setRange(k)}
              >
                <span className="range-label">{t(`chart.labels.${k}`)}</span>{' '}
                <span className={`range-twr ${twr ? percentClass(twr.twr) : ''}`}>{twr ? formatSignedPercent(twr.twr, locale) : '—'}</span>
              </button>
            );
          })}
        </div>
      </div>
      {points.length === 0 && <p className="muted chart-empty">{t('chart.none')}</p>}
      {points.length > 0 && (
        <figure className="chart" aria-labelledby="value-summary">
          <figcaption id="value-summary" className="chart-summary">
            {r ? (
              <>
                {r.clamped
                  ? t('chart.twrSince', { date: formatDay(r.start, locale), start: formatDay(r.start, locale), end: formatDay(r.end, locale) })
                  : t('chart.twrOver', { range: RANGE_LONG[range], start: formatDay(r.start, locale), end: formatDay(r.end, locale) })}{' '}
                <strong className={percentClass(r.twr)}>{formatSignedPercent(r.twr, locale)}</strong>
              </>
            ) : (
              <>{t('chart.notEnough', { range: RANGE_LONG[range] })}</>
            )}
            {first && last && (
              <>
                {' '}
                · {t('chart.valueFromTo', { first: formatMoney(first.value, base, minorUnitOf(base), locale), last: formatMoney(last.value, base, minorUnitOf(base), locale) })}
              </>
            )}
          </figcaption>
          {points.length === 1 && <p className="muted chart-empty">{t('chart.oneDay')}</p>}
          {points.length > 1 && (
            <div className="chart-plot">
              <ResponsiveContainer width="100%" height={280}>
                <AreaChart data={points} margin={{ top: 8, right: 28, bottom: 0, left: 0 }}>
                  <defs>
                    <linearGradient id="value-fill" x1="0" y1="0" x2="0" y2="1">
                      <stop offset="0%" stopColor="var(--accent)" stopOpacity={0.28} />
                      <stop offset="100%" stopColor="var(--accent)" stopOpacity={0.02} />
                    </linearGradient>
                  </defs>
                  <CartesianGrid stroke="var(--border)" strokeDasharray="3 3" vertical={false} />
                  <XAxis
                    dataKey="date"
                    tickFormatter={(d: string) => formatDay(d, locale, 'short')}
                    stroke="var(--muted)"
                    tick={{ fill: 'var(--muted)', fontSize: 12 }}
                    ticks={ticks}
                    interval={0}
                    // The last day is labelled at the plot's right edge: the chart's right margin leaves its half.
                  />
                  <YAxis
                    domain={['auto', 'auto']}
                    stroke="var(--muted)"
                    tick={{ fill: 'var(--muted)', fontSize: 12 }}
                    width={72}
                    tickFormatter={(v: number) => formatCompactMoney(v, base, locale)}
                  />
                  <Tooltip content={(p: TooltipContentProps<number, string>) => <ValueTip {...p} base={base} locale={locale} />} />
                  <Area type="linear" dataKey="y" name={t('chart.series')} stroke="var(--accent)" strokeWidth={2} fill="url(#value-fill)" isAnimationActive={false} />
                </AreaChart>
              </ResponsiveContainer>
            </div>
          )}
          <ChartTable
            caption={t('chart.caption', { base })}
            columns={[{ label: t('chart.day') }, { label: t('chart.valueIn', { base }), num: true }, { label: t('chart.flowIn', { base }), num: true }]}
            rows={() =>
              series
                .filter((row) => start === null || row.date >= start)
                .map((row) => [
                  formatDay(row.date, locale),
                  formatMoney(row.value, base, minorUnitOf(base), locale),
                  isZeroDecimal(row.flow) ? '' : formatSignedMoney(row.flow, base, minorUnitOf(base), locale),
                ])
            }
          />
        </figure>
      )}
    </section>
  );
});
