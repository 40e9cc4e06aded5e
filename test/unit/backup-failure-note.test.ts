import { describe, expect, it } from 'vitest';
import { failureNote } from '../../main/backup/failure-note.js';

/** What the log may say of a backup's failure: its code and message, every path cut to its file name. */
describe('failureNote', () => {
  it('keeps the code and the message, with each path cut to its file name', () => {
    const err = Object.assign(new Error("ENOSPC: no space left on device, open '/home/ada/.config/Bourse/backups/p1-20250101T120000000Z-1.bourse-backup.rekey'"), { code: 'ENOSPC' });
    expect(failureNote(err)).toEqual({ code: 'ENOSPC', message: "ENOSPC: no space left on device, open 'p1-20250101T120000000Z-1.bourse-backup.rekey'" });
    expect(failureNote(new Error('cannot open C:\\Users\\ada\\Bourse\\backups\\b.bourse-backup and/or its journal')).message).toBe('cannot open b.bourse-backup and/or its journal');
  });

  it('hands on nothing but the code and message of anything thrown', () => {
    expect(failureNote({ code: 'SQLITE_CORRUPT', key: 'secret' })).toEqual({ code: 'SQLITE_CORRUPT', message: 'unknown failure' });
    expect(failureNote('a string')).toEqual({ code: null, message: 'unknown failure' });
  });
});
