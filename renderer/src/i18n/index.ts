import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Language } from '../../../shared/contract/settings.js';
import { resolveLanguage, type UiLanguage } from './language.js';
import { NAMESPACES, resources } from './resources.js';

/**
 * The one i18next instance of the renderer (react-i18next binds it to components). Every namespace of both
 * languages is bundled, so it initialises synchronously and a language switch re-renders at once without loading.
 */
const KEY = 'bourse.language';

function storedChoice(): Language {
  const v = typeof localStorage === 'undefined' ? null : localStorage.getItem(KEY);
  return v === 'en' || v === 'de' || v === 'system' ? v : 'system';
}

/** The system's preferred languages, best first (the browser's, which Electron takes from the OS). */
export function systemLanguages(): readonly string[] {
  return typeof navigator === 'undefined' ? [] : (navigator.languages ?? [navigator.language]);
}

export const i18n = i18next.createInstance();
void i18n.use(initReactI18next).init({
  resources,
  ns: NAMESPACES,
  defaultNS: 'common',
  lng: resolveLanguage(storedChoice(), systemLanguages()),
  fallbackLng: 'en',
  initAsync: false,
  // React escapes what it renders; escaping here too would show "&amp;".
  interpolation: { escapeValue: false },
  returnNull: false,
});
markDocument(i18n.language as UiLanguage);

function markDocument(lang: UiLanguage): void {
  if (typeof document !== 'undefined') document.documentElement.lang = lang;
}

/**
 * Shows the interface in the chosen language now. The choice is also remembered locally so the sign-in screen
 * (before the settings are known) opens in the language last used on this machine.
 */
export function applyLanguage(choice: Language): void {
  if (typeof localStorage !== 'undefined') localStorage.setItem(KEY, choice);
  const lang = resolveLanguage(choice, systemLanguages());
  if (i18n.language !== lang) void i18n.changeLanguage(lang);
  markDocument(lang);
}

/** The language the interface shows now. */
export function currentLanguage(): UiLanguage {
  return i18n.language === 'de' ? 'de' : 'en';
}

/** A translation outside React (stores, formatters); components use `useTranslation`. */
export const t = i18n.t.bind(i18n);

/**
 * A table of labels by id whose every entry is looked up at the moment it is read, so a module-level table
 * (`TYPE_LABEL[type]`) follows a language switch like a `t()` call in render does.
 */
export function labelTable<K extends string>(ids: readonly K[], key: (id: K) => string): Record<K, string> {
  const table = {} as Record<K, string>;
  for (const id of ids) Object.defineProperty(table, id, { get: () => i18n.t(key(id) as never), enumerable: true });
  return table;
}
