/**
 * Child process for the orders crash test: the real app on a data folder, following the parent's feed server, places
 * a random stream of orders (small crypto buys that aggregate, market and limit stock orders, sells, cancels,
 * deposits). It prints `ACK <orderId> <state>` only after dispatch answered ok. The parent kills it with SIGKILL.
 *
 *   node --import tsx test/support/orders-crash-child.ts <dataDir> <seed> <feedUrl>
 */
import { compose } from '../../main/compose.js';
import { exitWithParent, seededRandom, writeLine } from './child-process-io.js';
import { testComposeOptions } from './options.js';
import { inProcessWorker } from './worker-app.js';

const [dataDir, seedArg, feedUrl] = process.argv.slice(2);
if (!dataDir || !feedUrl) {
  process.stderr.write('usage: orders-crash-child <dataDir> <seed> <feedUrl>\n');
  process.exit(2);
}
const USER = { username: 'crash', password: 'crash-test-password' };
const ALLOWED = new Set(['INSUFFICIENT_FUNDS', 'INSUFFICIENT_HOLDING', 'ILLEGAL_TRANSITION', 'STALE_PRICE', 'PRICE_NEEDS_CONFIRMATION', 'DUPLICATE']);

const rand = seededRandom(Number(seedArg ?? 1));


exitWithParent();

async function main(): Promise<void> {
  const app = await compose(
    testComposeOptions(dataDir!, {
      feedUrl,
      startWorker: inProcessWorker,
    }),
  );
  const call = async (channel: string, payload: unknown) => {
    const r = await app.dispatch(channel, payload);
    if (!r.ok) throw new Error(`${channel}: ${JSON.stringify(r.error)}`);
    return r.data as Record<string, unknown>;
  };
  let signedIn = await app.dispatch('profile:login', USER);
  if (!signedIn.ok && signedIn.error.code === 'INVALID_CREDENTIALS') signedIn = await app.dispatch('profile:create', USER);
  if (!signedIn.ok) throw new Error(`sign-in failed: ${JSON.stringify(signedIn)}`);
  const profile = (signedIn.data as { profile: { id: string } }).profile;
  for (const i of [
    { symbol: 'AAPL', name: 'Apple', assetClass: 'stock', quoteCurrency: 'USD' },
    { symbol: 'BTC-USD', name: 'Bitcoin', assetClass: 'crypto', quoteCurrency: 'USD' },
  ]) {
    const r = await app.dispatch('instrument:add', i);
    if (!r.ok && r.error.code !== 'DUPLICATE') throw new Error(JSON.stringify(r.error));
  }
  await call('settings:update', { trading: { ordersPerMinute: 10_000, aggregationWindowSeconds: 1, maxDeviation: '1' } });
  // Wait for live prices of both.
  const end = Date.now() + 20_000;
  for (;;) {
    const q = await Promise.all(['AAPL', 'BTC-USD'].map((symbol) => app.dispatch('orders:quote', { symbol, side: 'buy', type: 'market', quantity: '1' })));
    if (q.every((r) => r.ok && !(r.data as { stale: boolean }).stale)) break;
    if (Date.now() > end) throw new Error(`no live prices: ${JSON.stringify(q)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  await writeLine(`READY ${profile.id}`);
  const mine: string[] = [];
  for (let i = 0; ; i++) {
    const k = `oc-${process.pid}-${i}-${Math.floor(rand() * 1e9)}`;
    const x = rand();
    let channel = 'orders:place';
    let payload: Record<string, unknown>;
    if (x < 0.1) {
      channel = 'wallet:deposit';
      payload = { currency: 'USD', amount: '100', idempotencyKey: k };
    } else if (x < 0.45) payload = { symbol: 'BTC-USD', side: 'buy', type: 'market', amount: String(3 + Math.floor(rand() * 5)) };
    else if (x < 0.65) payload = { symbol: 'AAPL', side: 'buy', type: 'market', quantity: `0.0${1 + Math.floor(rand() * 9)}` };
    else if (x < 0.75) payload = { symbol: 'AAPL', side: 'sell', type: 'market', quantity: '0.01' };
    else if (x < 0.9) payload = { symbol: 'AAPL', side: rand() < 0.5 ? 'buy' : 'sell', type: 'limit', quantity: '0.05', limitPrice: rand() < 0.5 ? '150' : '250', confirm: true };
    else {
      if (mine.length === 0) continue;
      channel = 'orders:cancel';
      payload = { id: mine[Math.floor(rand() * mine.length)]! };
    }
    const r = await app.dispatch(channel, { idempotencyKey: k, ...payload });
    if (!r.ok) {
      if (!ALLOWED.has(r.error.code)) throw new Error(`${channel} ${JSON.stringify(payload)}: ${JSON.stringify(r.error)}`);
      continue;
    }
    if (channel === 'wallet:deposit') {
      await writeLine(`DEPOSIT ${k}`);
      continue;
    }
    const o = r.data as { id: string; state: string; total: string };
    if (channel === 'orders:place') mine.push(o.id);
    await writeLine(`ACK ${o.id} ${o.state} ${o.total}`);
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`orders-crash-child: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
