import { useTranslation } from 'react-i18next';
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { ProfileSummary } from '../../../shared/contract/index.js';
import { Alert } from '../components/Alert.js';
import { AuthLayout } from '../components/AuthLayout.js';
import { PasswordField } from '../components/PasswordField.js';
import { describeError } from '../format/errors.js';
import { useAuthError } from '../hooks/useAuthError.js';
import { useSession } from '../stores/session.js';
import { checkNewProfile } from './profile-rules.js';

type Mode = 'sign-in' | 'create';

export function SignIn() {
  const { t } = useTranslation('auth');
  const profiles = useSession((s) => s.profiles);
  const [mode, setMode] = useState<Mode>('sign-in');

  useEffect(() => {
    void useSession.getState().loadProfiles().then((list) => {
      if (list.length === 0) setMode('create');
    });
  }, []);

  return (
    <AuthLayout>
      {profiles === null ? (
        <p className="muted">{t('loadingProfiles')}</p>
      ) : mode === 'sign-in' ? (
        <SignInForm profiles={profiles} onCreate={() => setMode('create')} />
      ) : (
        <CreateForm canGoBack={profiles.length > 0} onBack={() => setMode('sign-in')} />
      )}
    </AuthLayout>
  );
}

function SignInForm({ profiles, onCreate }: { profiles: ProfileSummary[]; onCreate(): void }) {
  const { t } = useTranslation('auth');
  const id = useId();
  const [username, setUsername] = useState(profiles.length === 1 ? (profiles[0]?.username ?? '') : '');
  const [password, setPassword] = useState('');
  const [pending, setPending] = useState(false);
  const { error, message, blocked, fail } = useAuthError();
  const passwordRef = useRef<HTMLInputElement>(null);

  const pick = (name: string) => {
    setUsername(name);
    if (!blocked) fail(null);
    passwordRef.current?.focus();
  };

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (pending || blocked) return;
    if (!username.trim() || !password) {
      fail({ code: 'INVALID_INPUT', message: t('enterBoth') });
      return;
    }
    setPending(true);
    const r = await useSession.getState().login(username.trim(), password);
    setPending(false);
    if (r.ok) return;
    setPassword('');
    fail(r.error);
  }


  return (
    <>
      <h1 className="auth-title">{t('signIn')}</h1>
      <p className="auth-sub">{t('signInSub')}</p>
      {profiles.length > 0 && (
        <div className="profile-pick">
          <h2 className="label-like" id={`${id}-profiles`}>
            {t('profiles')}
          </h2>
          <ul className="profile-list" aria-labelledby={`${id}-profiles`}>
            {profiles.map((p) => (
              <li key={p.id}>
                <button
                  type="button"
                  className="profile-chip"
                  aria-pressed={p.username === username}
                  onClick={() => pick(p.username)}
                >
                  <span className="avatar" aria-hidden="true">
                    {p.username.slice(0, 1).toUpperCase()}
                  </span>
                  {p.username}
                </button>
              </li>
            ))}
          </ul>
        </div>
      )}
      <form onSubmit={(e) => void submit(e)} noValidate className="stack">
        <div className="field">
          <label htmlFor={`${id}-user`}>{t('username')}</label>
          <input
            id={`${id}-user`}
            value={username}
            onChange={(e) => setUsername(e.target.value)}
            autoComplete="username"
            autoCapitalize="none"
            spellCheck={false}
            maxLength={64}
            required
          />
        </div>
        <PasswordField
          id={`${id}-pass`}
          label={t('password')}
          value={password}
          onChange={setPassword}
          autoComplete="current-password"
          invalid={error?.code === 'INVALID_CREDENTIALS'}
          inputRef={passwordRef}
        />
        <Alert>{message}</Alert>
        <button type="submit" className="primary wide" disabled={pending || blocked}>
          {pending ? t('signingIn') : t('signIn')}
        </button>
      </form>
      <p className="auth-switch">
        {t('newHere')}{' '}
        <button type="button" className="link" onClick={onCreate}>
          {t('createNew')}
        </button>
      </p>
    </>
  );
}

function CreateForm({ canGoBack, onBack }: { canGoBack: boolean; onBack(): void }) {
  const { t } = useTranslation('auth');
  const id = useId();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (pending) return;
    const problem = checkNewProfile(username, password, confirm);
    if (problem) {
      setError(problem);
      return;
    }
    setPending(true);
    const r = await useSession.getState().create(username, password);
    setPending(false);
    if (!r.ok) setError(describeError(r.error, 'en-US', () => 2));
  }

  return (
    <>
      <h1 className="auth-title">{t('create')}</h1>
      <p className="auth-sub">{t('createSub')}</p>
      <form onSubmit={(e) => void submit(e)} noValidate className="stack">
        <div className="field">
          <label htmlFor={`${id}-user`}>{t('username')}</label>
          <input
            id={`${id}-user`}
            value={username}
            onChange={(e) => setUsername(e.target.value)}
            autoComplete="username"
            autoCapitalize="none"
            spellCheck={false}
            maxLength={64}
            autoFocus
            required
          />
        </div>
        <PasswordField
          id={`${id}-pass`}
          label={t('password')}
          value={password}
          onChange={setPassword}
          autoComplete="new-password"
          hint={t('passwordHint')}
        />
        <PasswordField
          id={`${id}-confirm`}
          label={t('confirm')}
          value={confirm}
          onChange={setConfirm}
          autoComplete="new-password"
        />
        <Alert>{error}</Alert>
        <button type="submit" className="primary wide" disabled={pending}>
          {pending ? t('creating') : t('create')}
        </button>
      </form>
      {canGoBack && (
        <p className="auth-switch">
          {t('haveOne')}{' '}
          <button type="button" className="link" onClick={onBack}>
            {t('back')}
          </button>
        </p>
      )}
    </>
  );
}
