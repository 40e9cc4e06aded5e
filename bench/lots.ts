import { Dec } from '../shared/decimal/index.js';
import { LotBook, realizedReport, type CostMethod, type LotEvent } from '../shared/lots/index.js';

/**
 * The lots engine alone (shared/lots/): a full replay of a synthetic log (buys and sells over 200 instruments in 5
 * currencies, 5 accounts each with another method, 10 years), the realized-gains report of one year over it, and
 * one more sell applied to the replayed book (the update after a trade). Figures in ms; the FX lookup is an
 * in-memory table, so the report's time is the engine's, not the rate store's.
 */
export function benchLots(opts: { activities?: number | undefined } = {}): Record<string, unknown> {
  const n = opts.activities ?? 100_000;
  const accounts = ['a1', 'a2', 'a3', 'a4', 'a5'];
  const methods: CostMethod[] = ['fifo', 'lifo', 'hifo', 'average', 'fifo'];
  const currencies = ['USD', 'EUR', 'GBP', 'CHF', 'JPY'];
  const events: LotEvent[] = [];
  const held = new Map<string, number>();
  let seed = 12345;
  const rand = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
  const start = Date.UTC(2015, 0, 1);
  for (let i = 0; i < n; i++) {
    const date = new Date(start + Math.floor((i / n) * 3650) * 86_400_000).toISOString().slice(0, 10);
    const s = Math.floor(rand() * 200);
    const accountId = accounts[s % 5]!;
    const symbol = `S${s}`;
    const k = `${accountId}/${symbol}`;
    const have = held.get(k) ?? 0;
    const price = (50 + Math.floor(rand() * 10000) / 100).toFixed(2);
    if (have > 0 && rand() < 0.4) {
      const q = 1 + Math.floor(rand() * have);
      events.push({ kind: 'sell', id: `e${i}`, accountId, symbol, date, quantity: String(q), price, fee: '1.00' });
      held.set(k, have - q);
    } else {
      const q = 1 + Math.floor(rand() * 20);
      events.push({ kind: 'buy', id: `e${i}`, accountId, symbol, currency: currencies[s % 5]!, date, quantity: String(q), price, fee: '1.00' });
      held.set(k, have + q);
    }
  }
  const options = { methods: new Map(accounts.map((a, i) => [a, methods[i]!])) };
  const rate = Dec.of('1.1');
  const fx = () => rate;
  const runs = 5;
  const replay: number[] = [];
  const report: number[] = [];
  // CPU time of this process as well as wall time: on a machine shared by several engineers' test runs the wall time
  // measures the load as much as the code.
  const replayCpu: number[] = [];
  const reportCpu: number[] = [];
  const cpu = () => {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1000;
  };
  let book = new LotBook(options);
  let rows = 0;
  for (let r = 0; r < runs; r++) {
    const c0 = cpu();
    const t0 = performance.now();
    book = new LotBook(options);
    for (const e of events) book.apply(e);
    const t1 = performance.now();
    const c1 = cpu();
    rows = realizedReport(book.closed, { year: 2020, baseCurrency: 'EUR', fx }).rows.length;
    replay.push(t1 - t0);
    report.push(performance.now() - t1);
    replayCpu.push(c1 - c0);
    reportCpu.push(cpu() - c1);
  }
  // The same log after one buy of an 18-digit quantity in its own account: a figure past what doubles hold exactly
  // keeps the whole book on bigints (the engine's slow form), which a profile with such quantities replays in.
  const wide: LotEvent[] = [{ kind: 'buy', id: 'wide', accountId: 'a0', symbol: 'W', currency: 'USD', date: '2015-01-01', quantity: '0.123456789012345678', price: '1', fee: '0' }, ...events];
  const bigCpu: number[] = [];
  for (let r = 0; r < 3; r++) {
    const c0 = cpu();
    const b = new LotBook(options);
    for (const e of wide) b.apply(e);
    bigCpu.push(cpu() - c0);
  }
  const update: number[] = [];
  const open = book.open();
  for (let r = 0; r < 200; r++) {
    const lot = open[r % open.length]!;
    const t0 = performance.now();
    book.apply({ kind: 'sell', id: `u${r}`, accountId: lot.accountId, symbol: lot.symbol, date: '2025-01-02', quantity: Dec.min(lot.quantity, '1').toFixed(), price: '100' });
    update.push(performance.now() - t0);
    book.apply({ kind: 'buy', id: `b${r}`, accountId: lot.accountId, symbol: lot.symbol, currency: lot.currency, date: '2025-01-02', quantity: Dec.min(lot.quantity, '1').toFixed(), price: '100' });
  }
  const ms = (xs: number[]) => Number(xs.reduce((a, b) => a + b, 0) / xs.length).toFixed(1);
  const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length * 0.95)]!.toFixed(3);
  return { activities: n, closedLots: book.closed.length, reportRows2020: rows, replayMsMean: Number(ms(replay)), replayCpuMsMean: Number(ms(replayCpu)), reportMsMean: Number(ms(report)), reportCpuMsMean: Number(ms(reportCpu)), replayWithAn18DigitLotCpuMsMean: Number(ms(bigCpu)), updateAfterTradeMsP95: Number(p95(update)) };
}
