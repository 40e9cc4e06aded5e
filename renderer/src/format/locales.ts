/** Locales offered in Settings: the common ones for a personal finance app, each a valid BCP 47 tag. */
export const LOCALES = [
  'en-US',
  'en-GB',
  'en-CA',
  'en-AU',
  'en-IN',
  'de-DE',
  'de-CH',
  'de-AT',
  'fr-FR',
  'fr-CH',
  'fr-CA',
  'it-IT',
  'it-CH',
  'es-ES',
  'es-MX',
  'pt-PT',
  'pt-BR',
  'nl-NL',
  'sv-SE',
  'nb-NO',
  'da-DK',
  'fi-FI',
  'pl-PL',
  'cs-CZ',
  'tr-TR',
  'ja-JP',
  'zh-CN',
  'ko-KR',
] as const;

import { currentLanguage } from '../i18n/index.js';

/** "de-CH" → "German (Switzerland)", in the interface language (not the picked locale's, so the list reads alike). */
export function localeLabel(tag: string): string {
  try {
    return new Intl.DisplayNames([currentLanguage()], { type: 'language' }).of(tag) ?? tag;
  } catch {
    return tag;
  }
}
