/**
 * What the crash-test children share: a small deterministic PRNG (mulberry32) so a failing round can be replayed
 * from its seed, an acknowledgement line that resolves only once handed to the OS (never "printed" while still in a
 * JS buffer), and a lifetime bound to the parent.
 */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function writeLine(line: string): Promise<void> {
  return new Promise((resolve, reject) => process.stdout.write(`${line}\n`, (err) => (err ? reject(err) : resolve())));
}

/** Never outlive the parent: stop when its end of stdin closes, when stdout is gone, or after a minute at most. */
export function exitWithParent(): void {
  process.stdin.on('end', () => process.exit(0));
  process.stdin.resume();
  process.stdout.on('error', () => process.exit(0));
  setTimeout(() => process.exit(0), 60_000).unref();
}
