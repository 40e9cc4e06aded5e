import type { UiError } from '../api/client.js';
import { t } from '../i18n/index.js';
import { errorText } from './errors.js';

/** Catalogue refusals in plain words: the server's message carries the specifics (in use by what, already there). */
export function describeCatalogueError(error: UiError, what: string): string {
  switch (error.code) {
    case 'IN_USE':
    case 'DUPLICATE':
    case 'INVALID_INPUT':
      // In English, main's message names what uses it; another language gets the code's sentence.
      return t('market:refusal.nothingChanged', { message: errorText(error) });
    case 'NOT_FOUND':
      return t('market:refusal.gone', { what });
    default:
      return errorText(error);
  }
}
