import { useEffect, useState } from 'react';

/** The current time, re-read every `everyMs` (one second by default) so ages like "3 s ago" keep ticking. */
export function useNow(everyMs = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = window.setInterval(() => setNow(Date.now()), everyMs);
    return () => window.clearInterval(t);
  }, [everyMs]);
  return now;
}
