import type { UiError } from '../api/client.js';
import { currentLanguage, t } from '../i18n/index.js';
import { formatMoney } from './money.js';

type Codes = typeof import('../i18n/locales/en/errors.js').errors.codes;

/**
 * The sentence shown for an error. A few codes get a richer one built from their details (formatted amounts). Main's
 * messages are English and name the field or value: shown as they are in English; in another language the code's
 * sentence is shown instead (main's message only for a code the renderer has no sentence for).
 */
export function describeError(error: UiError, locale: string, minorUnitOf: (code: string) => number): string {
  const d = error.details ?? {};
  if (error.code === 'INSUFFICIENT_FUNDS' && typeof d.currency === 'string' && typeof d.balance === 'string') {
    const mu = minorUnitOf(d.currency);
    const balance = formatMoney(d.balance, d.currency, mu, locale);
    const asked = typeof d.requested === 'string' ? formatMoney(d.requested, d.currency, mu, locale) : null;
    return asked
      ? t('errors:notEnoughAsked', { currency: d.currency, asked, balance })
      : t('errors:notEnough', { currency: d.currency, balance });
  }
  if (error.code === 'TOO_MANY_ATTEMPTS' && typeof d.retryAfterMs === 'number') {
    return t('errors:tooMany', { wait: waitText(d.retryAfterMs) });
  }
  if (error.code === 'IDEMPOTENCY_CONFLICT') return t('errors:codes.IDEMPOTENCY_CONFLICT');
  return errorText(error);
}

/** Main's message in English, the code's sentence in another language. */
export function errorText(error: Pick<UiError, 'code' | 'message'>): string {
  if (currentLanguage() === 'en' || !(error.code in codeTexts())) return error.message;
  return t(`errors:codes.${error.code as keyof Codes}`);
}

function codeTexts(): Record<string, unknown> {
  return (t('errors:codes', { returnObjects: true }) as Record<string, unknown>) ?? {};
}

/** 4_200 → "5 seconds", 90_000 → "1 min 30 s". */
export function waitText(ms: number): string {
  const s = Math.max(1, Math.ceil(ms / 1000));
  if (s < 60) return t('errors:seconds', { count: s });
  const m = Math.floor(s / 60);
  const rest = s % 60;
  return rest ? t('errors:minutesSeconds', { m, s: rest }) : t('errors:minutes', { m });
}
