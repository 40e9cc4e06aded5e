import { useState } from 'react';
import type { UiError } from '../api/client.js';
import { describeError, waitText } from '../format/errors.js';
import { t } from '../i18n/index.js';
import { useCountdown, type Deadline } from './useCountdown.js';

/**
 * The error of a password form. TOO_MANY_ATTEMPTS carries how long to wait: the message counts down and the form
 * stays blocked until then, so the user is not tempted to hammer the button (each early try is refused anyway).
 */
export function useAuthError() {
  const [error, setError] = useState<UiError | null>(null);
  const [retryAt, setRetryAt] = useState<Deadline | null>(null);
  const wait = useCountdown(retryAt);

  const fail = (e: UiError | null) => {
    setError(e);
    const ms = e?.details?.retryAfterMs;
    const since = Date.now();
    setRetryAt(e?.code === 'TOO_MANY_ATTEMPTS' && typeof ms === 'number' ? { until: since + ms, since } : null);
  };

  const message =
    error?.code === 'TOO_MANY_ATTEMPTS'
      ? wait > 0
        ? t('auth:tooMany', { wait: waitText(wait) })
        : t('auth:tryNow')
      : error
        ? describeError(error, 'en-US', () => 2)
        : null;

  return { error, message, blocked: wait > 0, fail };
}
