import { t } from '../i18n/index.js';
import { errorText } from '../format/errors.js';
import { create } from 'zustand';
import type { FileRef, ImportField, ImportMapping, ImportPreset, ImportReport, Response, UnknownInstrument } from '../../../shared/contract/index.js';
import { api, call } from '../api/client.js';
import { isDesktop, upload } from '../api/files.js';
import { SubmissionKeys } from '../api/submission.js';
import { useCatalogue } from './catalogue.js';

export type Inspection = Response<'import:inspect'>;
export interface Progress {
  phase: 'reading' | 'checking' | 'writing';
  rows: number;
  total: number;
  bytes: number;
  totalBytes: number;
}

/**
 * Where an import stands. idle: no file. uploading: the browser sends the file to the host. inspecting: main reads
 * its head. mapping: a broker file waits for its mapping to be previewed. checking: every row is checked (nothing
 * kept). ready: a report is shown (with errors or not). writing: the import runs. Each step starts only from the
 * steps that lead to it; `busy` steps lock the buttons.
 */
export type Step = 'idle' | 'uploading' | 'inspecting' | 'mapping' | 'checking' | 'ready' | 'writing';

const BUSY: ReadonlySet<Step> = new Set(['uploading', 'inspecting', 'checking', 'writing']);
export const isBusy = (step: Step): boolean => BUSY.has(step);

interface ImportStore {
  step: Step;
  file: FileRef | null;
  inspection: Inspection | null;
  mapping: ImportMapping | null;
  report: ImportReport | null;
  progress: Progress | null;
  error: string | null;
  done: string | null;
  presets: ImportPreset[];
  presetName: string;
  chosenPreset: string;
  /** Changes whenever the browser's file input must be emptied (after an import or a discard). */
  inputKey: number;
  /** The desktop picks the file in main's own dialog; a browser uploads the file the page chose. */
  desktop: boolean;
  /** The account rows that name none go to; null: the profile's default account. */
  accountId: string | null;
  setAccount(id: string | null): void;
  loadPresets(): Promise<void>;
  chooseInBrowser(f: File | undefined): Promise<void>;
  chooseOnDesktop(): Promise<void>;
  preview(): Promise<void>;
  /** True when the file was imported. */
  run(): Promise<boolean>;
  cancel(): Promise<void>;
  discard(): Promise<void>;
  savePreset(): Promise<void>;
  deletePreset(): Promise<void>;
  applyPreset(name: string): void;
  setPresetName(name: string): void;
  setColumn(field: ImportField, header: string): void;
  setOption<K extends keyof ImportMapping>(k: K, v: ImportMapping[K]): void;
  /** Matches a reference the catalogue does not know to one of its instruments, then checks again. */
  matchInstrument(reference: string, symbol: string): Promise<void>;
  /** Adds an unknown ticker to the catalogue with what the file says about it, then checks again. */
  addInstrument(u: UnknownInstrument): Promise<void>;
  reset(): void;
}

const keys = new SubmissionKeys();

const EMPTY = { step: 'idle' as Step, file: null, inspection: null, mapping: null, report: null, progress: null, error: null, done: null };

