/**
 * Column specs of an export. Each column declares what it holds, because safety depends on it: free text (notes,
 * names, anything a user or a broker file typed) is neutralised against spreadsheet formula injection, while a number
 * column must stay exactly as written ("-30.00" is a withdrawal, not a formula) and is therefore validated instead:
 * a value that is not a plain number is refused, never passed through.
 */
export type ColumnKind = 'text' | 'number';

export interface Column<Row> {
  /** Header cell (CSV) and property name (JSON). */
  name: string;
  kind: ColumnKind;
  /** Reads the value from a row; defaults to `row[name]`. null/undefined become an empty cell (JSON null). */
  get?: (row: Row) => unknown;
}

export class ExportValueError extends Error {
  constructor(
    readonly column: string,
    readonly row: number,
    message: string,
  ) {
    super(`row ${row}, column ${column}: ${message}`);
    this.name = 'ExportValueError';
  }
}

/**
 * OWASP CSV injection: a cell starting with = + - @ tab or CR is run as a formula by Excel, LibreOffice or Sheets;
 * LF too in some importers, and the full-width forms (＝＋－＠) are folded to their ASCII twins by some of them.
 */
const FORMULA_START = new Set(['=', '+', '-', '@', '\t', '\r', '\n', '\uFF1D', '\uFF0B', '\uFF0D', '\uFF20']);

function triggers(s: string): boolean {
  return s.length > 0 && FORMULA_START.has(s[0]!);
}

/**
 * Whether a cell starting with this UTF-16 unit can be written as it is: not a formula start and not an apostrophe
 * (which `neutralise` may have to double). The fast path of `csvCell`; everything else goes through `neutralise`.
 */
function plainStart(c: number): boolean {
  // '=' 61, '+' 43, '-' 45, '@' 64, tab 9, LF 10, CR 13, "'" 39; the full-width forms are all ≥ U+FF1D.
  return c !== 61 && c !== 43 && c !== 45 && c !== 64 && c !== 9 && c !== 10 && c !== 13 && c !== 39 && c !== 0xff1d && c !== 0xff0b && c !== 0xff0d && c !== 0xff20;
}

/**
 * Prefixes a leading apostrophe when the cell could start a formula. A cell that already starts with an apostrophe
 * followed by such a cell gets one more, so `unneutralise` can undo it exactly and an export → import round trip
 * loses nothing (a note typed as "'=x" comes back as "'=x", not "=x").
 */
export function neutralise(s: string): string {
  return needsGuard(s) ? `'${s}` : s;
}

function needsGuard(s: string): boolean {
  return triggers(s) || (s.startsWith("'") && needsGuard(s.slice(1)));
}

/** The inverse of `neutralise`, for importing Bourse's own CSV. */
export function unneutralise(s: string): string {
  return s.startsWith("'") && needsGuard(s.slice(1)) ? s.slice(1) : s;
}

/**
 * A plain decimal or a JS number's own spelling: nothing a spreadsheet would read as a formula. The same language as
 * /^-?\d+(\.\d+)?([eE][+-]?\d+)?$/ (a property test checks it against that regex), as a scan: it runs for every
 * number cell of an export, nine per history row.
 */
export function isPlainNumber(s: string): boolean {
  const n = s.length;
  let i = n > 0 && s.charCodeAt(0) === 45 ? 1 : 0;
  let from = i;
  while (i < n && isDigit(s.charCodeAt(i))) i++;
  if (i === from) return false;
  if (i < n && s.charCodeAt(i) === 46) {
    from = ++i;
    while (i < n && isDigit(s.charCodeAt(i))) i++;
    if (i === from) return false;
  }
  if (i < n && (s.charCodeAt(i) | 32) === 101) {
    i++;
    if (i < n && (s.charCodeAt(i) === 43 || s.charCodeAt(i) === 45)) i++;
    from = i;
    while (i < n && isDigit(s.charCodeAt(i))) i++;
    if (i === from) return false;
  }
  return i === n;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function read<Row>(col: Column<Row>, row: Row): unknown {
  return col.get ? col.get(row) : (row as Record<string, unknown>)[col.name];
}

/** The CSV cell of one column: neutralised text, or a validated number kept byte for byte. */
export function csvCell<Row>(col: Column<Row>, row: Row, index: number): string {
  const v = read(col, row);
  if (v === null || v === undefined) return '';
  if (col.kind === 'number') return numberText(col, v, index);
  if (typeof v === 'string') return v.length === 0 || plainStart(v.charCodeAt(0)) ? v : neutralise(v);
  return neutralise(textOf(col, v, index));
}

/** The JSON value of one column: no neutralisation (JSON is not opened by spreadsheets), same number validation. */
export function jsonValue<Row>(col: Column<Row>, row: Row, index: number): string | number | boolean | null {
  const v = read(col, row);
  if (v === null || v === undefined) return null;
  if (col.kind === 'number') {
    // Decimal strings stay strings: a JSON number would be read back as a binary float by most consumers.
    numberText(col, v, index);
    return v as string | number;
  }
  return typeof v === 'string' || typeof v === 'boolean' ? v : textOf(col, v, index);
}

function numberText<Row>(col: Column<Row>, v: unknown, index: number): string {
  const s = typeof v === 'number' ? (Number.isFinite(v) ? String(v) : '') : typeof v === 'string' ? v : '';
  if (!isPlainNumber(s)) throw new ExportValueError(col.name, index, `not a number: ${JSON.stringify(String(v)).slice(0, 40)}`);
  return s;
}

function textOf<Row>(col: Column<Row>, v: unknown, index: number): string {
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return String(v);
  if (v instanceof Date) return v.toISOString();
  throw new ExportValueError(col.name, index, `unsupported value of type ${typeof v}`);
}
