import { useEffect, useState } from 'react';

/** A moment to count down to (epoch ms), and when it was set: the count starts from there, not from an older tick. */
export interface Deadline {
  until: number;
  since: number;
}

/** Milliseconds left until the deadline, ticking once a second; 0 when past or null. */
export function useCountdown(deadline: Deadline | null): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (deadline === null) return;
    const t = window.setInterval(() => setNow(Date.now()), 1000);
    return () => window.clearInterval(t);
  }, [deadline]);
  return deadline === null ? 0 : Math.max(0, deadline.until - Math.max(now, deadline.since));
}
