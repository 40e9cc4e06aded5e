import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import type { Activity } from '../shared/portfolio/activity.js';
import { applyActivity, computeSnapshot } from '../shared/portfolio/performance.js';
import { buildPriceTable } from '../shared/portfolio/price-table.js';
import { valuePortfolio } from '../shared/portfolio/valuation.js';
import { BENCH_CURRENCIES as CURRENCIES, BENCH_LAST as LAST, generateForBench } from '../test/support/portfolio-bench-data.js';

/**
 * The portfolio snapshot (holdings, realized P&L, daily value series over 10 years, TWR) from 100,000
 * activities over 200 instruments in 5 currencies, all pure (no database): the full computation against a cached
 * price table, the cold build of that table from decimal strings, and the incremental update after one new trade
 * (today's, and one back-dated a year). Targets: full < 300 ms, update < 10 ms. Figures only, never pass/fail.
 *
 *   node --import tsx bench/portfolio.ts [--activities=N]
 */
const ms = (t0: number) => Number((performance.now() - t0).toFixed(2));
const cpuMs = (c: NodeJS.CpuUsage) => {
  const u = process.cpuUsage(c);
  return Number(((u.user + u.system) / 1000).toFixed(1));
};
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export async function benchPortfolio(opts: { activities?: number } = {}) {
  const count = opts.activities ?? 100_000;
  const t0 = performance.now();
  const data = generateForBench(count);
  const generateMs = ms(t0);

  const tTable = performance.now();
  const table = buildPriceTable({ baseCurrency: 'USD', prices: data.prices, fx: data.fx });
  const tableBuildMs = ms(tTable);

  const input = { activities: data.acts, method: 'fifo' as const, table, to: LAST };
  const runs: number[] = [];
  const cpuRuns: number[] = [];
  let state;
  for (let i = 0; i < 7; i++) {
    const c = process.cpuUsage();
    const t = performance.now();
    const r = computeSnapshot(input);
    runs.push(ms(t));
    cpuRuns.push(cpuMs(c));
    if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
    state = r.data.state;
  }
  const avgRuns: number[] = [];
  const avgCpu: number[] = [];
  for (let i = 0; i < 5; i++) {
    const c = process.cpuUsage();
    const t = performance.now();
    const r = computeSnapshot({ ...input, method: 'average' });
    avgRuns.push(ms(t));
    avgCpu.push(cpuMs(c));
    if (!r.ok) throw new Error(r.error.message);
  }
  if (!state) throw new Error('no snapshot');

  const trade = (n: number, date: string): Activity => ({ id: `new-${n}`, date, type: 'buy', symbol: 'S7', quantity: '3', price: '101.5', fee: '1.25', currency: 'GBP' });
  const append: number[] = [];
  const backdated: number[] = [];
  const appendCpu: number[] = [];
  const backdatedCpu: number[] = [];
  for (let i = 0; i < 20; i++) {
    let c = process.cpuUsage();
    let t = performance.now();
    const r1 = applyActivity(state, trade(i, LAST));
    append.push(ms(t));
    appendCpu.push(cpuMs(c));
    c = process.cpuUsage();
    t = performance.now();
    const r2 = applyActivity(state, trade(100 + i, '2024-12-31'));
    backdated.push(ms(t));
    backdatedCpu.push(cpuMs(c));
    if (!r1.ok || !r2.ok) throw new Error('update refused');
  }

  // The point-in-time view the portfolio page shows next to the series: 200 holdings through lookups.
  const lastClose = new Map(Object.entries(data.prices).map(([s, pts]) => [s, pts.at(-1)!.value]));
  const lastRate = new Map(Object.entries(data.fx).map(([c, pts]) => [`${c}-USD`, pts.at(-1)!.value]));
  const snap = state.snapshot;
  const valuationRuns: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t = performance.now();
    valuePortfolio({ date: LAST, baseCurrency: 'USD', holdings: snap.holdings, cash: snap.cash, price: (s) => lastClose.get(s), previousClose: (s) => lastClose.get(s), fx: (p) => lastRate.get(p) });
    valuationRuns.push(ms(t));
  }

  return {
    activities: data.acts.length,
    instruments: 200,
    currencies: CURRENCIES.length,
    days: data.days,
    pricePoints: data.pricePoints,
    generateMs,
    priceTableBuildMs: tableBuildMs,
    fullFifoMs: { first: runs[0], median: median(runs), runs },
    /** CPU time of the same runs: on a shared machine wall time also counts waiting for a core. */
    fullFifoCpuMs: { median: median(cpuRuns), runs: cpuRuns },
    fullAverageMs: { median: median(avgRuns), cpuMedian: median(avgCpu), runs: avgRuns },
    incrementalAppendMs: { median: median(append), cpuMedian: median(appendCpu), max: Math.max(...append) },
    incrementalBackdated1yMs: { median: median(backdated), cpuMedian: median(backdatedCpu), max: Math.max(...backdated) },
    valuation200HoldingsMs: { median: median(valuationRuns) },
    seriesPoints: snap.series.length,
    finalValue: snap.series.at(-1)?.value,
    twrMax: snap.returns.Max?.twr,
    loadAvg: loadavg().map((x) => Number(x.toFixed(2))),
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const arg = process.argv.find((a) => a.startsWith('--activities='));
  console.log(JSON.stringify(await benchPortfolio({ activities: arg ? Number(arg.split('=')[1]) : undefined }), null, 2));
}
