import { randomBytes } from 'node:crypto';
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { readdir, rm, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { AppError } from '../../shared/errors.js';
import { removeQuietly } from './durable.js';

/**
 * Files that cross the boundary between the user's file system and main, without ever letting the renderer name a
 * path (docs/design.md#security): the renderer only holds opaque ids.
 *
 * - In: a file the user picked in main's own open dialog (desktop), or uploaded to the browser host (streamed to a
 *   private 0700 folder of this process under the system's temp folder, 0600, removed once used and when Bourse
 *   stops). Uploads stay outside the data folder on purpose: like a dialog pick, an upload is a file the user chose,
 *   and the restore rule for files inside the data folder (only the profile's own backups) is not meant for it.
 *   Each file is bound to the profile that was signed in when it arrived: another profile cannot use its id.
 * - Out (browser host): a finished export or a backup offered at `/api/download/<ticket>`, where the ticket is
 *   random, good for one download and ten minutes.
 */
export interface FileDialogs {
  /** Main's save dialog; null when the user closed it. */
  save(opts: { title: string; defaultName: string; filters: { name: string; extensions: string[] }[] }): Promise<string | null>;
  /** Main's open dialog; null when the user closed it. */
  open(opts: { title: string; filters: { name: string; extensions: string[] }[] }): Promise<string | null>;
}

export interface HeldFile {
  fileId: string;
  path: string;
  name: string;
  bytes: number;
  owner: string;
  /** Uploaded into our folder (removed when discarded), as opposed to a file of the user's picked in a dialog. */
  owned: boolean;
}

export interface Offer {
  path: string;
  name: string;
  contentType: string;
  /** Remove the file once it has been downloaded (an export staged only for this download). */
  removeAfter: boolean;
  expires: number;
}

export { DOWNLOAD_PREFIX, UPLOAD_PATH } from '../../shared/transport.js';
import { DOWNLOAD_PREFIX } from '../../shared/transport.js';
export const MAX_UPLOAD_BYTES = 512 * 1024 * 1024;
const TICKET_MS = 10 * 60_000;

const id = (bytes = 18) => randomBytes(bytes).toString('base64url');

export class FileTransfers {
  private uploads: string | null = null;
  readonly exportsDir: string;
  private readonly held = new Map<string, HeldFile>();
  private readonly offers = new Map<string, Offer>();

  constructor(
    dataDir: string,
    /** The signed-in, unlocked profile's id; throws UNAUTHENTICATED / LOCKED otherwise. */
    private readonly owner: () => string,
    private readonly now: () => number = Date.now,
  ) {
    this.exportsDir = join(dataDir, 'exports');
  }

  /** Removes exports a previous run staged for download and never served (they are not meant to outlive the app). */
  async sweep(): Promise<void> {
    for (const name of await readdir(this.exportsDir).catch(() => [] as string[])) await rm(join(this.exportsDir, name), { force: true, recursive: true });
  }

  private uploadsDir(): string {
    this.uploads ??= mkdtempSync(join(tmpdir(), 'bourse-uploads-'));
    return this.uploads;
  }

  /** Streams an upload to disk (never into memory), refusing more than `limit` bytes. */
  async receive(body: Readable, name: string, limit = MAX_UPLOAD_BYTES): Promise<HeldFile> {
    const owner = this.owner();
    const fileId = id();
    const path = join(this.uploadsDir(), fileId);
    let bytes = 0;
    body.on('data', (chunk: Buffer) => {
      bytes += chunk.length;
      if (bytes > limit) body.destroy(new AppError('INVALID_INPUT', `The file is larger than ${Math.round(limit / 1024 / 1024)} MB.`, { limit }));
    });
    try {
      await pipeline(body, createWriteStream(path, { flags: 'wx', mode: 0o600 }));
    } catch (err) {
      await removeQuietly(path);
      if (err instanceof AppError) throw err;
      throw new AppError('INVALID_INPUT', 'The upload did not arrive completely.');
    }
    const file: HeldFile = { fileId, path, name: cleanName(name), bytes, owner, owned: true };
    this.held.set(fileId, file);
    return file;
  }

  /** A file the user picked in main's own dialog. */
  async hold(path: string): Promise<HeldFile> {
    const info = await stat(path);
    if (!info.isFile()) throw new AppError('INVALID_INPUT', 'That is not a file.');
    const file: HeldFile = { fileId: id(), path, name: basename(path), bytes: info.size, owner: this.owner(), owned: false };
    this.held.set(file.fileId, file);
    return file;
  }

  resolve(fileId: string): HeldFile {
    const file = this.held.get(fileId);
    if (!file || file.owner !== this.owner()) throw new AppError('NOT_FOUND', 'That file is no longer available: choose it again.', { fileId });
    return file;
  }

  async discard(fileId: string): Promise<boolean> {
    const file = this.held.get(fileId);
    if (!file || file.owner !== this.owner()) return false;
    this.held.delete(fileId);
    if (file.owned) await removeQuietly(file.path);
    return true;
  }

  /** A one-time download address for `path` (browser host). */
  offer(path: string, opts: { name: string; contentType: string; removeAfter: boolean }): string {
    this.expire();
    const ticket = id(32);
    this.offers.set(ticket, { path, ...opts, name: cleanName(opts.name), expires: this.now() + TICKET_MS });
    return `${DOWNLOAD_PREFIX}${ticket}`;
  }

  /** Takes (and so uses up) the offer behind a ticket. */
  take(ticket: string): Offer | undefined {
    this.expire();
    const offer = this.offers.get(ticket);
    if (offer) this.offers.delete(ticket);
    return offer;
  }

  async close(): Promise<void> {
    for (const f of this.held.values()) if (f.owned) await removeQuietly(f.path);
    this.held.clear();
    for (const o of this.offers.values()) if (o.removeAfter) await removeQuietly(o.path);
    this.offers.clear();
    if (this.uploads) rmSync(this.uploads, { recursive: true, force: true });
    this.uploads = null;
  }

  private expire(): void {
    const now = this.now();
    for (const [t, o] of this.offers) {
      if (o.expires <= now) {
        this.offers.delete(t);
        if (o.removeAfter) void removeQuietly(o.path);
      }
    }
  }
}

/** A name safe for Content-Disposition and logs: no path, no control characters, not empty. */
export function cleanName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  const clean = base.replace(/[\u0000-\u001f\u007f"]/g, '').trim().slice(0, 200);
  return clean || 'file';
}
