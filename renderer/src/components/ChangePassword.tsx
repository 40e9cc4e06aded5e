import { useId, useState, type FormEvent } from 'react';
import { useSession } from '../stores/session.js';
import { Alert, Status } from './Alert.js';
import { PasswordField } from './PasswordField.js';

/**
 * Settings → Password: the profile's database is encrypted under a key made from the password, so a change
 * re-encrypts it (main/session/rekey.ts); a large profile takes a few seconds.
 */
export function ChangePassword() {
  const id = useId();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [again, setAgain] = useState('');
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const mismatch = again !== '' && again !== next;
  const tooShort = next !== '' && next.length < 8;

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (pending || mismatch || tooShort || !current || !next) return;
    setPending(true);
    setError(null);
    setDone(null);
    const r = await useSession.getState().changePassword(current, next);
    setPending(false);
    if (r.ok) {
      setCurrent('');
      setNext('');
      setAgain('');
      setDone('Password changed. Your data is now encrypted under the new password.');
    } else setError(r.error.message);
  }

  return (
    <form className="card settings" onSubmit={(e) => void submit(e)} noValidate aria-busy={pending} aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Password</h2>
      <p className="muted">
        This profile’s data is encrypted with a key made from its password. Changing it re-encrypts everything; backups
        made before keep the password they were made with.
      </p>
      <PasswordField id={`${id}-current`} label="Current password" value={current} onChange={setCurrent} autoComplete="current-password" />
      <PasswordField
        id={`${id}-next`}
        label="New password"
        value={next}
        onChange={setNext}
        autoComplete="new-password"
        invalid={tooShort}
        hint={tooShort ? 'At least 8 characters.' : 'At least 8 characters. There is no way to recover a forgotten password.'}
      />
      <PasswordField
        id={`${id}-again`}
        label="New password again"
        value={again}
        onChange={setAgain}
        autoComplete="new-password"
        invalid={mismatch}
        hint={mismatch ? 'The two new passwords differ.' : undefined}
      />
      <Alert>{error}</Alert>
      <div className="actions">
        <button type="submit" className="primary" disabled={pending || mismatch || tooShort || !current || !next || again !== next}>
          {pending ? 'Changing…' : 'Change password'}
        </button>
        <Status>{done}</Status>
      </div>
    </form>
  );
}
