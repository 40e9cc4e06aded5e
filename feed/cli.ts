import { parseArgs } from 'node:util';
import { readSeedFile } from './seed-file.js';
import { startFeedServer, type FeedMode } from './server.js';

/**
 * `npm run feed -- --port <n> --mode relay|simulate|replay [--file x.ndjson] [--rate n] [--speed n] [--loop]
 *  [--symbols A,B] [--seed prices.json] [--host h] [--no-fallback]`
 * Prints `Bourse feed: <url>` once listening (scripts and tests wait for that line).
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
});
console.log(`Bourse feed: ${server.url}`);

const stop = () => {
  void server.close().then(() => process.exit(0));
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
