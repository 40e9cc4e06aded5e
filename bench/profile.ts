import { Session } from 'node:inspector/promises';

/**
 * A V8 sampling profile of this thread around `work`, summarised for a report: where the main thread's time went,
 * by function and caller (so `run ← ingestRates`, the row inserts, is told apart from `run ← sqliteTransaction`, the
 * BEGIN/COMMIT with its fsync). Blocking native calls (fsync) count as time in the JS frame that made them.
 */
interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
}

export async function profiled<T>(work: () => Promise<T>, top = 25): Promise<{ result: T; profile: unknown }> {
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 500 });
  await session.post('Profiler.start');
  let result: T;
  try {
    result = await work();
  } catch (err) {
    // The profiler must not outlive a failed run: it would keep sampling (and slowing) whatever runs next.
    await session.post('Profiler.stop').catch(() => undefined);
    session.disconnect();
    throw err;
  }
  const { profile } = (await session.post('Profiler.stop')) as unknown as {
    profile: { nodes: ProfileNode[]; samples: number[]; startTime: number; endTime: number };
  };
  session.disconnect();

  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const totalMs = (profile.endTime - profile.startTime) / 1000;
  const perSampleMs = totalMs / Math.max(1, profile.samples.length);
  const name = (n: ProfileNode | undefined) => {
    if (!n) return '';
    const f = n.callFrame;
    const file = f.url ? f.url.replace(/^.*\/(node_modules\/|main\/|bench\/|shared\/)/, '$1') : '';
    return `${f.functionName || '(anonymous)'}${file ? ` ${file}:${f.lineNumber + 1}` : ''}`;
  };
  const self = new Map<string, number>();
  const inclusive = new Map<string, number>();
  for (const id of profile.samples) {
    const n = byId.get(id);
    const key = `${name(n)} ← ${name(byId.get(parent.get(id) ?? -1))}`;
    self.set(key, (self.get(key) ?? 0) + perSampleMs);
    // Inclusive: every distinct function on the sampled stack, once.
    const seen = new Set<string>();
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const fn = name(byId.get(cur));
      if (seen.has(fn)) continue;
      seen.add(fn);
      inclusive.set(fn, (inclusive.get(fn) ?? 0) + perSampleMs);
    }
  }
  const rank = (m: Map<string, number>) =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([fn, ms]) => ({ fn, ms: Math.round(ms), pct: Number(((ms / totalMs) * 100).toFixed(1)) }));
  return {
    result,
    profile: { wallMs: Math.round(totalMs), samples: profile.samples.length, selfByCaller: rank(self), inclusive: rank(inclusive) },
  };
}
