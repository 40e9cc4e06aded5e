import { parseArgs } from 'node:util';
import { readSeedFile } from './seed-file.js';
import { startFeedServer, type FeedMode } from './server.js';

/**
 * `npm run feed -- --port <n> --mode relay|simulate|replay [--file x.ndjson] [--rate n] [--speed n] [--loop]
 *  [--symbols A,B] [--seed prices.json] [--host h] [--no-fallback] [--token t] [--allowed-hosts a,b]
 *  [--redis redis://host:6379] [--node name] [--lease-ms n] [--prefix p] [--batch-ms n]`
 * Prints `Bourse feed: <url>` once listening (scripts and tests wait for that line).
 * The token may come from BOURSE_FEED_TOKEN instead (kept out of the process list); without one any client is served.
 * With --redis (or BOURSE_FEED_REDIS) the server joins that Redis's feed cluster (docs/feed-cluster.md).
 */
const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '0' },
    host: { type: 'string', default: '127.0.0.1' },
    mode: { type: 'string', default: 'relay' },
    file: { type: 'string' },
    rate: { type: 'string' },
    speed: { type: 'string' },
    loop: { type: 'boolean', default: false },
    symbols: { type: 'string' },
    seed: { type: 'string' },
    'no-fallback': { type: 'boolean', default: false },
    token: { type: 'string' },
    'allowed-hosts': { type: 'string' },
    redis: { type: 'string' },
    node: { type: 'string' },
    'lease-ms': { type: 'string' },
    prefix: { type: 'string' },
    'batch-ms': { type: 'string' },
  },
});

const mode = values.mode as FeedMode;
if (!['relay', 'simulate', 'replay'].includes(mode)) {
  console.error(`unknown --mode ${values.mode} (relay, simulate or replay)`);
  process.exit(2);
}
const num = (v: string | undefined) => (v === undefined ? undefined : Number(v));

const server = await startFeedServer({
  port: Number(values.port),
  host: values.host,
  mode,
  file: values.file,
  rate: num(values.rate),
  speed: num(values.speed),
  loop: values.loop,
  symbols: values.symbols?.split(',').filter(Boolean),
  seedPrices: values.seed ? readSeedFile(values.seed) : undefined,
  fallbackToSimulate: !values['no-fallback'],
  token: values.token || process.env.BOURSE_FEED_TOKEN || null,
  allowedHosts: (values['allowed-hosts'] ?? process.env.BOURSE_FEED_ALLOWED_HOSTS)?.split(',').filter(Boolean),
  redis: values.redis || process.env.BOURSE_FEED_REDIS || undefined,
  batchMs: num(values['batch-ms']),
  cluster: { node: values.node, leaseMs: num(values['lease-ms']), prefix: values.prefix },
});
console.log(`Bourse feed: ${server.url}`);

const stop = () => {
  void server.close().then(() => process.exit(0));
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
