/**
 * Child process for the re-key crash tests: composes the real app on a data folder, signs in with the first of two
 * passwords that works, deposits a few times (printing `ACK <key>` only after dispatch answered ok), prints `REKEY`,
 * then changes the password (mode `change`) or just signs in again (mode `encrypt`: the parent made the profile's
 * database plain, so signing in encrypts it). `DONE` follows success. The parent kills it with SIGKILL meanwhile.
 *
 *   node --import tsx test/support/rekey-child.ts <dataDir> <change|encrypt> <username> <passwordA> <passwordB>
 */
import { compose } from '../../main/compose.js';
import { exitWithParent, writeLine } from './child-process-io.js';
import { testComposeOptions } from './options.js';

const [dataDir, mode, username, passwordA, passwordB] = process.argv.slice(2);

exitWithParent();

async function main(): Promise<void> {
  const app = await compose(testComposeOptions(dataDir!));
  if (mode === 'encrypt') {
    await writeLine('REKEY');
    const r = await app.dispatch('profile:login', { username: username!, password: passwordA! });
    if (!r.ok) throw new Error(`sign-in failed: ${JSON.stringify(r)}`);
    await writeLine('DONE');
    return;
  }
  let password = passwordA!;
  let r = await app.dispatch('profile:login', { username: username!, password });
  if (!r.ok) {
    password = passwordB!;
    r = await app.dispatch('profile:login', { username: username!, password });
  }
  if (!r.ok) throw new Error(`sign-in failed: ${JSON.stringify(r)}`);
  for (let i = 0; i < 5; i++) {
    const key = `rekey-${process.pid}-${i}`;
    const d = await app.dispatch('wallet:deposit', { currency: 'USD', amount: '1.25', note: key, idempotencyKey: key });
    if (!d.ok) throw new Error(`deposit failed: ${JSON.stringify(d)}`);
    await writeLine(`ACK ${key}`);
  }
  await writeLine('REKEY');
  const next = password === passwordA ? passwordB! : passwordA!;
  const c = await app.dispatch('profile:change-password', { current: password, next });
  if (!c.ok) throw new Error(`change failed: ${JSON.stringify(c)}`);
  await writeLine(`DONE ${next}`);
}

main().catch((err: unknown) => {
  process.stderr.write(`rekey-child: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
