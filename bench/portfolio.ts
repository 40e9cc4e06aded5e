import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import type { Activity } from '../shared/portfolio/activity.js';
import { dayNumber, dayString } from '../shared/portfolio/days.js';
import { applyActivity, computeSnapshot } from '../shared/portfolio/performance.js';
import { buildPriceTable, type PricePoint } from '../shared/portfolio/price-table.js';
import { valuePortfolio } from '../shared/portfolio/valuation.js';

/**
 * The portfolio snapshot (holdings, realized P&L, daily value series over 10 years, TWR) from 100,000
 * activities over 200 instruments in 5 currencies, all pure (no database): the full computation against a cached
 * price table, the cold build of that table from decimal strings, and the incremental update after one new trade
 * (today's, and one back-dated a year). Targets: full < 300 ms, update < 10 ms. Figures only, never pass/fail.
 *
 *   node --import tsx bench/portfolio.ts [--activities=N]
 */
const FIRST = '2016-01-01';
const LAST = '2025-12-31';
const CURRENCIES = ['USD', 'EUR', 'GBP', 'JPY', 'CHF'];
const FX_LEVEL: Record<string, number> = { EUR: 1.1, GBP: 1.3, JPY: 0.009, CHF: 1.05 };

function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Instrument {
  symbol: string;
  currency: string;
  crypto: boolean;
  /** Close per day index in integer ticks (1e-4 of the currency), -1 when there is no bar that day. */
  ticks: Int32Array;
}

/** Formats integer ticks of 1e-4 as a decimal string, with no float in sight. */
function ticksText(t: number): string {
  const s = String(t).padStart(5, '0');
  return `${s.slice(0, -4)}.${s.slice(-4)}`;
}

export function generateForBench(activityCount: number) {
  const rnd = mulberry32(42);
  const first = dayNumber(FIRST);
  const days = dayNumber(LAST) - first + 1;
  // Day 0 of dayNumber is 1970-01-01, a Thursday: + 3 makes Monday 0, so Monday to Friday are < 5.
  const weekday = (d: number) => (first + d + 3) % 7 < 5;
  const instruments: Instrument[] = [];
  for (let i = 0; i < 200; i++) {
    const crypto = i >= 150;
    const ticks = new Int32Array(days).fill(-1);
    let p = Math.floor((crypto ? 100 + rnd() * 2000 : 20 + rnd() * 300) * 10_000);
    for (let d = 0; d < days; d++) {
      if (!crypto && !weekday(d)) continue;
      p = Math.max(10_000, p + Math.round((rnd() - 0.4995) * p * 0.03));
      ticks[d] = p;
    }
    instruments.push({ symbol: crypto ? `C${i}-USD` : `S${i}`, currency: crypto ? 'USD' : CURRENCIES[i % 5]!, crypto, ticks });
  }
  const prices: Record<string, PricePoint[]> = {};
  let pricePoints = 0;
  for (const ins of instruments) {
    const pts: PricePoint[] = [];
    for (let d = 0; d < days; d++) if (ins.ticks[d]! >= 0) pts.push({ date: dayString(first + d), value: ticksText(ins.ticks[d]!) });
    prices[ins.symbol] = pts;
    pricePoints += pts.length;
  }
  const fx: Record<string, PricePoint[]> = {};
  for (const c of CURRENCIES.slice(1)) {
    const pts: PricePoint[] = [];
    let r = FX_LEVEL[c]!;
    for (let d = 0; d < days; d++) {
      if (!weekday(d)) continue;
      r *= 1 + (rnd() - 0.5) * 0.01;
      pts.push({ date: dayString(first + d), value: r.toPrecision(8).replace(/\.?0+$/, '') });
    }
    fx[c] = pts;
    pricePoints += pts.length;
  }

  // Activities in date order: a deposit per currency first, then trades (mostly), dividends, FX exchanges.
  const acts: Activity[] = CURRENCIES.map((c, i) => ({ id: `dep-${i}`, date: FIRST, type: 'deposit' as const, currency: c, amount: c === 'JPY' ? '5000000000' : '50000000' }));
  const held = new Int32Array(200); // quantity in lots of 0.001 (stocks) or 0.00000001 (crypto), integers
  const perDay = activityCount / days;
  let id = 0;
  for (let d = 0; d < days && acts.length < activityCount; d++) {
    let n = Math.floor(perDay) + (rnd() < perDay % 1 ? 1 : 0);
    const date = dayString(first + d);
    while (n-- > 0 && acts.length < activityCount) {
      const k = rnd();
      const ins = instruments[Math.floor(rnd() * 200)]!;
      const t = ins.ticks[d]! >= 0 ? ins.ticks[d]! : ins.ticks[d - 1]! >= 0 ? ins.ticks[d - 1]! : ins.ticks[d - 2]!;
      const price = ticksText(t > 0 ? t : 1_000_000);
      const i = instruments.indexOf(ins);
      const scale = ins.crypto ? 100_000_000 : 1000;
      const quantityText = (units: number) => {
        const s = String(units).padStart(String(scale).length, '0');
        return `${s.slice(0, -(String(scale).length - 1))}.${s.slice(-(String(scale).length - 1))}`.replace(/\.?0+$/, '') || '0';
      };
      const fee = ins.currency === 'JPY' ? '100' : '1.25';
      if (k < 0.6 || held[i]! === 0) {
        const units = 1 + Math.floor(rnd() * (ins.crypto ? 50_000_000 : 20_000));
        held[i]! += units;
        acts.push({ id: `a${id++}`, date, type: 'buy', symbol: ins.symbol, quantity: quantityText(units), price, fee, currency: ins.currency });
      } else if (k < 0.92) {
        const units = Math.max(1, Math.floor(held[i]! * rnd() * 0.5));
        held[i]! -= units;
        acts.push({ id: `a${id++}`, date, type: 'sell', symbol: ins.symbol, quantity: quantityText(units), price, fee, currency: ins.currency });
      } else if (k < 0.97) {
        acts.push({ id: `a${id++}`, date, type: 'dividend', symbol: ins.symbol, currency: ins.currency, amount: ins.currency === 'JPY' ? '1200' : '12.34' });
      } else {
        const to = CURRENCIES[1 + Math.floor(rnd() * 4)]!;
        acts.push({ id: `a${id++}`, date, type: 'fx-exchange', fromCurrency: 'USD', fromAmount: '1000.00', toCurrency: to, toAmount: to === 'JPY' ? '110000' : '900.00' });
      }
    }
  }
  return { acts, prices, fx, pricePoints, days };
}

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
