/** The keyboard shortcuts, as the palette lists them and the shell's key handler reads them. */
export const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);
export const MOD = isMac ? '⌘' : 'Ctrl';

/** Each is named by `palette:keys.<id>`. */
export const SHORTCUTS = {
  palette: { keys: [MOD, 'K'] },
  privacy: { keys: [MOD, 'Shift', 'H'] },
  goTo: { keys: ['G', '…'] },
} as const;

/** Ctrl+K (⌘K on a Mac). */
export function isPaletteKey(e: KeyboardEvent): boolean {
  return (isMac ? e.metaKey : e.ctrlKey) && !e.altKey && !e.shiftKey && e.key.toLowerCase() === 'k';
}

/** Ctrl+Shift+H (⌘⇧H on a Mac). */
export function isPrivacyKey(e: KeyboardEvent): boolean {
  return (isMac ? e.metaKey : e.ctrlKey) && e.shiftKey && !e.altKey && e.key.toLowerCase() === 'h';
}

/** Typing into a field: single-letter shortcuts must not fire. */
export function typingInto(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || target.tagName === 'INPUT' || target.tagName === 'TEXTAREA' || target.tagName === 'SELECT';
}
