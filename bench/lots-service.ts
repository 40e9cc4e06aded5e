import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { DEFAULT_SETTINGS, type Settings } from '../shared/contract/settings.js';
import { PortfolioService } from '../main/portfolio/service.js';
import { ActivityService } from '../main/activities/service.js';
import { LotsService } from '../main/lots/service.js';
import { ReportService } from '../main/reports/service.js';
import { openMarketStore } from '../main/store/market-store.js';
import { openProfileStore } from '../main/store/profile-store.js';
import { fill } from '../test/support/portfolio-bench-data.js';
import { testKey } from '../test/support/db-key.js';

/**
 * The lots engine through the real services on SQLite: bench/portfolio-service.ts's 100,000-activity profile (200
 * instruments, 5 currencies, 10 years, ~540,000 closes, EUR-based rates) with its instruments spread over 5
 * accounts (FIFO, LIFO, HIFO, average cost, FIFO; an instrument's whole history in one account, so every sell stays
 * covered). Figures, wall and this process's CPU time per call:
 * - `report:realized` for one year (ReportService.realized: the log read, every account's lots replayed, the year's
 *   rows valued at the stored rates);
 * - `portfolio:snapshot` {accountIds, asOf} (PortfolioService's by-account path: the log up to the day replayed by
 *   the lots engine, cash from the ledger, valued at that day's closes and rates), for all five accounts and one.
 * Each cold (a new lots book per call, as at the first request after sign-in) and kept (the book kept between
 * requests, asked again); the snapshot of all accounts after a change of one account's method, and after each of 20
 * buys recorded through the ledger.
 * Targets (issue 12): the report < 500 ms; the portfolio with lots and accounts < 300 ms, after one trade p95 < 10 ms.
 * Figures only.
 *
 *   node --import tsx bench/run.ts lots-service [--lots-service-runs=N]
 */
