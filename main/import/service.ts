import type { ImportMapping, ImportPreset, ImportReport } from '../../shared/contract/index.js';
import { AppError } from '../../shared/errors.js';
import type { ActivityService } from '../activities/service.js';
import type { EventHub } from '../events.js';
import type { FileTransfers } from '../files/transfers.js';
import type { Store } from '../store/data-source.js';
import { suggestMapping } from './mapping.js';
import { readFile, readFileHead } from './reading.js';
import { ImportRuns, runHash, type RunResult } from './running.js';
import { SavedPresets } from './saved-presets.js';

export interface ImportDeps {
  store: Store;
  transfers: FileTransfers;
  events: EventHub;
  /** The user's number and date locale: the defaults a broker file is read with. */
  locale: () => string;
  /** The cost-basis method of an account an import makes when the file names none (the profile's setting). */
  costMethod?: () => string;
  now?: () => number;
}

/**
 * Imports activities from CSV or JSON: Bourse's own export (a round trip loses nothing: accounts, transfers, corporate
 * actions; main/import/accounts.ts) or a broker's file through a column mapping, into the account the request names. Every row is planned and checked exactly as ActivityService.recordIn does it (through its BulkRecorder,
 * main/activities/bulk.ts), so an imported row moves wallets and positions exactly like a recorded one, and the
 * whole file is one transaction: all rows or none. The steps live beside this facade: reading.ts (file to
 * candidates), mapping.ts (the suggested mapping), checking.ts (each row against the profile), running.ts (the
 * transaction, progress, cancel and idempotency).
 */
export class ImportService {
  private readonly runs: ImportRuns;
  private readonly saved: SavedPresets;

  constructor(private readonly deps: ImportDeps) {
    const now = deps.now ?? Date.now;
    this.runs = new ImportRuns(deps.store, deps.events, now);
    this.saved = new SavedPresets(deps.store, now);
  }

  /** What the mapping step needs: the header, a few rows, whether this is Bourse's own file, suggested settings. */
  async inspect(fileId: string, encoding?: ImportMapping['encoding']) {
    const file = this.deps.transfers.resolve(fileId);
    const head = await readFileHead(file.path, encoding);
    const { mapping: suggested, broker, dateEvidence } = suggestMapping(head, this.deps.locale());
    return { file: { fileId, name: file.name, bytes: file.bytes }, format: head.format, headers: head.headers, sample: head.records.slice(0, 5).map((r) => r.fields), suggested, broker, dateEvidence } as const;
  }

  /** Checks every row exactly as `run` would, then rolls back: the preview a user confirms. */
  preview(fileId: string, mapping: ImportMapping | undefined, activities: ActivityService, accountId?: string): Promise<ImportReport> {
    return this.pass(fileId, mapping, activities, { dryRun: true }, accountId);
  }

  async run(fileId: string, mapping: ImportMapping | undefined, activities: ActivityService, idempotencyKey: string, accountId?: string): Promise<RunResult> {
    const hash = runHash(fileId, mapping, accountId);
    // A replay answers even once the file is gone (it is let go after a successful import).
    const earlier = await this.runs.replayed(idempotencyKey, hash);
    if (earlier) return earlier;
    const report = await this.pass(fileId, mapping, activities, { dryRun: false, idempotency: { key: idempotencyKey, hash } }, accountId);
    if (report.replayed) return report.replayed;
    activities.changed();
    await this.deps.transfers.discard(fileId).catch(() => undefined);
    return { rows: report.rows, imported: report.fresh, duplicates: report.duplicates };
  }

  cancel(fileId: string): boolean {
    return this.runs.cancel(fileId);
  }

  presets(): Promise<ImportPreset[]> {
    return this.saved.list();
  }

  savePreset(name: string, mapping: ImportMapping): Promise<ImportPreset> {
    return this.saved.save(name, mapping);
  }

  deletePreset(name: string): Promise<boolean> {
    return this.saved.remove(name);
  }

  private pass(fileId: string, mapping: ImportMapping | undefined, activities: ActivityService, mode: { dryRun: boolean; idempotency?: { key: string; hash: string } }, accountId: string | undefined) {
    const file = this.deps.transfers.resolve(fileId);
    const at = new Date((this.deps.now ?? Date.now)()).toISOString();
    return this.runs.pass(
      file,
      async (signal, onProgress) => {
        const head = await readFileHead(file.path, mapping?.encoding);
        if (head.format === 'generic' && !mapping) throw new AppError('INVALID_INPUT', 'This is not a Bourse export: map its columns first.');
        const given = mapping ?? suggestMapping(head, this.deps.locale()).mapping;
        // Bourse writes UTF-8 with the delimiter found in its header; a broker file is read as its mapping says.
        const settings = head.format === 'bourse' ? { ...given, delimiter: head.delimiter, encoding: mapping?.encoding ?? 'utf-8' } : given;
        return readFile(file, head.kind, head.format, settings, at, signal, onProgress);
      },
      activities,
      mode,
      { accountId, costMethod: (this.deps.costMethod ?? (() => 'fifo'))() },
    );
  }
}
