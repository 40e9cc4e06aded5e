import { useEffect } from 'react';
import { useSession } from '../stores/session.js';

const TOUCH_EVERY_MS = 10_000;
const ACTIVITY = ['pointerdown', 'pointermove', 'keydown', 'wheel', 'touchstart'] as const;

/**
 * Main locks the session after the idle time, and only real user input counts as activity there: API calls (quote
 * polling, refetches on ticks) do not. So the page reports input with `session:touch`: at once after a quiet spell,
 * then at most once every 10 s, with one trailing touch for input inside that window so the last input is never lost.
 */
export function useActivityTouch(): void {
  useEffect(() => {
    let lastSent = 0;
    let trailing: number | undefined;
    const send = () => {
      trailing = undefined;
      lastSent = Date.now();
      void useSession.getState().touch();
    };
    const onActivity = () => {
      if (trailing !== undefined) return;
      const wait = lastSent + TOUCH_EVERY_MS - Date.now();
      if (wait <= 0) send();
      else trailing = window.setTimeout(send, wait);
    };
    for (const e of ACTIVITY) window.addEventListener(e, onActivity, { passive: true, capture: true });
    return () => {
      if (trailing !== undefined) window.clearTimeout(trailing);
      for (const e of ACTIVITY) window.removeEventListener(e, onActivity, { capture: true });
    };
  }, []);
}
