import type { UiError } from '../api/client.js';
import { t } from '../i18n/index.js';
import { errorText } from './errors.js';

/** The instrument a refusal names (main's details), else the one asked about. */
function named(error: UiError, fallback: string): string {
  const s = error.details?.symbol;
  return typeof s === 'string' && s ? s : fallback;
}

/**
 * A refused corporate action (activity:record) by its code (main/ledger/corporate.ts): what was wrong and what to do.
 * Every refusal changed nothing, and the sentence says so.
 */
export function describeCorporateError(error: UiError, symbol: string): string {
  switch (error.code) {
    case 'NETWORK':
      return t('activity:corporate.errors.network', { message: error.message });
    case 'NOT_FOUND':
      return t('activity:corporate.errors.notFound', { symbol: named(error, symbol) });
    case 'IN_USE':
      return t('activity:corporate.errors.inUse', { symbol: named(error, symbol) });
    case 'INSUFFICIENT_HOLDING':
      return t('activity:corporate.errors.holding', { symbol: named(error, symbol) });
    case 'INVALID_INPUT':
      return t('activity:corporate.errors.invalid', { message: errorText(error) });
    default:
      return errorText(error);
  }
}

/**
 * A refused confirmation or dismissal of a split proposal (corporate:confirm, corporate:dismiss): the proposal gone or
 * decided elsewhere (another window), its split already recorded by hand, or the split refused as a recorded one
 * would be.
 */
export function describeProposalError(error: UiError, symbol: string): string {
  switch (error.code) {
    case 'NOT_FOUND':
      return t('activity:proposals.errors.gone');
    case 'DUPLICATE':
      // Recorded by hand since it was proposed: Dismiss is what is left to do.
      return t('activity:proposals.errors.recorded', { symbol });
    case 'INVALID_INPUT':
      // Already confirmed or dismissed (main's message says which), or a ratio the ledger refuses.
      return t('activity:proposals.errors.decided', { message: errorText(error) });
    default:
      return describeCorporateError(error, symbol);
  }
}
