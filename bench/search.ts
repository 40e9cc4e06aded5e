import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { compose } from '../main/compose.js';
import { openConfStore } from '../main/settings/conf-store.js';
import { mulberry32 } from '../test/support/portfolio-bench-data.js';

/**
 * A keystroke to its first results: `instruments:search` with `remote: false` (what the search field asks on every
 * keystroke; the providers are asked once typing pauses) through `dispatch` (zod, session, the catalogue read, the
 * offline list of ~70 listings and the `cryptocurrencies` package's ~12,000 coins, merge and rank) on a composed app
 * with no worker. The profile's catalogue holds `instruments` instruments (default 500: more than a heavy user
 * follows). Words are typed one letter at a time, so one-letter prefixes (thousands of matches) are measured too.
 */

const WORDS = ['apple', 'microsoft', 'btc', 'bitcoin', 'vodafone', 'US0378331005', 'sap', 'ethereum', 'tesla', 'nestle', 'msci world', 'sol', 'toyota', 'nvda', 'xrp', 'berkshire'];
const SYLLABLES = ['al', 'ver', 'to', 'mi', 'ka', 'ne', 'ro', 'sun', 'tek', 'bio', 'gen', 'fin', 'cor', 'lux', 'tra'];

function percentiles(xs: number[]) {
  const s = [...xs].sort((a, b) => a - b);
  const at = (q: number) => Number((s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? NaN).toFixed(3));
  return { p50: at(0.5), p95: at(0.95), p99: at(0.99), max: Number((s.at(-1) ?? NaN).toFixed(3)), n: s.length };
}

export async function benchSearch(opts: { instruments?: number; rounds?: number } = {}) {
  const instruments = opts.instruments ?? 500;
  const rounds = opts.rounds ?? 20;
  const dataDir = mkdtempSync(join(tmpdir(), 'bourse-bench-search-'));
  const app = await compose({ dataDir, settings: openConfStore(dataDir), logger: { error: () => undefined } });
  try {
    const created = await app.dispatch('profile:create', { username: 'bench', password: 'bench-password' });
    if (!created.ok) throw new Error(JSON.stringify(created));
    const random = mulberry32(7);
    const word = () => Array.from({ length: 2 + Math.floor(random() * 2) }, () => SYLLABLES[Math.floor(random() * SYLLABLES.length)]).join('');
    for (let i = 0; i < instruments; i++) {
      const crypto = i % 5 === 0;
      const name = `${word()} ${word()}`.replace(/^./, (c) => c.toUpperCase());
      const symbol = crypto ? `C${i}X-USD` : `${name.slice(0, 3).toUpperCase()}${i}`;
      const r = await app.dispatch('instrument:add', { symbol, name: crypto ? name : `${name} Holdings`, assetClass: crypto ? 'crypto' : 'stock', quoteCurrency: crypto ? 'USD' : ['USD', 'EUR', 'GBP'][i % 3]!, providerSymbols: { yahoo: symbol } });
      if (!r.ok) throw new Error(JSON.stringify(r));
    }

    const keystroke = async (query: string) => {
      const t0 = performance.now();
      const r = await app.dispatch('instruments:search', { query, remote: false });
      const ms = performance.now() - t0;
      if (!r.ok) throw new Error(JSON.stringify(r));
      return { ms, first: (r.data as { results: { symbol: string }[] }).results[0]?.symbol ?? null };
    };
    const cold = await keystroke('a'); // reads the coin list if the start-up read has not finished

    const all: number[] = [];
    const byLength: Record<'1 letter' | '2 letters' | '3+ letters', number[]> = { '1 letter': [], '2 letters': [], '3+ letters': [] };
    const firstResults: Record<string, string | null> = {};
    for (let round = 0; round < rounds; round++) {
      for (const w of WORDS) {
        for (let n = 1; n <= w.length; n++) {
          const { ms, first } = await keystroke(w.slice(0, n));
          all.push(ms);
          byLength[n === 1 ? '1 letter' : n === 2 ? '2 letters' : '3+ letters'].push(ms);
          if (n === w.length) firstResults[w] = first;
        }
      }
    }
    return {
      name: 'instrument-search-keystroke-through-dispatch',
      catalogueInstruments: instruments,
      keystrokes: all.length,
      coldFirstKeystrokeMs: Number(cold.ms.toFixed(3)),
      latencyMs: percentiles(all),
      targetP95Ms: 50,
      byQueryLength: Object.fromEntries(Object.entries(byLength).map(([k, xs]) => [k, percentiles(xs)])),
      firstResultForWholeWord: firstResults,
    };
  } finally {
    await app.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
