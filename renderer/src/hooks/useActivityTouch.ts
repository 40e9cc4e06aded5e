import { useEffect } from 'react';
import { useSession } from '../stores/session.js';

const TOUCH_EVERY_MS = 30_000;
const ACTIVITY = ['pointerdown', 'pointermove', 'keydown', 'wheel', 'touchstart'] as const;

/**
 * Main decides when the session is idle; it only learns of activity through calls. While the user is active we send
 * `session:touch` at most every 30 s, so reading a page without clicking anything that calls main does not lock it.
 */
export function useActivityTouch(): void {
  useEffect(() => {
    let last = Date.now();
    let inFlight = false;
    const onActivity = () => {
      const now = Date.now();
      if (inFlight || now - last < TOUCH_EVERY_MS) return;
      last = now;
      inFlight = true;
      void useSession.getState().touch().then(() => {
        inFlight = false;
      });
    };
    for (const e of ACTIVITY) window.addEventListener(e, onActivity, { passive: true, capture: true });
    return () => {
      for (const e of ACTIVITY) window.removeEventListener(e, onActivity, { capture: true });
    };
  }, []);
}
