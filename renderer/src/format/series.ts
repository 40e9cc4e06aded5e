/**
 * Chart data from `fx:series` points. The y value is a float for drawing only (never for money); the tooltip and the
 * summary show the published decimal string. Long ranges are thinned to at most `max` points, keeping the last one.
 */
export interface ChartPoint {
  date: string;
  y: number;
  rate: string;
  publishedDate: string;
  filled: boolean;
  source: string;
}

export function toChartPoints(
  points: readonly { date: string; rate: string; publishedDate: string; filled: boolean; source: string }[],
  max = 800,
): ChartPoint[] {
  const step = Math.max(1, Math.ceil(points.length / max));
  const out: ChartPoint[] = [];
  for (let i = 0; i < points.length; i += step) out.push(toPoint(points[i]!));
  const last = points[points.length - 1];
  if (last && out[out.length - 1]?.date !== last.date) out.push(toPoint(last));
  return out;
}

function toPoint(p: { date: string; rate: string; publishedDate: string; filled: boolean; source: string }): ChartPoint {
  return { ...p, y: Number(p.rate) };
}

/** Lowest and highest published rate in the series (as strings, compared as numbers only to pick them). */
export function extremes(points: readonly ChartPoint[]): { low: ChartPoint; high: ChartPoint } | null {
  if (points.length === 0) return null;
  let low = points[0]!;
  let high = points[0]!;
  for (const p of points) {
    if (p.y < low.y) low = p;
    if (p.y > high.y) high = p;
  }
  return { low, high };
}
