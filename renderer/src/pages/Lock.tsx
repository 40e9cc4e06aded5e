import { Trans, useTranslation } from 'react-i18next';
import { useId, useState, type FormEvent } from 'react';
import { Alert } from '../components/Alert.js';
import { AuthLayout } from '../components/AuthLayout.js';
import { PasswordField } from '../components/PasswordField.js';
import { useAuthError } from '../hooks/useAuthError.js';
import { useSession } from '../stores/session.js';

/** Shown when the session is locked (the Lock button, or main's idle timer): the profile stays open, the data hidden. */
export function Lock() {
  const { t } = useTranslation(['auth', 'nav']);
  const id = useId();
  const profile = useSession((s) => s.session?.profile);
  const [password, setPassword] = useState('');
  const [pending, setPending] = useState(false);
  const { error, message, blocked, fail } = useAuthError();

  async function unlock(e: FormEvent) {
    e.preventDefault();
    if (pending || blocked) return;
    if (!password) {
      fail({ code: 'INVALID_INPUT', message: t('enterPassword') });
      return;
    }
    setPending(true);
    const r = await useSession.getState().unlock(password);
    setPending(false);
    setPassword('');
    if (!r.ok) fail(r.error);
  }


  return (
    <AuthLayout>
      <h1 className="auth-title">{t('locked')}</h1>
      <p className="auth-sub">
        <Trans t={t} i18nKey="lockedSub" values={{ name: profile?.username ?? t('thisProfile') }} components={{ 1: <strong /> }} />
      </p>
      <form onSubmit={(e) => void unlock(e)} noValidate className="stack">
        <PasswordField
          id={`${id}-pass`}
          label={t('password')}
          value={password}
          onChange={setPassword}
          autoComplete="current-password"
          invalid={error?.code === 'INVALID_CREDENTIALS'}
          autoFocus
        />
        <Alert>{message}</Alert>
        <button type="submit" className="primary wide" disabled={pending || blocked}>
          {pending ? t('unlocking') : t('unlock')}
        </button>
      </form>
      <p className="auth-switch">
        {t('notYou')}{' '}
        <button type="button" className="link" onClick={() => void useSession.getState().logout()}>
          {t('nav:signOut')}
        </button>
      </p>
    </AuthLayout>
  );
}
