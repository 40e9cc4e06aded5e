import { isLosslessNumber, parse } from 'lossless-json';
import { AppError } from '../../shared/errors.js';
import type { AccountRef } from './candidate.js';
import type { CsvRecord } from './csv-reader.js';

/** Larger JSON exports are refused: the whole text is parsed at once. */
export const MAX_JSON_BYTES = 64 * 1024 * 1024;

/** Whether a file's text is JSON (an object) rather than CSV. */
export function looksLikeJson(text: string): boolean {
  return /^\uFEFF?\s*\{/.test(text);
}

/**
 * The `activities` array of a JSON export (Ghostfolio's, or Bourse's own) as records under a header: one column per
 * key the entries have, in order of first appearance, each value as text. Numbers keep their exact digits
 * (lossless-json: never through a double). Each record's line is the line its entry starts on, so errors point into
 * the file.
 */
export function jsonActivities(text: string): { headers: string[]; records: CsvRecord[] } {
  const { headers, records } = jsonDocument(text);
  return { headers, records };
}

/** jsonActivities, and the file's accounts block by id, as Bourse's export writes it (main/history/columns.ts). */
export function jsonDocument(text: string): { headers: string[]; records: CsvRecord[]; accounts: Map<string, AccountRef> } {
  let doc: unknown;
  try {
    doc = parse(text.replace(/^\uFEFF/, ''));
  } catch (err) {
    throw new AppError('INVALID_INPUT', `This JSON file cannot be read: ${(err as Error).message}.`);
  }
  const list = doc && typeof doc === 'object' && !Array.isArray(doc) ? (doc as Record<string, unknown>).activities : undefined;
  if (!Array.isArray(list)) throw new AppError('INVALID_INPUT', 'This JSON file has no "activities" list (a Ghostfolio export has one).');
  const headers: string[] = [];
  const seen = new Set<string>();
  for (const entry of list) {
    if (!entry || typeof entry !== 'object') continue;
    for (const [k, v] of Object.entries(entry as Record<string, unknown>)) {
      if (!seen.has(k) && scalar(v)) {
        seen.add(k);
        headers.push(k);
      }
    }
  }
  const lines = entryLines(text);
  const records = list.map((entry, i): CsvRecord => {
    const line = lines[i] ?? i + 2;
    if (!entry || typeof entry !== 'object' || Array.isArray(entry)) return { line, fields: headers.map(() => ''), problem: 'this entry is not an object' };
    const e = entry as Record<string, unknown>;
    return { line, fields: headers.map((h) => text_(e[h])) };
  });
  return { headers, records, accounts: accountsBlock((doc as Record<string, unknown>).accounts) };
}

/** Bourse's accounts block: [{id, name, kind, institution, costMethod}]; anything else in it is left out. */
function accountsBlock(list: unknown): Map<string, AccountRef> {
  const out = new Map<string, AccountRef>();
  if (!Array.isArray(list)) return out;
  const str = (v: unknown) => (typeof v === 'string' && v !== '' ? v : null);
  for (const a of list) {
    if (!a || typeof a !== 'object') continue;
    const e = a as Record<string, unknown>;
    const id = str(e.id);
    const name = str(e.name);
    if (id === null || name === null) continue;
    out.set(id, { id, name, kind: str(e.kind), institution: str(e.institution), costMethod: str(e.costMethod) });
  }
  return out;
}

function scalar(v: unknown): boolean {
  return v === null || typeof v === 'string' || typeof v === 'boolean' || isLosslessNumber(v);
}

function text_(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (isLosslessNumber(v)) return v.value;
  return typeof v === 'string' || typeof v === 'boolean' ? String(v) : '';
}

/** The line each element of the top-level "activities" array starts on (a scan that skips strings). */
function entryLines(text: string): number[] {
  const out: number[] = [];
  let line = 1;
  let depth = 0;
  let inString = false;
  let lastKey = '';
  let keyStart = -1;
  let arrayDepth = -1;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\n') line++;
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') {
        inString = false;
        if (depth === 1) lastKey = text.slice(keyStart, i);
      }
      continue;
    }
    if (c === '"') {
      inString = true;
      keyStart = i + 1;
    } else if (c === '{' || c === '[') {
      if (c === '[' && depth === 1 && lastKey === 'activities' && arrayDepth < 0) arrayDepth = depth + 1;
      else if (c === '{' && arrayDepth > 0 && depth === arrayDepth) out.push(line);
      depth++;
    } else if (c === '}' || c === ']') {
      depth--;
      if (arrayDepth > 0 && depth < arrayDepth) arrayDepth = -2;
    }
  }
  return out;
}
