import type { UiError } from '../api/client.js';

/** Catalogue refusals in plain words: the server's message carries the specifics (in use by what, already there). */
export function describeCatalogueError(error: UiError, what: string): string {
  switch (error.code) {
    case 'IN_USE':
    case 'DUPLICATE':
    case 'INVALID_INPUT':
      return `${error.message} Nothing was changed.`;
    case 'NOT_FOUND':
      return `${what} is no longer in the catalogue (removed elsewhere?). Reload the page.`;
    default:
      return error.message;
  }
}
