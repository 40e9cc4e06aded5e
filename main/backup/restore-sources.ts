import { constants } from 'node:fs';
import { access, realpath, stat } from 'node:fs/promises';
import { basename, isAbsolute, join, relative, sep } from 'node:path';
import { AppError } from '../../shared/errors.js';

/**
 * Which files a restore may read. The path arrives from the renderer, which we do not trust with the file system: a
 * compromised or buggy renderer must not make main open arbitrary files (another profile's database, a file on a
 * network share, a device). So a restore reads only:
 *  - a file inside `<dataDir>/backups` (what backup:create wrote; a bare file name is looked up there), or
 *  - a file main itself granted, because the user picked it in a dialog main showed (the desktop's open dialog,
 *    the browser host's upload) — `grant()` is called by that code in main, never by a channel.
 * Paths are compared after resolving symlinks, so a link inside the backups folder cannot point outside it.
 * A path that does not exist, is not a regular file, cannot be read or is not one of these gets one answer
 * (`unavailable`), so the renderer cannot probe which files exist on the computer (docs/design.md#security).
 */
export interface RestoreSource {
  file: string;
  /** The file lives in Bourse's own data folder: it must then be a backup of the signed-in profile (see service). */
  insideDataDir: boolean;
}

export class RestoreSources {
  private readonly granted = new Set<string>();

  constructor(
    private readonly dataDir: string,
    private readonly backupsDir: string,
  ) {}

  /** Allows one restore from `file`, chosen by the user in a dialog main showed. */
  async grant(file: string): Promise<string> {
    const real = await realpath(file);
    this.granted.add(real);
    return real;
  }

  /** Resolves the renderer's path to a readable regular file it may restore from, or refuses. */
  async resolve(input: string): Promise<RestoreSource> {
    if (input.includes('\0')) throw new AppError('INVALID_INPUT', 'A path cannot contain a NUL character.');
    const bare = !/[\\/]/.test(input) && input !== '.' && input !== '..';
    if (!bare && !isAbsolute(input)) throw new AppError('INVALID_INPUT', 'Give a backup file name or an absolute path.');
    const real = await realpath(bare ? join(this.backupsDir, input) : input).catch(() => null);
    if (real === null) throw unavailable();
    const inBackups = within(await realpath(this.backupsDir).catch(() => this.backupsDir), real);
    if (!inBackups && !this.granted.has(real)) throw unavailable();
    const info = await stat(real).catch(() => null);
    if (!info?.isFile()) throw unavailable();
    if (!(await access(real, constants.R_OK).then(() => true, () => false))) throw unavailable();
    const dataDir = await realpath(this.dataDir).catch(() => this.dataDir);
    return { file: real, insideDataDir: within(dataDir, real) };
  }

  /** A grant is good for one restore. */
  consume(file: string): void {
    this.granted.delete(file);
  }
}

function unavailable(): AppError {
  return new AppError(
    'NOT_FOUND',
    'There is no backup here that Bourse can restore: it reads only its own backups folder, or a file you choose in the open dialog.',
  );
}

function within(dir: string, file: string): boolean {
  const rel = relative(dir, file);
  return rel !== '' && !rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel) && basename(file) !== '';
}
