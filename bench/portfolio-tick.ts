import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startFeedServer, type FeedServer } from '../feed/server.js';
import { prepareManyHoldings } from '../test/support/many-holdings.js';
import { offlineProviderEnv } from '../test/support/offline-providers.js';
import { spawnWebHost } from '../test/support/web-host.js';
import { traceSummary } from './trace-summary.js';

/**
 * The Portfolio page in daily use: 200 holdings, a live tick moves the price of one in view (S0, scrolled to), and the
 * page applies the snapshot the tick made it ask for. Measured in Debian's Chromium (playwright-core) on the built browser host,
 * with a real socket.io feed; the renderer's main thread from a Chromium trace (CDP `Tracing`):
 *   apply   from the moment the page starts reading the `portfolio:snapshot` answer (its JSON parse) to the end of
 *           the frame after the moved price is in the DOM: the main thread's CPU time in that span (`applyCpuMs`:
 *           parse, the store, React's render and commit, style, layout, paint), its busy wall time (`applyBusyMs`,
 *           which on a loaded machine also counts waiting for a core) by kind, and the span itself
 *   idle    five seconds with no tick: the main thread's CPU and busy time per second (price ages growing)
 * Per run, a fresh host and a fresh page signed in to the same prepared profile (its copy per tree), `ticks` ticks a
 * second and a half apart (the page refetches at most once a second). Figures only, never pass/fail.
 *
 * With `--portfolio-tick-base=<tree>` (another checkout, built) the runs alternate between that tree's host and this
 * one's, each on its own copy of the same data folder, so both are measured under the same load. With
 * `--portfolio-tick-data=<dir>` the prepared data folder is copied from there (made there when missing).
 *
 *   node --import tsx bench/run.ts portfolio-tick [--portfolio-tick-runs=N] [--portfolio-tick-ticks=N]
 *     [--portfolio-tick-activities=N] [--portfolio-tick-base=<tree>] [--portfolio-tick-data=<dir>]
 */
const USER = 'bench';
const PASSWORD = 'bench password 123';
const SYMBOL = 'S0';

/**
 * In the page, before the app loads: marks `snap-in-<n>` when the n-th `portfolio:snapshot` answer starts being read,
 * and `snap-out-<n>` once the frame after `window.expectPrice` reached S0's row has been painted.
 */
const MARK_SNAPSHOTS = `(() => {
  let n = 0;
  const fetch0 = window.fetch;
  window.fetch = async (input, init) => {
    const res = await fetch0(input, init);
    if (typeof init?.body === 'string' && init.body.includes('"portfolio:snapshot"')) {
      const json = res.json.bind(res);
      res.json = () => { window.snapIn = ++n; performance.mark('snap-in-' + n); return json(); };
    }
    return res;
  };
  new MutationObserver(() => {
    const want = window.expectPrice;
    if (!want || window.seenPrice === want) return;
    for (const s of document.querySelectorAll('.holding-symbol')) {
      if (s.textContent !== '${SYMBOL}') continue;
      if (!s.closest('tr').querySelector('.price-main').textContent.includes(want)) return;
      window.seenPrice = want;
      const at = window.snapIn;
      requestAnimationFrame(() => setTimeout(() => { performance.mark('snap-out-' + at); window.doneTick = at; }, 0));
    }
  }).observe(document, { childList: true, subtree: true, characterData: true });
})();`;

interface Run {
  apply: { busyMs: number; cpuMs: number; spanMs: number; byKind: Record<string, number> }[];
  idleBusyMsPerSec: number;
  idleCpuMsPerSec: number;
}

type TraceEvents = { name: string; ph: string; ts: number; dur?: number; tdur?: number; pid: number; tid: number; args?: { name?: string } }[];

/**
 * The renderer main thread's CPU time (the trace's thread durations) in the tasks that start between two marks. On a
 * loaded machine a task's wall time also counts the time the thread waited for a core; this does not.
 */
