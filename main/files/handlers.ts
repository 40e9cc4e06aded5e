import { AppError } from '../../shared/errors.js';
import type { HandlerSlice } from '../handler.js';
import type { FileDialogs, FileTransfers } from './transfers.js';

const fileRef = (f: { fileId: string; name: string; bytes: number }) => ({ fileId: f.fileId, name: f.name, bytes: f.bytes });

export function fileHandlers(transfers: FileTransfers, dialogs?: FileDialogs): HandlerSlice<'files:pick' | 'files:discard'> {
  return {
    'files:pick': async (r) => {
      if (!dialogs) throw new AppError('INVALID_INPUT', 'The browser version uploads files instead: choose the file in the page.');
      const path = await dialogs.open(
        r.purpose === 'import'
          ? { title: 'Import activities', filters: [{ name: 'CSV', extensions: ['csv', 'txt'] }] }
          : { title: 'Restore a backup', filters: [{ name: 'Bourse backup', extensions: ['bourse-backup', 'db'] }] },
      );
      return { file: path ? fileRef(await transfers.hold(path)) : null };
    },
    'files:discard': async (r) => ({ discarded: await transfers.discard(r.fileId) }),
  };
}
