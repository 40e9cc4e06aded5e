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
 * False until what was rendered while `ready` was true has been painted once, then true for as long as the component
 * stays mounted: a page draws what the first screen needs, and the rest after that first paint.
 */
export function usePaintedOnce(ready: boolean): boolean {
  const [painted, setPainted] = useState(false);
  useEffect(() => {
    if (!ready || painted) return;
    return afterPaint(() => setPainted(true));
  }, [ready, painted]);
  return painted;
}
