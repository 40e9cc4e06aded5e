import { readFileSync, readdirSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * A local stand-in for every market-data provider: a real HTTP server on 127.0.0.1 (port 0) that replays recorded-
 * shape responses from test/fixtures/providers/<provider>/. Each provider lives under its own path prefix, so an
 * adapter's base URL is `${url}/<provider>` (see `baseUrls`, or `env` for the BOURSE_<PROVIDER>_URL variables).
 *
 * Fixture files are named `<name>[.<status>].<json|xml|html|txt>`; `<name>` is the scenario, prefixed with
 * `latest-` for the provider's "latest" endpoint, `fx-` for Alpha Vantage FX_DAILY (falling back to the plain
 * scenario file) or `search-` for its search endpoint (`search-apple` answers the words "apple", `search` any other). A directory `<scenario>/` holds per-path files keyed by the last path segment (Open Exchange
 * Rates' historical/2020-03-02.json). Scenarios that need no file:
 *   rate_limited  HTTP 429 + Retry-After (default "2"; body from rate_limited.* if present)
 *   html          HTTP 200 text/html: a block/consent page instead of data
 *   server_error  HTTP 503
 *   wrong_shape   HTTP 200, valid JSON (XML for ecb) that is not the provider's shape
 *   timeout       accept the request and never answer (until close())
 * Any scenario can be made slow with `{ delayMs }`.
 * Every request is recorded (provider, path, query, headers) so tests can assert what was asked.
 */
export const FIXTURE_PROVIDERS = [
  'frankfurter',
  'ecb',
  'open-exchange-rates',
  'currency-beacon',
  'binance',
  'coingecko',
  'coinbase',
  'yahoo',
  'alpha-vantage',
  'finnhub',
] as const;
export type FixtureProvider = (typeof FIXTURE_PROVIDERS)[number];

export type Scenario =
  | 'normal'
  | 'gaps'
  | 'null_closes'
  | 'pence'
  | 'unknown_symbol'
  | 'throttle_body'
  | 'rate_limited'
  | 'html'
  | 'timeout'
  | 'server_error'
  | 'wrong_shape'
  | 'auth'
  // any other fixture file name (e.g. alpha-vantage 'information', 'premium')
  | (string & {});

export interface ScenarioOptions {
  /** Retry-After header for `rate_limited` (seconds or an HTTP-date). */
  retryAfter?: string;
  /** Answer this many milliseconds late (a slow provider), whatever the scenario. */
  delayMs?: number;
}

export interface RecordedRequest {
  provider: string;
  method: string;
  path: string;
  query: Record<string, string>;
  headers: Record<string, string | string[] | undefined>;
  scenario: Scenario;
  at: number;
}

export interface FixtureServer {
  /** http://127.0.0.1:<port> */
  url: string;
  /** Base URL per provider, ready for ProviderSetting.baseUrl. */
  baseUrls: Record<FixtureProvider, string>;
  /** BOURSE_<PROVIDER>_URL variables pointing at this server (for the app under E2E). */
  env: Record<string, string>;
  requests: RecordedRequest[];
  requestsFor(provider: FixtureProvider): RecordedRequest[];
  clearRequests(): void;
  setScenario(provider: FixtureProvider, scenario: Scenario, opts?: ScenarioOptions): void;
  /** Every provider back to 'normal'. */
  reset(): void;
  close(): Promise<void>;
}

export interface FixtureServerOptions {
  fixturesDir?: string;
  host?: string;
  port?: number;
  /**
   * Serve every YYYY-MM-DD date in fixture bodies this many days later (and accept requests for the shifted dates).
   * A multiple of 7 keeps weekdays: the E2E uses `recentShiftDays()` so the recorded March 2020 week becomes the
   * latest one, inside the app's sync window and reaching "today". 0 (default) serves the files as recorded.
   */
  shiftDays?: number;
}

/** The last day the recorded FX fixtures (frankfurter, ecb) publish: Friday 2020-03-06. */
export const FIXTURE_LAST_DAY = '2020-03-06';

const DAY_MS = 86_400_000;

/** `date` moved by `days` calendar days (YYYY-MM-DD, UTC). */
export function shiftDate(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Whole weeks that move FIXTURE_LAST_DAY to the latest same weekday on or before `today` (YYYY-MM-DD). */
export function recentShiftDays(today: string = new Date().toISOString().slice(0, 10)): number {
  const days = Math.round((Date.parse(`${today}T00:00:00Z`) - Date.parse(`${FIXTURE_LAST_DAY}T00:00:00Z`)) / DAY_MS);
  return Math.floor(days / 7) * 7;
}

const ISO_DAY = /(?<!\d)(\d{4}-\d{2}-\d{2})(?!\d)/g;

const here = dirname(fileURLToPath(import.meta.url));
export const DEFAULT_FIXTURES_DIR = resolve(here, '../fixtures/providers');

const CONTENT_TYPES: Record<string, string> = {
  json: 'application/json; charset=utf-8',
  xml: 'text/xml; charset=utf-8',
  html: 'text/html; charset=utf-8',
  txt: 'text/plain; charset=utf-8',
};

/** Which endpoint of a provider a request hits: '' (history), 'latest-', or 'fx-' (Alpha Vantage FX_DAILY). */
function variantOf(provider: string, rest: string, query: URLSearchParams): string {
  const fn = query.get('function') ?? '';
  if (isSearch(provider, rest, fn)) return 'search-';
  switch (provider) {
    case 'frankfurter':
    case 'currency-beacon':
      return rest === '/latest' ? 'latest-' : '';
    case 'ecb':
      return rest.endsWith('eurofxref-daily.xml') ? 'latest-' : '';
    case 'open-exchange-rates':
      return rest === '/latest.json' ? 'latest-' : '';
    case 'binance':
      return rest.startsWith('/api/v3/ticker') ? 'latest-' : '';
    case 'coingecko':
      return rest.startsWith('/simple/price') ? 'latest-' : '';
    case 'coinbase':
      return rest.endsWith('/ticker') ? 'latest-' : '';
    case 'yahoo':
      return query.has('range') ? 'latest-' : '';
    case 'alpha-vantage':
      return fn === 'GLOBAL_QUOTE' || fn === 'CURRENCY_EXCHANGE_RATE' ? 'latest-' : fn === 'FX_DAILY' ? 'fx-' : '';
    case 'finnhub':
      return rest === '/quote' ? 'latest-' : '';
    default:
      return '';
  }
}

/** The providers' search endpoints (Binance's is its symbol list). */
function isSearch(provider: string, rest: string, fn: string): boolean {
  switch (provider) {
    case 'yahoo':
      return rest === '/v1/finance/search';
    case 'finnhub':
    case 'coingecko':
      return rest === '/search';
    case 'alpha-vantage':
      return fn === 'SYMBOL_SEARCH';
    case 'binance':
      return rest === '/api/v3/exchangeInfo';
    default:
      return false;
  }
}

/** A search's words as a file name part: `apple`, `us0378331005`. */
function searchTerm(query: URLSearchParams): string {
  return (query.get('q') ?? query.get('query') ?? query.get('keywords') ?? '').trim().toLowerCase().replace(/[^a-z0-9]+/g, '-');
}

interface Found {
  file: string;
  status: number;
  ext: string;
}

function findFile(dir: string, names: string[]): Found | undefined {
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return undefined;
  }
  for (const name of names) {
    for (const e of entries) {
      const m = /^(.+?)(?:\.(\d{3}))?\.(json|xml|html|txt)$/.exec(e);
      if (m && m[1] === name && statSync(join(dir, e)).isFile()) return { file: join(dir, e), status: m[2] ? Number(m[2]) : 200, ext: m[3]! };
    }
  }
  return undefined;
}

/**
 * Candidate file names for a scenario, most specific first ('latest' for the latest endpoint's normal answer). A
 * search's normal answer is `search-<term>` for the words asked, else `search` (an empty answer in the provider's shape).
 */
function namesFor(variant: string, scenario: string, term = ''): string[] {
  const names: string[] = [];
  if (variant === 'search-') {
    if (scenario === 'normal') return term ? [`search-${term}`, 'search'] : ['search'];
    return [`search-${scenario}`, scenario];
  }
  if (variant) names.push(scenario === 'normal' && variant === 'latest-' ? 'latest' : `${variant}${scenario}`);
  if (variant === 'latest-' && scenario !== 'normal') names.push(`latest-${scenario}`);
  names.push(scenario);
  return names;
}

export async function startFixtureServer(opts: FixtureServerOptions = {}): Promise<FixtureServer> {
  const root = opts.fixturesDir ?? DEFAULT_FIXTURES_DIR;
  const shift = opts.shiftDays ?? 0;
  const scenarios = new Map<string, { scenario: Scenario; opts: ScenarioOptions }>();
  const requests: RecordedRequest[] = [];
  const hanging = new Set<ServerResponse>();

  const send = (res: ServerResponse, status: number, body: string | Buffer, type: string, headers: Record<string, string> = {}) => {
    res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store', ...headers });
    res.end(body);
  };

  const answer = (req: IncomingMessage, res: ServerResponse) => {
    const u = new URL(req.url ?? '/', 'http://fixture');
    const [, provider = '', ...restParts] = u.pathname.split('/');
    const rest = `/${restParts.join('/')}`;
    const current = scenarios.get(provider) ?? { scenario: 'normal', opts: {} };
    requests.push({
      provider,
      method: req.method ?? 'GET',
      path: u.pathname,
      query: Object.fromEntries(u.searchParams),
      headers: req.headers,
      scenario: current.scenario,
      at: Date.now(),
    });
    if (!(FIXTURE_PROVIDERS as readonly string[]).includes(provider)) {
      return send(res, 404, `no provider "${provider}" on the fixture server`, CONTENT_TYPES.txt!);
    }
    const dir = join(root, provider);
    const { scenario } = current;
    const variant = variantOf(provider, rest, u.searchParams);

    if (scenario === 'timeout') {
      hanging.add(res); // never answered; close() ends it
      res.on('close', () => hanging.delete(res));
      return;
    }
    if (scenario === 'html') {
      const f = findFile(dir, ['html']) ?? findFile(join(root, '_shared'), ['html']);
      return send(res, 200, f ? readFileSync(f.file) : '<!DOCTYPE html><html><body>blocked</body></html>', CONTENT_TYPES.html!);
    }
    if (scenario === 'rate_limited') {
      const f = findFile(dir, namesFor(variant, 'rate_limited'));
      const body = f ? readFileSync(f.file) : 'Too Many Requests';
      return send(res, 429, body, CONTENT_TYPES[f?.ext ?? 'txt']!, { 'retry-after': current.opts.retryAfter ?? '2' });
    }
    if (scenario === 'wrong_shape') {
      return provider === 'ecb'
        ? send(res, 200, '<?xml version="1.0"?><gesmes:Envelope xmlns:gesmes="g"><Cube><Cube time="soon"/></Cube></gesmes:Envelope>', CONTENT_TYPES.xml!)
        : send(res, 200, JSON.stringify({ unexpected: 'shape', data: [1, 2, 3] }), CONTENT_TYPES.json!);
    }
    if (scenario === 'server_error') {
      return send(res, 503, '<html><body><h1>503 Service Temporarily Unavailable</h1></body></html>', CONTENT_TYPES.html!);
    }

    // Per-path files first (a directory named after the scenario), then the scenario file.
    const last = restParts[restParts.length - 1] ?? '';
    const segment = shift ? last.replace(ISO_DAY, (d) => shiftDate(d, -shift)) : last;
    const perPath = segment ? findFile(join(dir, scenario), [segment.replace(/\.(json|xml)$/, '')]) : undefined;
    const f = perPath ?? findFile(dir, namesFor(variant, scenario, searchTerm(u.searchParams)));
    if (!f) {
      return send(res, 404, JSON.stringify({ message: `no fixture for ${provider} ${scenario} ${rest}` }), CONTENT_TYPES.json!);
    }
    const body = readFileSync(f.file);
    return send(res, f.status, shift ? body.toString('utf8').replace(ISO_DAY, (d) => shiftDate(d, shift)) : body, CONTENT_TYPES[f.ext]!);
  };

  const handle = (req: IncomingMessage, res: ServerResponse) => {
    const provider = new URL(req.url ?? '/', 'http://fixture').pathname.split('/')[1] ?? '';
    const delayMs = scenarios.get(provider)?.opts.delayMs ?? 0;
    if (delayMs <= 0) return answer(req, res);
    // Held like a hanging request meanwhile, so close() does not wait for it.
    hanging.add(res);
    const timer = setTimeout(() => {
      hanging.delete(res);
      if (!res.destroyed) answer(req, res);
    }, delayMs);
    res.on('close', () => {
      clearTimeout(timer);
      hanging.delete(res);
    });
  };

  const server = createServer(handle);
  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', () => ok());
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://${opts.host ?? '127.0.0.1'}:${port}`;
  const baseUrls = Object.fromEntries(FIXTURE_PROVIDERS.map((p) => [p, `${url}/${p}`])) as Record<FixtureProvider, string>;
  const env = Object.fromEntries(FIXTURE_PROVIDERS.map((p) => [`BOURSE_${p.toUpperCase().replace(/-/g, '_')}_URL`, baseUrls[p]]));

  return {
    url,
    baseUrls,
    env,
    requests,
    requestsFor: (p) => requests.filter((r) => r.provider === p),
    clearRequests: () => void requests.splice(0),
    setScenario: (p, scenario, o = {}) => void scenarios.set(p, { scenario, opts: o }),
    reset: () => scenarios.clear(),
    close: () =>
      new Promise<void>((ok) => {
        for (const r of hanging) r.destroy();
        hanging.clear();
        server.closeAllConnections();
        server.close(() => ok());
      }),
  };
}
