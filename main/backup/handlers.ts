import { AppError } from '../../shared/errors.js';
import type { FileDialogs, FileTransfers } from '../files/transfers.js';
import type { HandlerSlice } from '../handler.js';
import { listBackups, ownBackup } from './listing.js';
import type { BackupService } from './service.js';

type Channels = 'backup:create' | 'backup:restore' | 'backup:list' | 'backup:download' | 'backup:restoreFile';

export function backupHandlers(backup: BackupService, transfers: FileTransfers, profileId: () => string, dialogs?: FileDialogs): HandlerSlice<Channels> {
  return {
    'backup:create': () => backup.create(),
    'backup:restore': (r) => backup.restore(r.path, r.password),
    'backup:list': async () => {
      await backup.settled();
      return (await listBackups(backup.backupsDir, profileId())).map((b) => ({ name: b.name, path: b.path, bytes: b.bytes, createdAt: b.createdAt }));
    },
    'backup:download': async (r) => {
      if (dialogs) throw new AppError('INVALID_INPUT', 'The desktop app keeps backups in its backups folder; there is nothing to download.');
      const b = await ownBackup(backup.backupsDir, profileId(), r.name);
      return { url: transfers.offer(b.path, { name: b.name, contentType: 'application/octet-stream', removeAfter: false }) };
    },
    'backup:restoreFile': (r) => backup.restoreUpload(transfers, r.fileId, r.password),
  };
}
