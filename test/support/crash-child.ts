/**
 * Child process for the crash test: composes the real app on a data folder, signs in (creating the profile the first
 * time), then deposits forever. It prints `ACK <idempotencyKey> <amount> <currency>` only after dispatch answered ok,
 * so every ACK line is a deposit the app acknowledged. The parent kills it with SIGKILL at random moments.
 *
 *   node --import tsx test/support/crash-child.ts <dataDir> <seed>
 */
import { compose } from '../../main/compose.js';
import { exitWithParent, seededRandom, writeLine } from './child-process-io.js';
import { testComposeOptions } from './options.js';

const [dataDir, seedArg] = process.argv.slice(2);
if (!dataDir) {
  process.stderr.write('usage: crash-child <dataDir> <seed>\n');
  process.exit(2);
}
const USER = { username: 'crash', password: 'crash-test-password' };
const CURRENCIES = [
  { code: 'USD', minor: 2 },
  { code: 'EUR', minor: 2 },
  { code: 'JPY', minor: 0 },
  { code: 'BHD', minor: 3 },
];

const rand = seededRandom(Number(seedArg ?? 1));


exitWithParent();

async function main(): Promise<void> {
  const app = await compose(testComposeOptions(dataDir!));
  let signedIn = await app.dispatch('profile:login', USER);
  if (!signedIn.ok && signedIn.error.code === 'INVALID_CREDENTIALS') signedIn = await app.dispatch('profile:create', USER);
  if (!signedIn.ok) throw new Error(`sign-in failed: ${JSON.stringify(signedIn)}`);
  const profile = (signedIn.data as { profile: { id: string } }).profile;
  await writeLine(`READY ${profile.id}`);
  for (let i = 0; ; i++) {
    const c = CURRENCIES[Math.floor(rand() * CURRENCIES.length)]!;
    const units = 1 + Math.floor(rand() * 100_000);
    const amount = c.minor ? `${Math.floor(units / 10 ** c.minor)}.${String(units % 10 ** c.minor).padStart(c.minor, '0')}` : String(units);
    const key = `crash-${process.pid}-${i}-${Math.floor(rand() * 1e9)}`;
    const r = await app.dispatch('wallet:deposit', { currency: c.code, amount, note: key, idempotencyKey: key });
    if (!r.ok) throw new Error(`deposit failed: ${JSON.stringify(r)}`);
    await writeLine(`ACK ${key} ${amount} ${c.code}`);
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`crash-child: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
