/**
 * Child process for the crash test of encrypting plain backups: composes the real app on a data folder the parent
 * left as before encryption (a plain profile and plain backups), prints `START`, signs in (which encrypts the
 * profile, then its backups in the background), prints `SIGNED-IN`, waits for the backups through `backup:list` and
 * prints `DONE`. The parent kills it with SIGKILL meanwhile.
 *
 *   node --import tsx test/support/backup-plain-child.ts <dataDir> <username> <password>
 */
import { compose } from '../../main/compose.js';
import { exitWithParent, writeLine } from './child-process-io.js';
import { testComposeOptions } from './options.js';

const [dataDir, username, password] = process.argv.slice(2);

exitWithParent();

async function main(): Promise<void> {
  const app = await compose(testComposeOptions(dataDir!));
  await writeLine('START');
  const r = await app.dispatch('profile:login', { username: username!, password: password! });
  if (!r.ok) throw new Error(`sign-in failed: ${JSON.stringify(r)}`);
  await writeLine('SIGNED-IN');
  const l = await app.dispatch('backup:list', {});
  if (!l.ok) throw new Error(`listing failed: ${JSON.stringify(l)}`);
  await writeLine('DONE');
}

main().catch((err: unknown) => {
  process.stderr.write(`backup-plain-child: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
