/**
 * Reads the parts of a `CREATE TABLE` statement, as SQLite stores it in `sqlite_schema`, that no pragma reports:
 * AUTOINCREMENT, collations, CHECK expressions, generated columns' expressions, WITHOUT ROWID. Expressions are
 * returned exactly as written between their parentheses, so they compare as text with a declaration.
 */
export interface ColumnDdl {
  name: string;
  autoincrement: boolean;
  collation: string | null;
  checks: string[];
  generated: { expression: string; kind: 'VIRTUAL' | 'STORED' } | null;
}

export interface TableDdl {
  columns: ColumnDdl[];
  /** CHECK constraints written as table constraints rather than on a column. */
  checks: string[];
  withoutRowid: boolean;
}

type Token = { word: string } | { group: string };

export function parseCreateTable(sql: string): TableDdl {
  const open = sql.indexOf('(');
  if (open < 0) throw new Error(`not a CREATE TABLE: ${sql}`);
  const end = closing(sql, open);
  const items = splitTopLevel(sql.slice(open + 1, end));
  const columns: ColumnDdl[] = [];
  const checks: string[] = [];
  for (const item of items) {
    const tokens = tokenize(item);
    const first = tokens[0];
    if (!first || !('word' in first)) throw new Error(`cannot read table item: ${item}`);
    if (/^(CONSTRAINT|PRIMARY|UNIQUE|CHECK|FOREIGN)$/i.test(first.word)) {
      checks.push(...groupsAfter(tokens, 'CHECK'));
      continue;
    }
    const generatedAt = tokens.findIndex((t) => 'word' in t && /^AS$/i.test(t.word));
    const expression = generatedAt >= 0 ? tokens[generatedAt + 1] : undefined;
    const kind = generatedAt >= 0 ? tokens[generatedAt + 2] : undefined;
    columns.push({
      name: unquote(first.word),
      autoincrement: tokens.some((t) => 'word' in t && /^AUTOINCREMENT$/i.test(t.word)),
      collation: wordAfter(tokens, 'COLLATE'),
      checks: groupsAfter(tokens, 'CHECK'),
      generated:
        expression && 'group' in expression
          ? { expression: expression.group, kind: kind && 'word' in kind && /^STORED$/i.test(kind.word) ? 'STORED' : 'VIRTUAL' }
          : null,
    });
  }
  return { columns, checks, withoutRowid: /^\s*WITHOUT\s+ROWID\s*$/i.test(sql.slice(end + 1)) };
}

/** Index of the parenthesis closing the one at `open`, skipping quoted text. */
function closing(s: string, open: number): number {
  let depth = 0;
  for (let i = open; i < s.length; i++) {
    const c = s[i]!;
    if (c === "'" || c === '"' || c === '`') i = skipQuoted(s, i);
    else if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return i;
  }
  throw new Error(`unbalanced parentheses: ${s}`);
}

/** Index of the quote closing the quoted text starting at `i` (a doubled quote is an escaped one). */
function skipQuoted(s: string, i: number): number {
  const q = s[i]!;
  for (let j = i + 1; j < s.length; j++) {
    if (s[j] === q) {
      if (s[j + 1] === q) j++;
      else return j;
    }
  }
  throw new Error(`unterminated quote: ${s}`);
}

function splitTopLevel(body: string): string[] {
  const items: string[] = [];
  let start = 0;
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (c === "'" || c === '"' || c === '`') i = skipQuoted(body, i);
    else if (c === '(') i = closing(body, i);
    else if (c === ',') {
      items.push(body.slice(start, i).trim());
      start = i + 1;
    }
  }
  items.push(body.slice(start).trim());
  return items.filter((s) => s.length > 0);
}

/** Words (a quoted name or literal is one word) and parenthesized groups (their inner text, as written). */
function tokenize(item: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < item.length) {
    const c = item[i]!;
    if (/\s/.test(c)) i++;
    else if (c === '(') {
      const end = closing(item, i);
      tokens.push({ group: item.slice(i + 1, end) });
      i = end + 1;
    } else if (c === "'" || c === '"' || c === '`') {
      const end = skipQuoted(item, i);
      tokens.push({ word: item.slice(i, end + 1) });
      i = end + 1;
    } else {
      let j = i;
      while (j < item.length && !/[\s(]/.test(item[j]!)) j++;
      tokens.push({ word: item.slice(i, j) });
      i = j;
    }
  }
  return tokens;
}

function groupsAfter(tokens: Token[], keyword: string): string[] {
  const out: string[] = [];
  tokens.forEach((t, i) => {
    const next = tokens[i + 1];
    if ('word' in t && t.word.toUpperCase() === keyword && next && 'group' in next) out.push(next.group);
  });
  return out;
}

function wordAfter(tokens: Token[], keyword: string): string | null {
  const i = tokens.findIndex((t) => 'word' in t && t.word.toUpperCase() === keyword);
  const next = i >= 0 ? tokens[i + 1] : undefined;
  return next && 'word' in next ? unquote(next.word) : null;
}

function unquote(name: string): string {
  return /^["`]/.test(name) ? name.slice(1, -1) : name;
}