function cpuMs(events: TraceEvents, from: string, to: string): number {
  const a = events.find((e) => e.name === from);
  const b = events.find((e) => e.name === to);
  if (!a || !b) return NaN;
  const main = events.find((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain' && e.pid === a.pid);
  const tid = main?.tid ?? a.tid;
  let us = 0;
  for (const e of events) if (e.pid === a.pid && e.tid === tid && e.ph === 'X' && e.name === 'RunTask' && e.ts >= a.ts && e.ts < b.ts) us += e.tdur ?? 0;
  return Math.round(us / 100) / 10;
}

async function once(browser: Browser, dataDir: string, feed: FeedServer, ticks: number, opts: { cliPath?: string; trace?: string } = {}): Promise<Run> {
  const host = await spawnWebHost({ dataDir, env: { ...offlineProviderEnv(), BOURSE_FEED_URL: feed.url }, ...(opts.cliPath ? { cliPath: opts.cliPath } : {}) });
  const context = await browser.newContext({ viewport: { width: 1280, height: 860 }, colorScheme: 'light' });
  const page = await context.newPage();
  await page.addInitScript({ content: MARK_SNAPSHOTS });
  let price = 400;
  const publish = () => feed.publish({ symbol: SYMBOL, price: `${price}.00`, currency: 'USD', ts: Date.now(), source: 'bench-feed' });
  try {
    await page.goto(host.url);
    await page.getByRole('button', { name: USER }).click();
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByRole('heading', { name: 'Portfolio', level: 1 }).waitFor({ timeout: 120_000 });
    const rows = page.getByRole('region', { name: 'Holdings' }).locator('tbody tr');
    // The allocation is drawn after the holdings rows (all of them on a tree that draws every row).
    await waitFor(page, async () => (await rows.count()) > 0 && (await page.locator('[data-kept]').count()) === 0 && (await page.locator('#allocation-title').count()) === 1);
    await showRow(page, SYMBOL);
    // The feed reaches main and the page: S0 at its first live price before anything is measured.
    await tick(page, publish, `${price}.00`);
    const spans: { from: string; to: string }[] = [];
    await browser.startTracing(page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'blink.user_timing'] });
    for (let i = 0; i < ticks; i++) {
      await page.waitForTimeout(1_500);
      price += 1;
      const n = await tick(page, publish, `${price}.00`);
      spans.push({ from: `snap-in-${n}`, to: `snap-out-${n}` });
    }
    await page.evaluate("performance.mark('idle-in')");
    await page.waitForTimeout(5_000);
    await page.evaluate("performance.mark('idle-out')");
    const raw = (await browser.stopTracing()).toString('utf8');
    if (opts.trace) writeFileSync(opts.trace, raw);
    const trace = JSON.parse(raw) as Parameters<typeof traceSummary>[0];
    const events = (Array.isArray(trace) ? trace : trace.traceEvents) as TraceEvents;
    const idle = traceSummary(trace, 'idle-in', 'idle-out');
    return {
      apply: spans.map(({ from, to }) => {
        const s = traceSummary(trace, from, to);
        return { busyMs: s.busyMs, cpuMs: cpuMs(events, from, to), spanMs: s.spanMs, byKind: s.byKind };
      }),
      idleBusyMsPerSec: Math.round((idle.busyMs / idle.spanMs) * 1000 * 10) / 10,
      idleCpuMsPerSec: Math.round((cpuMs(events, 'idle-in', 'idle-out') / idle.spanMs) * 1000 * 10) / 10,
    };
  } finally {
    await context.close();
    await host.stop();
  }
}

/**
 * Brings `symbol`'s row into the middle of the window: on a tree that draws only the rows in view, the holdings
 * table's own box is scrolled until the row is drawn; on one that draws them all, the row is there already.
 */
async function showRow(page: Page, symbol: string): Promise<void> {
  const box = page.getByRole('region', { name: 'Holdings' }).locator('.table-scroll');
  const row = box.locator('tbody tr', { has: page.locator('.holding-symbol', { hasText: new RegExp(`^${symbol}$`) }) });
  for (let i = 0; i < 100 && (await row.count()) === 0; i++) {
    await box.evaluate((b) => b.scrollBy({ top: b.clientHeight / 2 }));
    await page.waitForTimeout(100);
  }
  await row.evaluate((tr) => tr.scrollIntoView({ block: 'center' }));
  await page.waitForTimeout(250);
}

/**
 * Publishes S0 at `price` and resolves with the number of the snapshot that drew it, once its frame is painted. The
 * tick is sent again only when nothing came of it for a few seconds (the feed's subscription still on its way).
 */