const ACCOUNTS: [string, string][] = [
  ['main', 'fifo'],
  ['acc-lifo', 'lifo'],
  ['acc-hifo', 'hifo'],
  ['acc-average', 'average'],
  ['acc-fifo2', 'fifo'],
];
const TODAY = '2025-12-31';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export async function benchLotsService(opts: { activities?: number | undefined; runs?: number | undefined } = {}) {
  const count = opts.activities ?? 100_000;
  const runs = opts.runs ?? 5;
  const dir = mkdtempSync(join(tmpdir(), 'bourse-bench-lots-'));
  const profile = await openProfileStore(join(dir, 'bourse.db'), testKey);
  const market = await openMarketStore(join(dir, 'market.db'));
  try {
    const t0 = performance.now();
    const filled = await fill(profile, market, count);
    await profile.writer.write((db) => {
      const at = '2025-12-31T00:00:00.000Z';
      db.prepare(`UPDATE accounts SET cost_method = 'fifo' WHERE id = 'main'`).run();
      const add = db.prepare(`INSERT INTO accounts (id, name, kind, cost_method, archived, created_at, updated_at) VALUES (?, ?, 'brokerage', ?, 0, ?, ?)`);
      for (const [id, method] of ACCOUNTS.slice(1)) add.run(id, id, method, at, at);
      // Instrument i's history goes to account i mod 5 (S3 and C153-USD to the fourth, ...).
      const symbols = db.prepare(`SELECT DISTINCT symbol FROM activities WHERE symbol IS NOT NULL`).all() as { symbol: string }[];
      const move = db.prepare(`UPDATE activities SET account_id = ? WHERE symbol = ?`);
      for (const { symbol } of symbols) move.run(ACCOUNTS[Number(symbol.replace(/\D/g, '')) % 5]![0], symbol);
    });
    const fillMs = Math.round(performance.now() - t0);

    const timed = async <T>(f: () => Promise<T>) => {
      const c = process.cpuUsage();
      const t = performance.now();
      const out = await f();
      const u = process.cpuUsage(c);
      return { out, wall: performance.now() - t, cpu: (u.user + u.system) / 1000 };
    };
    const series = async <T>(f: () => Promise<T>) => {
      const wall: number[] = [];
      const cpu: number[] = [];
      let out: T | undefined;
      for (let i = 0; i < runs; i++) {
        const r = await timed(f);
        wall.push(Math.round(r.wall));
        cpu.push(Math.round(r.cpu));
        out = r.out;
      }
      return { out: out!, figures: { wallMedian: median(wall), cpuMedian: median(cpu), wall, cpu } };
    };

    // Cold: a new lots book per call (the first request after sign-in replays the whole log); kept: one service
    // asked again with nothing new (the book kept between requests, main/lots/).
    const reportsWith = (lots: LotsService) => new ReportService({ store: profile, market, baseCurrency: () => 'USD', fxPriority: () => ['frankfurter'], lots });
    const settings: Settings = { ...DEFAULT_SETTINGS, baseCurrency: 'USD', costMethod: 'fifo' };
    const portfolioWith = (lots: LotsService) =>
      new PortfolioService({ profile, market, livePrice: () => undefined, settings: () => settings, today: () => TODAY, now: () => Date.parse(`${TODAY}T15:00:00Z`), fxPriority: () => ['frankfurter'], lots });
    const allIds = ACCOUNTS.map((a) => a[0]);
    const realized = await series(() => reportsWith(new LotsService()).realized({ year: 2020 }));
    const all = await series(() => portfolioWith(new LotsService()).snapshot({ accountIds: allIds, asOf: TODAY }));
    const one = await series(() => portfolioWith(new LotsService()).snapshot({ accountIds: ['acc-hifo'], asOf: '2022-06-30' }));
    // Prepared ahead in slices, as after sign-in (main/profile-scope.ts): its time, the longest the event loop waited
    // meanwhile (the packed read, then one slice at a time), and the first snapshot by account after it.
    const lots = new LotsService();
    const reports = reportsWith(lots);
    const portfolio = portfolioWith(lots);
    const delay = monitorEventLoopDelay({ resolution: 5 });
    delay.enable();
    const warm = await timed(() => portfolio.warmByAccount(() => true));
    delay.disable();
    const firstSnapshot = await timed(() => portfolio.snapshot({ accountIds: allIds, asOf: TODAY }));
    const firstAfterWarm = lots.build;
    await reports.realized({ year: 2020 });
    const realizedKept = await series(() => reports.realized({ year: 2020 }));
    const allKept = await series(() => portfolio.snapshot({ accountIds: allIds, asOf: TODAY }));
    // A change of one account's method (acc-lifo between LIFO and FIFO; no units were transferred, so its lots alone
    // are replayed), then the snapshot of all accounts.
    const remethod: number[] = [];
    const remethodCpu: number[] = [];
    let remethodBuild = '';
    for (let i = 0; i < 4; i++) {
      await profile.writer.write((db) => db.prepare(`UPDATE accounts SET cost_method = ? WHERE id = 'acc-lifo'`).run(i % 2 === 0 ? 'fifo' : 'lifo'));
      const r = await timed(() => portfolio.snapshot({ accountIds: allIds, asOf: TODAY }));
      remethod.push(Math.round(r.wall));
      remethodCpu.push(Math.round(r.cpu));
      remethodBuild = lots.build;
    }
    // After one trade: a buy recorded through the ledger (today, in one account), then the snapshot of all accounts.
    const activities = new ActivityService(profile, () => TODAY);
    await activities.record({ type: 'deposit', currency: 'USD', amount: '100000000', date: TODAY, accountId: 'acc-hifo', idempotencyKey: 'bench-deposit' });
    const symbol = (await profile.writer.read((db) => db.prepare(`SELECT symbol FROM activities WHERE account_id = 'acc-hifo' AND currency = 'USD' AND type = 'buy' LIMIT 1`).pluck().get())) as string;
    const afterTrade: number[] = [];
    const afterTradeCpu: number[] = [];
    let afterTradeBuild = '';
    for (let i = 0; i < 20; i++) {
      await activities.record({ type: 'buy', symbol, quantity: '1', price: '10', date: TODAY, accountId: 'acc-hifo', idempotencyKey: `bench-buy-${i}` });
      const r = await timed(() => portfolio.snapshot({ accountIds: allIds, asOf: TODAY }));
      afterTrade.push(Math.round(r.wall * 10) / 10);
      afterTradeCpu.push(Math.round(r.cpu * 10) / 10);
      afterTradeBuild = lots.build;
    }
    const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.ceil(xs.length * 0.95) - 1]!;
    const snap = all.out as { accounts?: { holdings: unknown[] }[]; totals?: { value?: string; realizedPnl?: string } };
    return {
      activities: filled.activities,
      accounts: ACCOUNTS.length,
      fillSqliteMs: fillMs,
      reportRealized2020Ms: realized.figures,
      reportRows: realized.out.rows.length,
      reportTotals: realized.out.totals,
      reportMissingFx: realized.out.missingFx.length,
      snapshotByAccountAll5Ms: all.figures,
      snapshotByAccountOneAsOf2022Ms: one.figures,
      warmAheadMs: { wall: Math.round(warm.wall), cpu: Math.round(warm.cpu), longestLoopDelayMs: Math.round(delay.max / 1e6), firstSnapshotAfterCpu: Math.round(firstSnapshot.cpu), firstSnapshotAfterWall: Math.round(firstSnapshot.wall), lotsBuild: firstAfterWarm },
      reportRealized2020KeptMs: realizedKept.figures,
      snapshotByAccountAll5KeptMs: allKept.figures,
      /** One account's cost-basis method changed, then the snapshot of all accounts (its lots replayed). */
      oneAccountMethodChangedMs: { wallMedian: median(remethod), cpuMedian: median(remethodCpu), build: remethodBuild, wall: remethod, cpu: remethodCpu },
      snapshotAfterOneTradeMs: { p50: median(afterTrade), p95: p95(afterTrade), cpuP50: median(afterTradeCpu), cpuP95: p95(afterTradeCpu), build: afterTradeBuild, wall: afterTrade },
      snapshotHoldings: snap.accounts?.reduce((n, a) => n + a.holdings.length, 0),
      snapshotTotals: snap.totals,
    };
  } finally {
    await profile.close();
    await market.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const arg = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
  const before = loadavg();
  const figures = await benchLotsService({ runs: arg('runs') ? Number(arg('runs')) : undefined });
  console.log(JSON.stringify({ ...figures, loadAvgBefore: before, loadAvgAfter: loadavg() }, null, 2));
}
