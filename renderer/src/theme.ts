import type { Settings } from '../../shared/contract/index.js';

type Theme = Settings['theme'];
const KEY = 'bourse.theme';
const media = window.matchMedia('(prefers-color-scheme: dark)');
let current: Theme = readStored();

function readStored(): Theme {
  const v = localStorage.getItem(KEY);
  return v === 'light' || v === 'dark' || v === 'system' ? v : 'system';
}

function paint(): void {
  const resolved = current === 'system' ? (media.matches ? 'dark' : 'light') : current;
  document.documentElement.dataset.theme = resolved;
}

/**
 * Sets the palette now. The choice is also remembered locally so the sign-in screen (before any profile's settings
 * are known) opens in the theme last used on this machine.
 */
export function applyTheme(theme: Theme): void {
  current = theme;
  localStorage.setItem(KEY, theme);
  paint();
}

media.addEventListener('change', paint);
paint();
