import { useTranslation } from 'react-i18next';
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { formatDateTime } from '../format/date.js';
import { errorText } from '../format/errors.js';
import { bytesText } from '../format/history.js';
import { needsBackupPassword, useBackups, type Backup, type RestoreSource } from '../stores/backups.js';
import { Alert, Status } from './Alert.js';
import { PasswordField } from './PasswordField.js';

/**
 * Backup and restore of this profile: a consistent copy made with SQLite's backup API, and a restore that checks
 * the file (integrity, schema, owner) before anything is replaced, after a safety backup of the current data. A
 * backup made before a password change opens only with the password it was made with: when main refuses one as not
 * opening under the current key, the confirmation asks for that password and tries again (docs/design.md#encryption-at-rest).
 */
export function BackupPanel({ locale }: { locale: string }) {
  const { t } = useTranslation('settings');
  const id = useId();
  const backups = useBackups((s) => s.backups);
  const desktop = useBackups((s) => s.desktop);
  const [pending, setPending] = useState<RestoreSource | null>(null);
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [links, setLinks] = useState<Record<string, string>>({});
  /** Main refused the pending backup under the current key: ask for the password it was made with. */
  const [asking, setAsking] = useState(false);
  const [password, setPassword] = useState('');
  const [passwordError, setPasswordError] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const passwordInput = useRef<HTMLInputElement>(null);

  useEffect(() => {
    void useBackups.getState().load();
  }, []);

  async function create() {
    setBusy(true);
    setError(null);
    const r = await useBackups.getState().create();
    setBusy(false);
    if (!r.ok) return setError(errorText(r.error));
    setStatus(t('backup.saved', { size: bytesText(r.data.bytes, locale), file: desktop ? r.data.path : r.data.path.split(/[\\/]/).pop() }));
  }

  async function download(b: Backup) {
    const r = await useBackups.getState().downloadUrl(b.name);
    if (!r.ok) return setError(errorText(r.error));
    setLinks((l) => ({ ...l, [b.name]: r.data.url }));
  }

  async function pickFile(f?: File) {
    setError(null);
    if (!desktop && !f) return;
    if (!desktop) setBusy(true);
    const r = await useBackups.getState().pick(f);
    if (!desktop) setBusy(false);
    if (!r.ok) return setError(errorText(r.error));
    if (r.data) choose({ kind: 'file', file: r.data });
  }

  function choose(source: RestoreSource | null) {
    setPending(source);
    setAsking(false);
    setPassword('');
    setPasswordError(null);
  }

  async function restore(given?: string) {
    if (!pending) return;
    setBusy(true);
    setError(null);
    setStatus(null);
    const r = await useBackups.getState().restore(pending, given);
    setBusy(false);
    if (!r.ok && needsBackupPassword(r.error)) {
      // The source stays pending (an uploaded file too): the same backup is tried again with the password given.
      setAsking(true);
      setPassword('');
      setPasswordError(given ? t('backup.wrongPassword') : null);
      passwordInput.current?.focus();
      return;
    }
    choose(null);
    if (input.current) input.current.value = '';
    if (!r.ok) return setError(t('backup.notRestored', { reason: errorText(r.error) }));
    setStatus(r.data.backupCreatedAt ? t('backup.restoredOf', { when: formatDateTime(r.data.backupCreatedAt, locale) }) : t('backup.restored'));
  }

  async function keep() {
    if (pending) await useBackups.getState().discard(pending);
    choose(null);
    if (input.current) input.current.value = '';
  }

  function submitPassword(e: FormEvent) {
    e.preventDefault();
    if (busy || !password) return;
    void restore(password);
  }

  const what = pending ? (pending.kind === 'listed' ? t('backup.theBackupOf', { when: formatDateTime(pending.backup.createdAt, locale) }) : `“${pending.file.name}”`) : '';

  return (
    <section className="card backup-card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="card-title">
        {t('backup.title')}
      </h2>
      <p className="muted">{t('backup.intro')}</p>
      <div className="actions">
        <button type="button" className="secondary" onClick={() => void create()} disabled={busy}>
          {t('backup.create')}
        </button>
        {desktop && (
          <button type="button" className="ghost" onClick={() => void pickFile()} disabled={busy}>
            {t('backup.fromFile')}
          </button>
        )}
      </div>
      {!desktop && (
        <div className="field backup-file">
          <label htmlFor={`${id}-file`}>{t('backup.file')}</label>
          <input ref={input} id={`${id}-file`} type="file" disabled={busy} onChange={(e) => void pickFile(e.target.files?.[0])} />
        </div>
      )}
      {backups.length > 0 && (
        <table className="entries backups" aria-label={t('backup.list')}>
          <thead>
            <tr>
              <th scope="col">{t('backup.made')}</th>
              <th scope="col" className="num">
                {t('backup.size')}
              </th>
              <th scope="col">
                <span className="visually-hidden">{t('backup.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {backups.slice(0, 8).map((b) => {
              const when = formatDateTime(b.createdAt, locale);
              return (
                <tr key={b.name}>
                  <td>
                    {when}
                    {b.name.includes('-before-restore') && <span className="muted small">{t('backup.beforeRestore')}</span>}
                  </td>
                  <td className="num">{bytesText(b.bytes, locale)}</td>
                  <td className="row-actions">
                    <button type="button" className="ghost small-btn" aria-label={t('backup.restoreOf', { when })} onClick={() => choose({ kind: 'listed', backup: b })} disabled={busy}>
                      {t('backup.restore')}
                    </button>
                    {!desktop &&
                      (links[b.name] ? (
                        <a href={links[b.name]} download={b.name} onClick={() => setTimeout(() => setLinks((l) => ({ ...l, [b.name]: '' })), 0)}>
                          {t('backup.saveFile')}
                        </a>
                      ) : (
                        <button type="button" className="ghost small-btn" aria-label={t('backup.downloadOf', { when })} onClick={() => void download(b)}>
                          {t('backup.download')}
                        </button>
                      ))}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {pending && (
        <div className="confirm" role="group" aria-label={t('backup.confirm')}>
          <p>{t('backup.ask', { what })}</p>
          {asking ? (
            <form
              className="backup-password"
              aria-labelledby={`${id}-pw-title`}
              aria-busy={busy}
              noValidate
              onSubmit={submitPassword}
              onKeyDown={(e) => {
                if (e.key === 'Escape' && !busy) void keep();
              }}
            >
              <p id={`${id}-pw-title`} className="backup-password-title">
                {t('backup.passwordTitle')}
              </p>
              <p className="muted" id={`${id}-pw-why`}>
                {t('backup.passwordWhy')}
              </p>
              <PasswordField
                id={`${id}-pw`}
                label={t('backup.password')}
                value={password}
                onChange={setPassword}
                autoComplete="current-password"
                describedBy={`${id}-pw-why`}
                invalid={passwordError !== null}
                autoFocus
                inputRef={passwordInput}
              />
              <Alert>{passwordError}</Alert>
              <div className="actions">
                <button type="submit" className="danger" disabled={busy || !password}>
                  {t('backup.restoreWith')}
                </button>
                <button type="button" className="ghost" onClick={() => void keep()} disabled={busy}>
                  {t('backup.keep')}
                </button>
              </div>
            </form>
          ) : (
            <div className="actions">
              <button type="button" className="danger" onClick={() => void restore()} disabled={busy}>
                {t('backup.restoreNow')}
              </button>
              <button type="button" className="ghost" onClick={() => void keep()} disabled={busy}>
                {t('backup.keep')}
              </button>
            </div>
          )}
        </div>
      )}
      <Status>{status}</Status>
      <Alert>{error}</Alert>
    </section>
  );
}
