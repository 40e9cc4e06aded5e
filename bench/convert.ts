import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { compose } from '../main/compose.js';
import { ingestRates } from '../main/market/fx-rates.js';
import { openConfStore } from '../main/settings/conf-store.js';
import { openMarketStore } from '../main/store/market-store.js';
import { addDays, daysBetween } from '../shared/fx.js';
import { mulberry32 } from '../test/support/portfolio-bench-data.js';

/**
 * `fx:convert` for a past date through `dispatch` (zod validation, session, FxService, the serialized
 * writer, the indexed lookup with carry-forward, decimal maths, response validation) on a composed app with no
 * worker: nothing is fetched, the answer comes from market.db as it would offline.
 *
 * market.db is pre-filled with ten years of weekday EUR-USD, EUR-GBP and EUR-JPY rates from two sources (frankfurter
 * and ecb, both in the default FX priority), so each lookup ranks sources, weekends are carried forward, and the
 * inverse (USD→EUR) and cross (GBP→JPY and USD→GBP, through EUR after the USD pivot finds nothing) paths all run.
 */

const TODAY = '2026-01-01';
const FIRST = '2016-01-01';
const LAST = '2025-12-31';
const SOURCES = ['frankfurter', 'ecb'];
const PAIRS: [string, string, number][] = [
  ['EUR', 'USD', 1.1],
  ['EUR', 'GBP', 0.86],
  ['EUR', 'JPY', 140],
];
const CASES = [
  { name: 'EUR→USD direct', from: 'EUR', to: 'USD' },
  { name: 'USD→EUR inverse', from: 'USD', to: 'EUR' },
  { name: 'GBP→JPY cross via EUR', from: 'GBP', to: 'JPY' },
  { name: 'USD→GBP cross via EUR', from: 'USD', to: 'GBP' },
];

function percentiles(xs: number[]) {
  const s = [...xs].sort((a, b) => a - b);
  const at = (q: number) => Number((s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? NaN).toFixed(3));
  return { p50: at(0.5), p95: at(0.95), p99: at(0.99), max: Number((s.at(-1) ?? NaN).toFixed(3)), n: s.length };
}

async function prefill(dataDir: string): Promise<number> {
  const store = await openMarketStore(join(dataDir, 'market.db'));
  try {
    return await store.writer.write((db) => {
      let n = 0;
      for (const [base, quote, level] of PAIRS) {
        const rows = [];
        for (let i = 0, d = FIRST; d <= LAST; i++, d = addDays(d, 1)) {
          const dow = new Date(`${d}T00:00:00Z`).getUTCDay();
          if (dow === 0 || dow === 6) continue; // published on weekdays only; weekends are carried forward on read
          for (const [k, source] of SOURCES.entries()) {
            const rate = (level * (1 + 0.05 * Math.sin(i / 60) + k * 0.0001)).toFixed(level > 10 ? 4 : 6);
            rows.push({ base, quote, date: d, source, rate });
          }
        }
        n += ingestRates(db, rows);
      }
      return n;
    });
  } finally {
    await store.close();
  }
}

export async function benchConvert(opts: { calls?: number; warmup?: number } = {}) {
  const calls = opts.calls ?? 4000;
  const warmup = opts.warmup ?? 300;
  const dataDir = mkdtempSync(join(tmpdir(), 'bourse-bench-convert-'));
  try {
    const storedRates = await prefill(dataDir);
    const app = await compose({ dataDir, settings: openConfStore(dataDir), today: () => TODAY, logger: { error: () => undefined } });
    try {
      const created = await app.dispatch('profile:create', { username: 'bench', password: 'bench-password' });
      if (!created.ok) throw new Error(JSON.stringify(created));

      const random = mulberry32(42);
      // Past dates from a couple of weeks after the first stored rate (so a lookback always finds one) to the last.
      const span = daysBetween(addDays(FIRST, 14), LAST);
      const ask = (i: number) => {
        const c = CASES[i % CASES.length]!;
        const date = addDays(FIRST, 14 + Math.floor(random() * (span + 1)));
        return { c, payload: { amount: '1234.56', from: c.from, to: c.to, date } };
      };

      const samples: Record<string, unknown> = {};
      for (let i = 0; i < warmup; i++) {
        const { c, payload } = ask(i);
        const res = await app.dispatch('fx:convert', payload);
        if (!res.ok) throw new Error(`${c.name}: ${JSON.stringify(res)}`);
        samples[c.name] ??= res.data;
      }

      const all: number[] = [];
      const perCase = new Map<string, number[]>(CASES.map((c) => [c.name, []]));
      let filled = 0;
      for (let i = 0; i < calls; i++) {
        const { c, payload } = ask(i);
        const t0 = performance.now();
        const res = await app.dispatch('fx:convert', payload);
        const ms = performance.now() - t0;
        if (!res.ok) throw new Error(`${c.name}: ${JSON.stringify(res)}`);
        if ((res.data as { filled: boolean }).filled) filled += 1;
        all.push(ms);
        perCase.get(c.name)!.push(ms);
      }
      return {
        name: 'fx-convert-past-date-through-dispatch',
        calls,
        warmupCalls: warmup,
        storedRates,
        stored: `${PAIRS.map(([b, q]) => `${b}-${q}`).join(', ')} weekdays ${FIRST}..${LAST} from ${SOURCES.join(' and ')}`,
        filledAnswers: filled,
        latencyMs: percentiles(all),
        targetP95Ms: 5,
        perCase: Object.fromEntries([...perCase].map(([name, xs]) => [name, percentiles(xs)])),
        sampleAnswers: samples,
      };
    } finally {
      await app.close();
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}
