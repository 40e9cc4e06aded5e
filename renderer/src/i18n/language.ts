import type { Language } from '../../../shared/contract/settings.js';

/** The languages Bourse is translated into; the first is the fallback for any string or system language it lacks. */
export const LANGUAGES = ['en', 'de'] as const;
export type UiLanguage = (typeof LANGUAGES)[number];

/**
 * The language to show: the chosen one, or for 'system' the first of the system's preferred languages that Bourse
 * speaks ("de-CH" → German), else English.
 */
export function resolveLanguage(choice: Language, preferred: readonly string[]): UiLanguage {
  if (choice !== 'system') return choice;
  for (const tag of preferred) {
    const base = tag.toLowerCase().split('-')[0];
    const hit = LANGUAGES.find((l) => l === base);
    if (hit) return hit;
  }
  return LANGUAGES[0];
}

/**
 * The number and date format that goes with a language change: the current one when it already is in that language
 * (so "de-CH" stays when German is picked), else the language's common default.
 */
export function localeForLanguage(language: UiLanguage, current: string): string {
  if (current.toLowerCase().split('-')[0] === language) return current;
  return language === 'de' ? 'de-DE' : 'en-US';
}
