import { useEffect } from 'react';
import { PAGES } from '../nav/pages.js';
import { isPaletteKey, isPrivacyKey, typingInto } from '../palette/shortcuts.js';
import { useNav } from '../stores/nav.js';
import { usePalette } from '../stores/palette.js';
import { useSettings } from '../stores/settings.js';

/** How long after G the page's letter is awaited. */
const SEQUENCE_MS = 1500;

/**
 * The signed-in app's keyboard shortcuts (listed in the command palette): Ctrl/⌘K the palette, Ctrl/⌘⇧H privacy mode,
 * and G then a page's letter to open that page (not while typing in a field, nor with the palette open).
 */
export function useShortcuts(): void {
  useEffect(() => {
    let gAt = 0;
    const onKey = (e: KeyboardEvent) => {
      if (isPaletteKey(e)) {
        e.preventDefault();
        usePalette.getState().toggle();
        return;
      }
      if (isPrivacyKey(e)) {
        e.preventDefault();
        void useSettings.getState().togglePrivacy();
        return;
      }
      if (e.ctrlKey || e.metaKey || e.altKey || usePalette.getState().open || typingInto(e.target)) return;
      const key = e.key.toLowerCase();
      if (gAt && e.timeStamp - gAt < SEQUENCE_MS) {
        gAt = 0;
        const page = PAGES.find((p) => p.key === key);
        if (page) {
          e.preventDefault();
          useNav.getState().go(page.id);
        }
        return;
      }
      gAt = key === 'g' ? e.timeStamp : 0;
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
