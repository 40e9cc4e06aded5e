/**
 * Child process for the transfer crash test: composes the real app on a data folder, signs in (creating the profile
 * and its Broker account, 1000 AAPL and 100,000 USD in Main, the first time), then moves units and cash between Main
 * and Broker forever. It prints `ACK <idempotencyKey> <kind> <from> <to> <amount>` only after dispatch answered ok, so
 * every ACK line is a transfer the app acknowledged. The parent kills it with SIGKILL at random moments.
 *
 *   node --import tsx test/support/transfer-crash-child.ts <dataDir> <seed>
 */
import { compose } from '../../main/compose.js';
import { exitWithParent, seededRandom, writeLine } from './child-process-io.js';
import { testComposeOptions } from './options.js';

const [dataDir, seedArg] = process.argv.slice(2);
if (!dataDir) {
  process.stderr.write('usage: transfer-crash-child <dataDir> <seed>\n');
  process.exit(2);
}
const USER = { username: 'crash', password: 'crash-test-password' };
const rand = seededRandom(Number(seedArg ?? 1));

exitWithParent();

async function main(): Promise<void> {
  const app = await compose(testComposeOptions(dataDir!));
  const call = async <T>(channel: string, payload: unknown): Promise<T> => {
    const r = await app.dispatch(channel as never, payload as never);
    if (!r.ok) throw Object.assign(new Error(`${channel}: ${JSON.stringify(r.error)}`), { code: r.error.code });
    return r.data as T;
  };
  let signedIn = await app.dispatch('profile:login', USER);
  if (!signedIn.ok && signedIn.error.code === 'INVALID_CREDENTIALS') signedIn = await app.dispatch('profile:create', USER);
  if (!signedIn.ok) throw new Error(`sign-in failed: ${JSON.stringify(signedIn)}`);
  const profile = (signedIn.data as { profile: { id: string } }).profile;
  // Set-up steps that a kill may cut anywhere: each is idempotent (a fixed key, or looked up first).
  const accounts = await call<{ id: string; name: string }[]>('account:list', {});
  const broker = accounts.find((a) => a.name === 'Broker') ?? (await call<{ id: string }>('account:create', { name: 'Broker', kind: 'brokerage' }));
  const instruments = await call<{ symbol: string }[]>('instrument:list', {});
  if (!instruments.some((i) => i.symbol === 'AAPL')) await call('instrument:add', { symbol: 'AAPL', name: 'Apple Inc.', assetClass: 'stock', quoteCurrency: 'USD' });
  await call('activity:record', { type: 'deposit', currency: 'USD', amount: '200000', date: '2024-01-02', idempotencyKey: 'setup-deposit' });
  await call('activity:record', { type: 'buy', symbol: 'AAPL', quantity: '1000', price: '100', date: '2024-01-03', idempotencyKey: 'setup-buy' });
  await writeLine(`READY ${profile.id} ${broker.id}`);
  for (let i = 0; ; i++) {
    const toBroker = rand() < 0.5;
    const [from, to] = toBroker ? ['main', broker.id] : [broker.id, 'main'];
    const key = `xfer-${process.pid}-${i}-${Math.floor(rand() * 1e9)}`;
    const units = rand() < 0.6;
    const amount = units ? String(1 + Math.floor(rand() * 20)) : `${1 + Math.floor(rand() * 500)}.${String(Math.floor(rand() * 100)).padStart(2, '0')}`;
    const req = units ? { symbol: 'AAPL', quantity: amount } : { currency: 'USD', amount };
    const r = await app.dispatch('account:transfer', { fromAccountId: from, toAccountId: to, date: '2024-02-01', idempotencyKey: key, ...req });
    if (!r.ok) {
      // One side ran dry: the refusal wrote nothing, so it is not acknowledged either.
      if (r.error.code === 'INSUFFICIENT_HOLDING' || r.error.code === 'INSUFFICIENT_FUNDS') continue;
      throw new Error(`transfer failed: ${JSON.stringify(r)}`);
    }
    await writeLine(`ACK ${key} ${units ? 'units' : 'cash'} ${from} ${to} ${amount}`);
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`transfer-crash-child: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
