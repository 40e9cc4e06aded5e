/**
 * Chart data from the portfolio snapshot. The y values are floats for drawing only; labels, tooltips and tables
 * show the exact decimal strings that came with them.
 */
import type { PortfolioSnapshot } from '../../../shared/contract/index.js';
import { labelTable } from '../i18n/index.js';

export type ReturnRange = keyof PortfolioSnapshot['returns'];
export const RETURN_RANGES: readonly ReturnRange[] = ['1M', '3M', 'YTD', '1Y', 'Max'];

/** "the last month" … in the interface language. */
export const RANGE_LONG: Record<ReturnRange, string> = labelTable(RETURN_RANGES, (r) => `portfolio:chart.ranges.${r}`);

export type ValuePoint = {
  date: string;
  y: number;
  value: string;
  flow: string;
};

type SeriesRow = PortfolioSnapshot['series'][number];

/**
 * The daily values from `start` (inclusive; all when null), thinned to at most `max` points. The first and the last
 * day are always kept so the chart spans exactly the window its return is computed over.
 */
export function valuePoints(series: readonly SeriesRow[], start: string | null, max = 600): ValuePoint[] {
  const rows = start === null ? series : series.filter((r) => r.date >= start);
  if (rows.length === 0) return [];
  const step = Math.max(1, Math.ceil(rows.length / max));
  const out: ValuePoint[] = [];
  for (let i = 0; i < rows.length; i += step) out.push(point(rows[i]!));
  const last = rows[rows.length - 1]!;
  if (out[out.length - 1]!.date !== last.date) out.push(point(last));
  return out;
}

function point(r: SeriesRow): ValuePoint {
  return { date: r.date, y: Number(r.value), value: r.value, flow: r.flow };
}

/** Where a range's chart starts: the window its return covers, else (no return yet) the whole series. */
export function rangeStart(range: ReturnRange, returns: PortfolioSnapshot['returns']): string | null {
  return returns[range]?.start ?? null;
}

export type Slice = {
  key: string;
  y: number;
  value: string;
  weight: string;
};

/** Allocation rows to pie slices; zero and negative slices cannot be drawn and are left to the table. */
export function slices(rows: PortfolioSnapshot['allocation']['byHolding']): Slice[] {
  return rows.map((r) => ({ key: r.key, y: Number(r.value), value: r.value, weight: r.weight })).filter((s) => s.y > 0);
}

/**
 * What a donut of `slices` looks like, as text: each slice's key and its share of the whole in thousandths (0.36° of
 * the circle, under a pixel of a 76 px radius). Two sets of slices with the same shape draw the same donut, so a tick
 * that moves a weight by less than that does not draw it again.
 */
export function pieShape(slices: readonly Slice[]): string {
  const total = slices.reduce((n, s) => n + s.y, 0);
  return slices.map((s) => `${s.key}:${total > 0 ? Math.round((s.y / total) * 1000) : 0}`).join('|');
}

/**
 * The dates the value chart labels: at most `count`, evenly spaced over the points, first and last included. Given to
 * the axis with `interval={0}`, so the chart measures no label text to choose them (recharts measures every candidate
 * in the DOM otherwise, a forced layout each).
 */
export function axisTicks(points: readonly { date: string }[], count = 6): string[] {
  if (points.length <= count) return points.map((p) => p.date);
  const out: string[] = [];
  for (let i = 0; i < count; i++) out.push(points[Math.round((i * (points.length - 1)) / (count - 1))]!.date);
  return out;
}
