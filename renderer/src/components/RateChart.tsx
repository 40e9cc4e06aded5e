import { useTranslation } from 'react-i18next';
import { useEffect, useId, useMemo, useState } from 'react';
import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis, type TooltipContentProps } from 'recharts';
import { emptySeriesText } from '../format/fx-errors.js';
import { formatDay, formatRate } from '../format/rates.js';
import { extremes, toChartPoints, type ChartPoint } from '../format/series.js';
import { useFx, type SeriesRange } from '../stores/fx.js';
import { errorText } from '../format/errors.js';
import { Alert } from './Alert.js';
import { ChartTable } from './ChartTable.js';

const RANGES: SeriesRange[] = ['1M', '3M', '1Y', '5Y', 'MAX'];

function RateTooltip({ active, payload, from, to, locale }: TooltipContentProps<number, string> & { from: string; to: string; locale: string }) {
  const { t } = useTranslation('convert');
  const p = payload?.[0]?.payload as ChartPoint | undefined;
  if (!active || !p) return null;
  return (
    <div className="chart-tip">
      <p className="chart-tip-date">{formatDay(p.date, locale)}</p>
      <p className="chart-tip-rate">
        1 {from} = {formatRate(p.rate, locale)} {to}
      </p>
      {p.filled && <p className="chart-tip-note">{t('chart.carriedFrom', { date: formatDay(p.publishedDate, locale) })}</p>}
    </div>
  );
}

/** The pair's daily history (fx:series) for 1M … Max, weekends and holidays carried forward by main. */
export function RateChart({ from, to, locale }: { from: string; to: string; locale: string }) {
  const { t } = useTranslation('convert');
  const id = useId();
  const [range, setRange] = useState<SeriesRange>('1Y');
  const series = useFx((s) => s.series);
  const error = useFx((s) => s.seriesError);
  const loading = useFx((s) => s.seriesLoading);

  useEffect(() => {
    void useFx.getState().loadSeries(from, to, range);
  }, [from, to, range]);
  useEffect(() => () => useFx.getState().resetSeries(), []);

  const points = useMemo(() => toChartPoints(series?.points ?? []), [series]);
  const ext = extremes(points);
  const first = points[0];
  const last = points[points.length - 1];
  const stale = series && (series.from !== from || series.to !== to);

  return (
    <section className="card chart-card" aria-labelledby={`${id}-title`}>
      <div className="chart-head">
        <h2 id={`${id}-title`} className="card-title">
          {t('chart.title', { from, to })}
        </h2>
        <div className="range-buttons" role="group" aria-label={t('chart.range')}>
          {RANGES.map((r) => (
            <button
              key={r}
              type="button"
              className="range"
              aria-pressed={range === r}
              title={t('chart.show', { range: t(`chart.ranges.${r}`) })}
              onClick={() => setRange(r)}
            >
              {r === 'MAX' ? t('chart.max') : r}
            </button>
          ))}
        </div>
      </div>
      <Alert>{error && errorText(error)}</Alert>
      {!error && points.length === 0 && !loading && <p className="muted chart-empty">{emptySeriesText(from, to, t(`chart.ranges.${range}`))}</p>}
      {points.length > 0 && first && last && ext && (
        <figure className="chart" aria-labelledby={`${id}-summary`} aria-busy={loading || stale ? true : undefined}>
          <figcaption id={`${id}-summary`} className="chart-summary">
            {t('chart.summary', {
              first: formatDay(first.date, locale),
              last: formatDay(last.date, locale),
              lastRate: formatRate(last.rate, locale),
              low: formatRate(ext.low.rate, locale),
              lowDate: formatDay(ext.low.date, locale),
              high: formatRate(ext.high.rate, locale),
              highDate: formatDay(ext.high.date, locale),
            })}
          </figcaption>
          <div className="chart-plot">
            <ResponsiveContainer width="100%" height={280}>
              <LineChart data={points} margin={{ top: 8, right: 12, bottom: 0, left: 0 }}>
                <CartesianGrid stroke="var(--border)" strokeDasharray="3 3" vertical={false} />
                <XAxis
                  dataKey="date"
                  tickFormatter={(d: string) => formatDay(d, locale, 'short')}
                  stroke="var(--muted)"
                  tick={{ fill: 'var(--muted)', fontSize: 12 }}
                  minTickGap={48}
                />
                <YAxis
                  domain={['auto', 'auto']}
                  stroke="var(--muted)"
                  tick={{ fill: 'var(--muted)', fontSize: 12 }}
                  width={64}
                  tickFormatter={(v: number) => new Intl.NumberFormat(locale, { maximumSignificantDigits: 5 }).format(v)}
                />
                <Tooltip
                  content={(props: TooltipContentProps<number, string>) => <RateTooltip {...props} from={from} to={to} locale={locale} />}
                />
                <Line type="linear" dataKey="y" name={`${from}→${to}`} stroke="var(--accent)" strokeWidth={2} dot={false} isAnimationActive={false} />
              </LineChart>
            </ResponsiveContainer>
          </div>
          <ChartTable
            caption={t('chart.caption', { from, to })}
            columns={[{ label: t('chart.day') }, { label: t('chart.rateOf', { from, to }), num: true }, { label: t('chart.note') }]}
            rows={() =>
              (series?.points ?? []).map((p) => [
                formatDay(p.date, locale),
                formatRate(p.rate, locale),
                p.filled ? t('chart.carriedFrom', { date: formatDay(p.publishedDate, locale) }) : '',
              ])
            }
          />
        </figure>
      )}
    </section>
  );
}
