import { Dec } from '../../shared/decimal/index.js';
import type { Activity } from '../../shared/portfolio/activity.js';
import { computeHoldings } from '../../shared/portfolio/cost-basis.js';
import { dayNumber, dayString } from '../../shared/portfolio/days.js';
import type { PricePoint } from '../../shared/portfolio/price-table.js';
import type { Store } from '../../main/store/data-source.js';
import { mulberry32 } from '../../shared/random.js';

/**
 * The portfolio benchmarks' data set (bench/portfolio.ts, bench/portfolio-service.ts): 10 years of activities over
 * many instruments in five currencies, closes and EUR-based rates on Monday to Friday; here so that a test can
 * check what the benchmarks measure (test/integration/bench-portfolio-data.test.ts).
 */
export const BENCH_FIRST = '2016-01-01';
export const BENCH_LAST = '2025-12-31';
export const BENCH_CURRENCIES = ['USD', 'EUR', 'GBP', 'JPY', 'CHF'];
const FX_LEVEL: Record<string, number> = { EUR: 1.1, GBP: 1.3, JPY: 0.009, CHF: 1.05 };

/** The seeded generator lives in shared/ (the sample profile uses it too); re-exported for the benchmarks. */
export { mulberry32 };

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
  const first = dayNumber(BENCH_FIRST);
  const days = dayNumber(BENCH_LAST) - first + 1;
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
    instruments.push({ symbol: crypto ? `C${i}-USD` : `S${i}`, currency: crypto ? 'USD' : BENCH_CURRENCIES[i % 5]!, crypto, ticks });
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
  for (const c of BENCH_CURRENCIES.slice(1)) {
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
  const acts: Activity[] = BENCH_CURRENCIES.map((c, i) => ({ id: `dep-${i}`, date: BENCH_FIRST, type: 'deposit' as const, currency: c, amount: c === 'JPY' ? '5000000000' : '50000000' }));
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
        const to = BENCH_CURRENCIES[1 + Math.floor(rnd() * 4)]!;
        acts.push({ id: `a${id++}`, date, type: 'fx-exchange', fromCurrency: 'USD', fromAmount: '1000.00', toCurrency: to, toAmount: to === 'JPY' ? '110000' : '900.00' });
      }
    }
  }
  return { acts, prices, fx, pricePoints, days };
}


export async function fill(profile: Store, market: Store, count: number) {
  const data = generateForBench(count);
  const at = '2025-12-31T00:00:00.000Z';
  const symbols = Object.keys(data.prices);
  const currencyOf = new Map<string, string>();
  for (const a of data.acts) if (a.type === 'buy' || a.type === 'sell') currencyOf.set(a.symbol, a.currency);
  const held = computeHoldings(data.acts, 'fifo');
  if (!held.ok) throw new Error(held.error.message);
  await profile.writer.write((db) => {
    const ins = db.prepare(`INSERT INTO instruments (symbol, name, asset_class, quote_currency, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)`);
    for (const s of symbols) ins.run(s, `Instrument ${s}`, s.includes('-') ? 'crypto' : 'stock', currencyOf.get(s) ?? 'USD', at, at);
    const act = db.prepare(
      `INSERT INTO activities (id, type, date, symbol, quantity, price, fee, currency, amount, to_currency, to_amount, source, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'manual', ?)`,
    );
    for (const a of data.acts) {
      switch (a.type) {
        case 'buy':
        case 'sell': {
          const gross = Dec.of(a.quantity).times(a.price).round(a.currency === 'JPY' ? 0 : 2);
          const amount = a.type === 'buy' ? gross.plus(a.fee ?? '0') : gross.minus(a.fee ?? '0');
          act.run(a.id, a.type, a.date, a.symbol, a.quantity, a.price, a.fee ?? '0', a.currency, amount.toFixed(), null, null, at);
          break;
        }
        case 'fx-exchange':
          act.run(a.id, a.type, a.date, null, null, null, null, a.fromCurrency, a.fromAmount, a.toCurrency, a.toAmount, at);
          break;
        case 'dividend':
          act.run(a.id, a.type, a.date, a.symbol ?? null, null, null, null, a.currency, a.amount, null, null, at);
          break;
        case 'split':
          throw new Error('the benchmark profile has no splits');
        default:
          act.run(a.id, a.type, a.date, null, null, null, null, a.currency, a.amount, null, null, at);
      }
    }
    const w = db.prepare(`INSERT INTO wallets (currency, balance, reserved, created_at, updated_at) VALUES (?, ?, '0', ?, ?)`);
    for (const [c, v] of Object.entries(held.data.cash)) w.run(c, v, at, at);
  });
  let bars = 0;
  await market.writer.write((db) => {
    const bar = db.prepare(`INSERT INTO daily_bars (symbol, date, source, currency, close) VALUES (?, ?, ?, ?, ?)`);
    for (const [s, pts] of Object.entries(data.prices)) {
      const source = s.includes('-') ? 'binance' : 'yahoo';
      for (const p of pts) bar.run(s, p.date, source, currencyOf.get(s) ?? 'USD', p.value);
      bars += pts.length;
    }
    // data.fx is USD per unit; published as EUR-X: EUR-USD = fx.EUR, EUR-X = fx.EUR / fx.X.
    const rate = db.prepare(`INSERT INTO fx_rates (base, quote, date, source, rate) VALUES ('EUR', ?, ?, 'frankfurter', ?)`);
    const eur = new Map(data.fx.EUR!.map((p) => [p.date, p.value]));
    for (const p of data.fx.EUR!) rate.run('USD', p.date, p.value);
    for (const c of ['GBP', 'JPY', 'CHF']) for (const p of data.fx[c]!) rate.run(c, p.date, Dec.of(eur.get(p.date)!).div(p.value).roundSignificant(8).toFixed());
  });
  return { activities: data.acts.length, bars, days: data.days };
}

