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
        <p className="muted">Loading profiles…</p>
      ) : mode === 'sign-in' ? (
        <SignInForm profiles={profiles} onCreate={() => setMode('create')} />
      ) : (
        <CreateForm canGoBack={profiles.length > 0} onBack={() => setMode('sign-in')} />
      )}
    </AuthLayout>
  );
}

function SignInForm({ profiles, onCreate }: { profiles: ProfileSummary[]; onCreate(): void }) {
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
      fail({ code: 'INVALID_INPUT', message: 'Enter your username and password.' });
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
      <h1 className="auth-title">Sign in</h1>
      <p className="auth-sub">Pick your profile and enter its password.</p>
      {profiles.length > 0 && (
        <div className="profile-pick">
          <h2 className="label-like" id={`${id}-profiles`}>
            Profiles on this computer
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
          <label htmlFor={`${id}-user`}>Username</label>
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
          label="Password"
          value={password}
          onChange={setPassword}
          autoComplete="current-password"
          invalid={error?.code === 'INVALID_CREDENTIALS'}
          inputRef={passwordRef}
        />
        <Alert>{message}</Alert>
        <button type="submit" className="primary wide" disabled={pending || blocked}>
          {pending ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
      <p className="auth-switch">
        New to Bourse on this computer?{' '}
        <button type="button" className="link" onClick={onCreate}>
          Create a new profile
        </button>
      </p>
    </>
  );
}

function CreateForm({ canGoBack, onBack }: { canGoBack: boolean; onBack(): void }) {
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
      <h1 className="auth-title">Create profile</h1>
      <p className="auth-sub">A profile keeps its own wallets and settings. The password never leaves this computer.</p>
      <form onSubmit={(e) => void submit(e)} noValidate className="stack">
        <div className="field">
          <label htmlFor={`${id}-user`}>Username</label>
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
          label="Password"
          value={password}
          onChange={setPassword}
          autoComplete="new-password"
          hint="At least 8 characters. There is no recovery: keep it somewhere safe."
        />
        <PasswordField
          id={`${id}-confirm`}
          label="Confirm password"
          value={confirm}
          onChange={setConfirm}
          autoComplete="new-password"
        />
        <Alert>{error}</Alert>
        <button type="submit" className="primary wide" disabled={pending}>
          {pending ? 'Creating…' : 'Create profile'}
        </button>
      </form>
      {canGoBack && (
        <p className="auth-switch">
          Already have a profile?{' '}
          <button type="button" className="link" onClick={onBack}>
            Back to sign in
          </button>
        </p>
      )}
    </>
  );
}
