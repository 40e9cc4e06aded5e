/**
 * An incremental RFC 4180 reader that knows where every record starts. Why not csv-parse: an import must report
 * each bad row by the line a user sees in an editor, keep going past it to report the next ones, and survive a quote
 * left open without losing the lines before it; csv-parse stops at the first malformed record and counts lines of
 * multi-line records differently. csv-parse stays the reference: a property test checks that on well-formed input
 * both read the same records.
 *
 * Accepted: CRLF, LF or lone CR line ends; fields quoted with `"` (doubled inside); a quote in the middle of an
 * unquoted field is kept as text (common in broker files). Refused per record: text after a closing quote; a quote
 * still open at the end of the file (reported at the line where the record began).
 */
export interface CsvRecord {
  /** 1-based line where the record starts. */
  line: number;
  fields: string[];
  /** Set when the record is malformed; its fields are then only what could be read. */
  problem?: string;
}

const enum S {
  FieldStart,
  Unquoted,
  Quoted,
  QuoteInQuoted,
}

export class CsvReader {
  private state = S.FieldStart;
  private field = '';
  private fields: string[] = [];
  private line = 1;
  private recordLine = 1;
  private problem: string | undefined;
  private pendingCr = false;
  private started = false;

  constructor(private readonly delimiter = ',') {
    if (delimiter.length !== 1 || delimiter === '"' || delimiter === '\n' || delimiter === '\r') throw new Error(`bad delimiter ${JSON.stringify(delimiter)}`);
  }

  /** Feeds the next piece of text; returns the records it completed. */
  push(text: string, out: CsvRecord[] = []): CsvRecord[] {
    const d = this.delimiter.charCodeAt(0);
    let i = 0;
    const n = text.length;
    if (!this.started && n > 0) {
      this.started = true;
      if (text.charCodeAt(0) === 0xfeff) i = 1;
    }
    if (this.pendingCr && i < n) {
      this.pendingCr = false;
      if (text.charCodeAt(i) === 10) i++;
    }
    for (; i < n; i++) {
      const c = text.charCodeAt(i);
      switch (this.state) {
        case S.FieldStart:
          if (c === 34) this.state = S.Quoted;
          else {
            // The character starts an unquoted field: read it again in that state.
            this.state = S.Unquoted;
            i--;
          }
          break;
        case S.Unquoted: {
          if (c === d) {
            this.endField();
          } else if (c === 10 || c === 13) {
            i = this.endLine(text, i, c, out);
          } else {
            // Run to the next delimiter or line end in one slice: most of a file is unquoted text.
            let j = i + 1;
            while (j < n) {
              const x = text.charCodeAt(j);
              if (x === d || x === 10 || x === 13) break;
              j++;
            }
            this.field += text.slice(i, j);
            i = j - 1;
          }
          break;
        }
        case S.Quoted: {
          if (c === 34) {
            this.state = S.QuoteInQuoted;
          } else {
            let j = text.indexOf('"', i);
            if (j < 0) j = n;
            const chunk = text.slice(i, j);
            this.countLines(chunk);
            this.field += chunk;
            i = j - 1;
          }
          break;
        }
        case S.QuoteInQuoted:
          if (c === 34) {
            this.field += '"';
            this.state = S.Quoted;
          } else if (c === d) {
            this.endField();
          } else if (c === 10 || c === 13) {
            i = this.endLine(text, i, c, out);
          } else {
            this.problem ??= 'text after a closing quote (a field with quotes must be quoted whole, inner quotes doubled)';
            this.field += text[i];
            this.state = S.Unquoted;
          }
          break;
      }
    }
    return out;
  }

  /** Ends the input; returns the last record (and flags a quote left open). */
  end(out: CsvRecord[] = []): CsvRecord[] {
    if (this.state === S.Quoted) {
      this.problem = `a quoted field that starts on line ${this.recordLine} is never closed`;
      this.fields.push(this.field);
      out.push({ line: this.recordLine, fields: this.fields, problem: this.problem });
    } else if (this.state !== S.FieldStart || this.fields.length > 0) {
      this.endField();
      this.emit(out);
    }
    this.fields = [];
    this.field = '';
    this.state = S.FieldStart;
    return out;
  }

  private countLines(chunk: string): void {
    for (let k = chunk.indexOf('\n'); k >= 0; k = chunk.indexOf('\n', k + 1)) this.line++;
    // A lone CR inside a quoted field is a line break too (CRLF was counted once, by its LF).
    for (let k = chunk.indexOf('\r'); k >= 0; k = chunk.indexOf('\r', k + 1)) if (chunk.charCodeAt(k + 1) !== 10 && k + 1 < chunk.length) this.line++;
  }

  private endField(): void {
    this.fields.push(this.field);
    this.field = '';
    this.state = S.FieldStart;
  }

  private endLine(text: string, i: number, c: number, out: CsvRecord[]): number {
    this.endField();
    this.emit(out);
    this.line++;
    this.recordLine = this.line;
    if (c === 13) {
      if (i + 1 < text.length) {
        if (text.charCodeAt(i + 1) === 10) return i + 1;
      } else this.pendingCr = true;
    }
    return i;
  }

  private emit(out: CsvRecord[]): void {
    const blank = this.fields.length === 1 && this.fields[0] === '' && !this.problem;
    if (!blank) out.push(this.problem ? { line: this.recordLine, fields: this.fields, problem: this.problem } : { line: this.recordLine, fields: this.fields });
    this.fields = [];
    this.problem = undefined;
  }
}

/** The delimiter of a header line: the most frequent of , ; tab | outside quotes (',' when none occurs). */
export function detectDelimiter(headerLine: string): ',' | ';' | '\t' | '|' {
  const counts: Record<string, number> = { ',': 0, ';': 0, '\t': 0, '|': 0 };
  let quoted = false;
  for (const ch of headerLine) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && ch in counts) counts[ch]! += 1;
  }
  let best: ',' | ';' | '\t' | '|' = ',';
  for (const k of [';', '\t', '|'] as const) if (counts[k]! > counts[best]!) best = k;
  return best;
}
