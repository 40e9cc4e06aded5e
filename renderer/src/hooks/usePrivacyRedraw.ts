import { useSettings } from '../stores/settings.js';

/**
 * Privacy mode as a value to redraw on. The formatters read the switch themselves (format/privacy.ts); a memoized
 * part of a page, which the shell's redraw on a switch no longer reaches, subscribes through this so it is drawn
 * again, masked or not, when the switch flips.
 */
export function usePrivacyRedraw(): boolean {
  return useSettings((s) => s.settings.privacyMode);
}
