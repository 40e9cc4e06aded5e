import { t } from '../i18n/index.js';
import type { FileRef } from '../../../shared/contract/index.js';
import type { Result } from '../../../shared/errors.js';
import { UPLOAD_PATH } from '../../../shared/transport.js';
import type { CallResult } from './client.js';
import { takeToken } from './http.js';

/**
 * Files in and out. The desktop picks them in main's own dialogs (files:pick, export:start), so the renderer never
 * names a path; in a browser the page uploads the chosen file to the host and downloads through one-time addresses.
 */
export const isDesktop = (): boolean => Boolean((globalThis as { bourse?: unknown }).bourse);

export async function upload(file: File): Promise<CallResult<FileRef>> {
  const token = takeToken();
  try {
    const res = await fetch(`${UPLOAD_PATH}?name=${encodeURIComponent(file.name)}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/octet-stream', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
      body: file,
      cache: 'no-store',
    });
    return (await res.json()) as Result<FileRef>;
  } catch {
    return { ok: false, error: { code: 'NETWORK', message: t('errors:fileNotSent') } };
  }
}
