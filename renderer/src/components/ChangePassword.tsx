import { useTranslation } from 'react-i18next';
import { useId, useState, type FormEvent } from 'react';
import { describeError } from '../format/errors.js';
import { useSession } from '../stores/session.js';
import { Alert, Status } from './Alert.js';
import { PasswordField } from './PasswordField.js';

/**
 * Settings → Password: the profile's database is encrypted under a key made from the password, so a change
 * re-encrypts it (main/session/rekey.ts); a large profile takes a few seconds.
 */
export function ChangePassword() {
  const { t } = useTranslation('auth');
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
      setDone(t('change.done'));
    } else setError(describeError(r.error, 'en-US', () => 2));
  }

  return (
    <form className="card settings" onSubmit={(e) => void submit(e)} noValidate aria-busy={pending} aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('change.title')}</h2>
      <p className="muted">{t('change.intro')}</p>
      <PasswordField id={`${id}-current`} label={t('change.current')} value={current} onChange={setCurrent} autoComplete="current-password" />
      <PasswordField
        id={`${id}-next`}
        label={t('change.next')}
        value={next}
        onChange={setNext}
        autoComplete="new-password"
        invalid={tooShort}
        hint={tooShort ? t('change.short') : t('change.hint')}
      />
      <PasswordField
        id={`${id}-again`}
        label={t('change.again')}
        value={again}
        onChange={setAgain}
        autoComplete="new-password"
        invalid={mismatch}
        hint={mismatch ? t('change.differ') : undefined}
      />
      <Alert>{error}</Alert>
      <div className="actions">
        <button type="submit" className="primary" disabled={pending || mismatch || tooShort || !current || !next || again !== next}>
          {pending ? t('change.changing') : t('change.submit')}
        </button>
        <Status>{done}</Status>
      </div>
    </form>
  );
}