export const useImport = create<ImportStore>((set, get) => {
  /** A changed mapping invalidates the report: the file goes back to waiting for a preview. */
  const remap = (mapping: ImportMapping) => set({ mapping, report: null, step: get().inspection?.format === 'bourse' ? 'ready' : 'mapping' });

  async function take(ref: FileRef) {
    set({ file: ref, inspection: null, report: null, error: null, done: null, step: 'inspecting' });
    const r = await call('import:inspect', { fileId: ref.fileId });
    if (get().file?.fileId !== ref.fileId) return;
    if (!r.ok) return set({ error: errorText(r.error), step: 'idle' });
    set({ inspection: r.data, mapping: r.data.format === 'generic' ? r.data.suggested : null, step: r.data.format === 'generic' ? 'mapping' : 'checking' });
    if (r.data.format === 'bourse') await get().preview();
  }

  return {
    ...EMPTY,
    desktop: isDesktop(),
    presets: [],
    presetName: '',
    chosenPreset: '',
    inputKey: 0,
    accountId: null,
    setAccount(accountId) {
      if (isBusy(get().step) || accountId === get().accountId) return;
      set({ accountId });
      // The report was checked against the other account: a Bourse file is checked again at once, a broker's file
      // waits for its preview like after any change of its mapping.
      const { mapping, inspection } = get();
      if (inspection?.format === 'bourse') void get().preview();
      else if (mapping) remap(mapping);
    },
    async loadPresets() {
      const r = await call('import:presets', {});
      if (r.ok) set({ presets: r.data });
    },
    async chooseInBrowser(f) {
      if (!f || isBusy(get().step)) return;
      set({ step: 'uploading', done: null, error: null });
      const r = await upload(f);
      if (!r.ok) return set({ error: errorText(r.error), step: get().file ? 'mapping' : 'idle' });
      await take(r.data);
    },
    async chooseOnDesktop() {
      const r = await call('files:pick', { purpose: 'import' });
      if (!r.ok) set({ error: errorText(r.error) });
      else if (r.data.file) await take(r.data.file);
    },
    async preview() {
      const { file, mapping } = get();
      if (!file) return;
      set({ report: null, error: null, done: null, step: 'checking' });
      const accountId = get().accountId;
      const r = await call('import:preview', { fileId: file.fileId, ...(mapping ? { mapping } : {}), ...(accountId ? { accountId } : {}) });
      if (get().file?.fileId !== file.fileId) return;
      set({ progress: null });
      if (r.ok) set({ report: r.data, step: 'ready' });
      else set({ error: errorText(r.error), step: mapping ? 'mapping' : 'ready' });
    },
    async run() {
      const { file, report, mapping } = get();
      if (!file || !report || get().step !== 'ready') return false;
      set({ error: null, step: 'writing' });
      const accountId = get().accountId;
      const idempotencyKey = keys.keyFor(`import:${file.fileId}:${JSON.stringify(mapping)}:${accountId ?? ''}`);
      const r = await call('import:run', { fileId: file.fileId, ...(mapping ? { mapping } : {}), ...(accountId ? { accountId } : {}), idempotencyKey });
      keys.settle(r.ok || r.error.code !== 'NETWORK');
      set({ progress: null });
      if (!r.ok) {
        const rejected = r.error.details?.report as ImportReport | undefined;
        set({ report: rejected ?? report, step: 'ready', error: r.error.code === 'CANCELLED' ? t('imports:cancelled') : errorText(r.error) });
        return false;
      }
      const skipped = r.data.duplicates ? t('imports:skippedNote', { count: r.data.duplicates }) : '';
      set({ ...EMPTY, done: t('imports:imported', { count: r.data.imported, skipped }), inputKey: get().inputKey + 1 });
      return true;
    },
    async cancel() {
      const { file } = get();
      if (file) await call('import:cancel', { fileId: file.fileId });
    },
    async discard() {
      const { file } = get();
      if (file) await call('files:discard', { fileId: file.fileId });
      set({ ...EMPTY, inputKey: get().inputKey + 1 });
    },
    async savePreset() {
      const { mapping, presetName } = get();
      if (!mapping || !presetName.trim()) return;
      const r = await call('import:savePreset', { name: presetName.trim(), mapping });
      if (!r.ok) return set({ error: errorText(r.error) });
      const presets = [...get().presets.filter((p) => p.name.toLowerCase() !== r.data.name.toLowerCase()), r.data].sort((a, b) => a.name.localeCompare(b.name));
      set({ presets, chosenPreset: r.data.name, done: t('imports:presetSaved', { name: r.data.name }) });
    },
    async deletePreset() {
      const { chosenPreset } = get();
      if (!chosenPreset) return;
      const r = await call('import:deletePreset', { name: chosenPreset });
      if (r.ok) set({ presets: get().presets.filter((p) => p.name !== chosenPreset), chosenPreset: '' });
    },
    applyPreset(name) {
      set({ chosenPreset: name });
      const p = get().presets.find((x) => x.name === name);
      if (p) {
        set({ presetName: p.name });
        remap(p.mapping);
      }
    },
    setPresetName(name) {
      set({ presetName: name });
    },
    setColumn(field, header) {
      const { mapping } = get();
      if (!mapping) return;
      const columns = { ...mapping.columns };
      if (header) columns[field] = header;
      else delete columns[field];
      remap({ ...mapping, columns });
    },
    setOption(k, v) {
      const { mapping } = get();
      if (!mapping) return;
      const next = { ...mapping, [k]: v };
      if (v === undefined || v === '') delete next[k];
      remap(next);
    },
    async matchInstrument(reference, symbol) {
      const { mapping } = get();
      if (!mapping) return;
      const instruments = { ...mapping.instruments };
      if (symbol) instruments[reference] = symbol;
      else delete instruments[reference];
      remap({ ...mapping, instruments });
      await get().preview();
    },
    async addInstrument(u) {
      if (!u.currency) return;
      const r = await call('instrument:add', { symbol: u.reference, name: (u.name ?? u.reference).slice(0, 100), assetClass: 'stock', quoteCurrency: u.currency });
      if (!r.ok) return set({ error: errorText(r.error) });
      useCatalogue.getState().putInstrument(r.data);
      await get().preview();
    },
    reset() {
      set({ ...EMPTY, presets: [], presetName: '', chosenPreset: '', accountId: null, inputKey: get().inputKey + 1 });
    },
  };
});

api.on('import:progress', (p) => {
  const { file, step } = useImport.getState();
  if (file && p.fileId === file.fileId && isBusy(step)) useImport.setState({ progress: { phase: p.phase, rows: p.rows, total: p.total, bytes: p.bytes, totalBytes: p.totalBytes } });
});
