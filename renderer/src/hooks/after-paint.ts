import { useEffect, useState } from 'react';

/** Runs `fn` once the browser has painted what was just rendered (a frame, then a task). */
export function afterPaint(fn: () => void): () => void {
  let live = true;
  const run = () => {
    if (live) fn();
  };
  if (typeof requestAnimationFrame === 'function') requestAnimationFrame(() => setTimeout(run, 0));
  else setTimeout(run, 0);
  return () => {
    live = false;
  };
}

/**
 * How many of `steps` parts of a page have been painted: 0 until what was rendered while `ready` was true has been
 * painted once, then one more after each paint, up to `steps`, and it stays there while the component is mounted. A
 * page draws what the first screen needs, then the rest a part per frame, so no single task holds the page long.
 */
export function usePaintSteps(ready: boolean, steps: number): number {
  const [painted, setPainted] = useState(0);
  useEffect(() => {
    if (!ready || painted >= steps) return;
    return afterPaint(() => setPainted((n) => Math.min(steps, n + 1)));
  }, [ready, painted, steps]);
  return painted;
}
