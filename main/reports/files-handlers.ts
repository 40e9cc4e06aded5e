import type { HandlerSlice } from '../handler.js';
import type { ReportFiles } from './files.js';

export function reportFileHandlers(files: () => ReportFiles): HandlerSlice<'report:file'> {
  return { 'report:file': (r) => files().save(r) };
}