async function tick(page: Page, publish: () => void, price: string): Promise<number> {
  await page.evaluate(`window.expectPrice = ${JSON.stringify(price)}; window.doneTick = undefined;`);
  let n: number | undefined;
  let sent = 0;
  await waitFor(page, async () => {
    n = (await page.evaluate('window.doneTick')) as number | undefined;
    if (n === undefined && Date.now() - sent > 4_000) {
      publish();
      sent = Date.now();
    }
    return n !== undefined;
  });
  return n!;
}

async function waitFor(page: Page, ok: () => Promise<boolean>, timeoutMs = 120_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await ok())) {
    if (Date.now() > until) throw new Error('the Portfolio page did not get there in time');
    await page.waitForTimeout(250);
  }
}

function stats(xs: number[]) {
  const s = [...xs].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? NaN;
  return { p50: at(0.5), p90: at(0.9), min: s[0] ?? NaN, max: s.at(-1) ?? NaN, n: s.length };
}

function summary(runs: Run[]) {
  const apply = runs.flatMap((r) => r.apply);
  const kinds = [...new Set(apply.flatMap((a) => Object.keys(a.byKind)))].sort();
  return {
    applyCpuMs: stats(apply.map((a) => a.cpuMs)),
    applyBusyMs: stats(apply.map((a) => a.busyMs)),
    applySpanMs: stats(apply.map((a) => a.spanMs)),
    applyByKindP50: Object.fromEntries(kinds.map((k) => [k, stats(apply.map((a) => a.byKind[k] ?? 0)).p50])),
    idleCpuMsPerSec: runs.map((r) => r.idleCpuMsPerSec),
    idleBusyMsPerSec: runs.map((r) => r.idleBusyMsPerSec),
    cpuPerRun: runs.map((r) => r.apply.map((a) => a.cpuMs)),
  };
}

export async function benchPortfolioTick(opts: { runs?: number; ticks?: number; activities?: number; base?: string; data?: string; trace?: string } = {}) {
  const runs = opts.runs ?? 3;
  const ticks = opts.ticks ?? 8;
  const activities = opts.activities ?? 3_000;
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  const feed = await startFeedServer({ port: 0, mode: 'simulate', symbols: [], seedPrices: {}, rate: 1 });
  const dataDir = mkdtempSync(join(tmpdir(), 'bourse-bench-portfolio-tick-'));
  const baseDir = `${dataDir}-base`;
  try {
    if (opts.data && existsSync(join(opts.data, 'filled.json'))) cpSync(opts.data, dataDir, { recursive: true });
    else {
      const filled = await prepareManyHoldings(browser, dataDir, { username: USER, password: PASSWORD, activities });
      if (opts.data) {
        cpSync(dataDir, opts.data, { recursive: true });
        writeFileSync(join(opts.data, 'filled.json'), JSON.stringify(filled));
      }
    }
    const filled = opts.data ? (JSON.parse(readFileSync(join(opts.data, 'filled.json'), 'utf8')) as { activities: number }) : { activities };
    const holdings = 200;
    const traceOf = (tree: string, i: number) => (opts.trace ? { trace: join(opts.trace, `${tree}-${i}.json`) } : {});
    if (opts.trace) mkdirSync(opts.trace, { recursive: true });
    if (!opts.base) {
      const here: Run[] = [];
      for (let i = 0; i < runs; i++) here.push(await once(browser, dataDir, feed, ticks, traceOf('here', i)));
      return { holdings, activities: filled.activities, ticksPerRun: ticks, ...summary(here) };
    }
    cpSync(dataDir, baseDir, { recursive: true });
    const cliPath = join(resolve(opts.base), 'dist', 'host', 'cli.js');
    const base: Run[] = [];
    const here: Run[] = [];
    for (let i = 0; i < runs; i++) {
      base.push(await once(browser, baseDir, feed, ticks, { cliPath, ...traceOf('base', i) }));
      here.push(await once(browser, dataDir, feed, ticks, traceOf('here', i)));
    }
    return { holdings, activities: filled.activities, ticksPerRun: ticks, base: { tree: resolve(opts.base), ...summary(base) }, here: summary(here) };
  } finally {
    await feed.close();
    await browser.close();
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(baseDir, { recursive: true, force: true });
  }
}
