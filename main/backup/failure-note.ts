/**
 * What a log may say of a failure while handling backups: its code (ENOSPC, SQLITE_CORRUPT, …) and its message with
 * every absolute path cut to its file name. The data folder's path names the user (a home folder); keys, passwords
 * and the rows of a database never appear in these errors, and the error object itself (its stack, its fields) is
 * not handed on.
 */
export function failureNote(err: unknown): { code: string | null; message: string } {
  const code = typeof err === 'object' && err !== null && typeof (err as { code?: unknown }).code === 'string' ? (err as { code: string }).code : null;
  const message = err instanceof Error ? err.message : 'unknown failure';
  // A path starts a word (after a space, a quote or a bracket): "and/or" is no path.
  return { code, message: message.replace(/(?<=^|[\s'"`(])(?:[A-Za-z]:)?[\\/][^\s'"`,;)]*/g, (path) => path.split(/[\\/]/).pop() ?? '').slice(0, 300) };
}
