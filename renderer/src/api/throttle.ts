/**
 * Runs `fn` at most once per `everyMs`: the first call runs at once, calls during the quiet period collapse into one
 * trailing run at its end. Used to refetch the portfolio on bursts of price ticks without hammering main.
 */
export function throttle(fn: () => void, everyMs: number): { (): void; cancel(): void } {
  let last = -Infinity;
  let timer: ReturnType<typeof setTimeout> | null = null;
  const run = () => {
    timer = null;
    last = Date.now();
    fn();
  };
  const throttled = () => {
    if (timer !== null) return;
    const wait = last + everyMs - Date.now();
    if (wait <= 0) run();
    else timer = setTimeout(run, wait);
  };
  throttled.cancel = () => {
    if (timer !== null) clearTimeout(timer);
    timer = null;
  };
  return throttled;
}
