/**
 * Child process for the crash test: composes the real app on a data folder, signs in (creating the profile the first
 * time), then deposits forever. It prints `ACK <idempotencyKey> <amount> <currency>` only after dispatch answered ok,
 * so every ACK line is a deposit the app acknowledged. The parent kills it with SIGKILL at random moments.
 *
 *   node --import tsx test/support/crash-child.ts <dataDir> <seed>
 */
import { compose } from '../../main/compose.js';
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

// Small deterministic PRNG (mulberry32) so a failing round can be replayed from its seed.
let state = Number(seedArg ?? 1) >>> 0;
function rand(): number {
  state = (state + 0x6d2b79f5) >>> 0;
  let t = state;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}

function write(line: string): Promise<void> {
  // Resolve only once the line is handed to the OS, so an ACK is never "printed" while still in a JS buffer.
  return new Promise((resolve, reject) => process.stdout.write(`${line}\n`, (err) => (err ? reject(err) : resolve())));
}

// Never outlive the parent: stop when its end of stdin closes, when stdout is gone, or after a minute at most.
process.stdin.on('end', () => process.exit(0));
process.stdin.resume();
process.stdout.on('error', () => process.exit(0));
setTimeout(() => process.exit(0), 60_000).unref();

async function main(): Promise<void> {
  const app = await compose(testComposeOptions(dataDir!));
  let signedIn = await app.dispatch('profile:login', USER);
  if (!signedIn.ok && signedIn.error.code === 'INVALID_CREDENTIALS') signedIn = await app.dispatch('profile:create', USER);
  if (!signedIn.ok) throw new Error(`sign-in failed: ${JSON.stringify(signedIn)}`);
  const profile = (signedIn.data as { profile: { id: string } }).profile;
  await write(`READY ${profile.id}`);
  for (let i = 0; ; i++) {
    const c = CURRENCIES[Math.floor(rand() * CURRENCIES.length)]!;
    const units = 1 + Math.floor(rand() * 100_000);
    const amount = c.minor ? `${Math.floor(units / 10 ** c.minor)}.${String(units % 10 ** c.minor).padStart(c.minor, '0')}` : String(units);
    const key = `crash-${process.pid}-${i}-${Math.floor(rand() * 1e9)}`;
    const r = await app.dispatch('wallet:deposit', { currency: c.code, amount, note: key, idempotencyKey: key });
    if (!r.ok) throw new Error(`deposit failed: ${JSON.stringify(r)}`);
    await write(`ACK ${key} ${amount} ${c.code}`);
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`crash-child: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
