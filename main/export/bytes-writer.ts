import { open } from 'node:fs/promises';
import { commitTemp, removeQuietly, tempPathFor } from '../files/durable.js';

/**
 * A whole file made in memory (a PDF statement: a few hundred KB at most) written as the streamed exports are: a new
 * temp file ('wx', 0600), then commitTemp's fsync + rename, so the final name only ever points at complete bytes.
 */
export async function writeBytesAtomically(final: string, bytes: Uint8Array): Promise<{ path: string; bytes: number }> {
  const temp = tempPathFor(final);
  const handle = await open(temp, 'wx', 0o600);
  try {
    await handle.writeFile(bytes);
  } catch (err) {
    await handle.close().catch(() => undefined);
    await removeQuietly(temp);
    throw err;
  }
  await handle.close();
  try {
    await commitTemp(temp, final);
  } catch (err) {
    await removeQuietly(temp);
    throw err;
  }
  return { path: final, bytes: bytes.length };
}
