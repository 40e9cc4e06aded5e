// ESLint rule `no-domain-cycles`: no import cycle between the domains of one folder (main/).
//
// Each folder directly under the root is one domain, and so is each loose file there (by its name without extension;
// a loose file and a folder of the same name are one domain). Every relative import counts, `import type` and
// `import()` included, because a type import ties two domains together as firmly as a value import. An import from
// domain A to domain B is reported when B imports its way back to A through a cycle that is not in `known`.
// `known` maps each tolerated cycle, written `a > b > a`, to the reason it is still there; when the rule lints the
// file that holds that list (`listedIn`), it reports every listed cycle the code no longer has, so the list can only
// shrink.

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import ts from 'typescript';

/** @typedef {{ specifier: string, start: number, end: number }} Import */
/** @typedef {Import & { to: string }} DomainImport */
/** @typedef {Map<string, Map<string, { file: string, specifier: string }>>} Graph */

const sourceFile = /\.(?:[cm]?ts|tsx|[cm]?js|jsx)$/;
const skippedDir = (/** @type {string} */ name) => name === 'node_modules' || name.startsWith('.');

/**
 * Relative import specifiers in a module's text with their ranges (the quotes included).
 * @param {string} text
 * @returns {Import[]}
 */
export function relativeImports(text) {
  return ts
    .preProcessFile(text, true, true)
    .importedFiles.filter((f) => f.fileName.startsWith('.'))
    .map((f) => ({ specifier: f.fileName, start: f.pos, end: f.pos + f.fileName.length + 2 }));
}

/**
 * The domain a path under `root` belongs to, or null for a path outside it.
 * @param {string} root
 * @param {string} path
 * @returns {string | null}
 */
export function domainOf(root, path) {
  const rel = relative(root, path);
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) return null;
  const [first = '', ...rest] = rel.split(sep);
  return rest.length > 0 ? first : first.replace(sourceFile, '');
}

/**
 * @param {string} dir
 * @param {string[]} out
 * @returns {string[]}
 */
function sourceFiles(dir, out = []) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory()) {
      if (!skippedDir(entry.name)) sourceFiles(join(dir, entry.name), out);
    } else if (sourceFile.test(entry.name)) {
      out.push(join(dir, entry.name));
    }
  }
  return out;
}

/**
 * Per file: the domains it imports, kept while the file's size and mtime are unchanged.
 * @type {Map<string, { root: string, stamp: string, targets: DomainImport[] }>}
 */
const parsed = new Map();

/**
 * @param {string} root
 * @param {string} file
 * @param {string} text
 * @returns {DomainImport[]}
 */
function importedDomains(root, file, text) {
  const from = domainOf(root, file);
  const targets = [];
  for (const imp of relativeImports(text)) {
    const to = domainOf(root, resolve(dirname(file), imp.specifier));
    if (to !== null && to !== from) targets.push({ ...imp, to });
  }
  return targets;
}

/**
 * @param {string} root
 * @param {string} file
 */
function importedDomainsOnDisk(root, file) {
  const info = statSync(file);
  const stamp = `${info.size}:${info.mtimeMs}`;
  const cached = parsed.get(file);
  if (cached && cached.stamp === stamp && cached.root === root) return cached.targets;
  const targets = importedDomains(root, file, readFileSync(file, 'utf8'));
  parsed.set(file, { root, stamp, targets });
  return targets;
}

/**
 * The domain graph under `root`: domain -> domain -> the first file and specifier that makes the edge. The file being
 * linted is taken from `current` (its text in the editor), every other file from disk.
 * @param {string} root
 * @param {{ file: string, text: string } | null} current
 * @returns {Graph}
 */
export function domainGraph(root, current) {
  /** @type {Graph} */
  const graph = new Map();
  const add = (/** @type {string} */ file, /** @type {DomainImport[]} */ targets) => {
    const from = domainOf(root, file) ?? '';
    const out = graph.get(from) ?? new Map();
    graph.set(from, out);
    for (const t of targets) {
      if (!out.has(t.to)) out.set(t.to, { file, specifier: t.specifier });
      if (!graph.has(t.to)) graph.set(t.to, new Map());
    }
  };
  for (const file of sourceFiles(root)) {
    if (current && file === current.file) continue;
    add(file, importedDomainsOnDisk(root, file));
  }
  if (current) add(current.file, importedDomains(root, current.file, current.text));
  return graph;
}

/**
 * A cycle's domains as `a > b > c > a`, rotated to start at its smallest name so that each cycle has one key.
 * @param {string[]} domains
 */
export function cycleKey(domains) {
  let start = 0;
  domains.forEach((d, i) => {
    if (d < /** @type {string} */ (domains[start])) start = i;
  });
  const turned = [...domains.slice(start), ...domains.slice(0, start)];
  return [...turned, turned[0]].join(' > ');
}

/**
 * Parses a listed key `a > b > a` into its domains (without the repeated first), or null when malformed.
 * @param {string} key
 * @returns {string[] | null}
 */
export function parseCycle(key) {
  const parts = key.split('>').map((p) => p.trim());
  if (parts.length < 3 || parts[0] !== parts.at(-1) || parts.some((p) => p === '')) return null;
  const domains = parts.slice(0, -1);
  return new Set(domains).size === domains.length ? domains : null;
}

/**
 * The shortest cycle through the edge from -> to that `isKnown` does not accept, as its domains starting at `from`,
 * or null. Paths are enumerated by length over the domains that can reach `from`, so a search ends after the listed
 * cycles plus one.
 * @param {Graph} graph
 * @param {string} from
 * @param {string} to
 * @param {(key: string) => boolean} isKnown
 * @returns {string[] | null}
 */
export function unknownCycleThrough(graph, from, to, isKnown) {
  const reachesFrom = new Set([from]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const [d, out] of graph) {
      if (!reachesFrom.has(d) && [...out.keys()].some((n) => reachesFrom.has(n))) {
        reachesFrom.add(d);
        grew = true;
      }
    }
  }
  if (!reachesFrom.has(to)) return null;
  const path = [from, to];
  /** @type {(depth: number) => string[] | null} */
  const search = (depth) => {
    const last = /** @type {string} */ (path.at(-1));
    if (last === from) return null;
    for (const next of graph.get(last)?.keys() ?? []) {
      if (!reachesFrom.has(next) || (next !== from && path.includes(next))) continue;
      if (next === from) {
        if (path.length === depth && !isKnown(cycleKey(path))) return [...path];
        continue;
      }
      if (path.length >= depth) continue;
      path.push(next);
      const found = search(depth);
      path.pop();
      if (found) return found;
    }
    return null;
  };
  for (let depth = 2; depth <= graph.size; depth += 1) {
    const found = search(depth);
    if (found) return found;
  }
  return null;
}

/** @type {import('eslint').Rule.RuleModule} */
export const noDomainCycles = {
  meta: {
    type: 'problem',
    docs: { description: 'Forbid import cycles between the domain folders of one folder, except a listed few' },
    schema: [
      {
        type: 'object',
        properties: {
          root: { type: 'string' },
          known: { type: 'object', additionalProperties: { type: 'string', minLength: 1 } },
          listedIn: { type: 'string' },
        },
        required: ['root'],
        additionalProperties: false,
      },
    ],
    messages: {
      cycle:
        'Import cycle between domains of {{root}}/: {{cycle}} ({{back}} is where {{to}} imports {{from}}). ' +
        "A domain must not import a domain that imports it back; move what both need into one of them or below both.",
      stale: 'The known import cycle {{cycle}} is gone from the code: delete it from the list.',
      malformed: 'A known import cycle must read `a > b > a` (each domain once, the first repeated at the end): {{cycle}}.',
    },
  },
  create(context) {
    /** @type {{ root: string, known?: Record<string, string>, listedIn?: string }} */
    const { root, known = {}, listedIn } = context.options[0];
    const file = context.physicalFilename;
    /** @type {Map<string, string[] | null>} */
    const keys = new Map(Object.keys(known).map((k) => [k, parseCycle(k)]));
    const knownKeys = new Set([...keys.values()].flatMap((domains) => (domains ? [cycleKey(domains)] : [])));
    const sourceCode = context.sourceCode;
    const rootName = relative(context.cwd, root) || root;

    if (listedIn && resolve(file) === resolve(listedIn)) {
      /** @type {Map<string, import('estree').Node>} */
      const literals = new Map();
      return {
        Literal(node) {
          if (typeof node.value === 'string' && keys.has(node.value) && !literals.has(node.value)) {
            literals.set(node.value, node);
          }
        },
        'Program:exit'(program) {
          const graph = domainGraph(root, null);
          for (const [key, domains] of keys) {
            const node = literals.get(key) ?? program;
            if (!domains) {
              context.report({ node, messageId: 'malformed', data: { cycle: key } });
              continue;
            }
            const present = domains.every((d, i) => graph.get(d)?.has(domains[(i + 1) % domains.length] ?? ''));
            if (!present) context.report({ node, messageId: 'stale', data: { cycle: key } });
          }
        },
      };
    }

    const from = domainOf(root, file);
    if (from === null) return {};
    return {
      Program() {
        const text = sourceCode.text;
        const graph = domainGraph(root, { file, text });
        for (const imp of importedDomains(root, file, text)) {
          const cycle = unknownCycleThrough(graph, from, imp.to, (k) => knownKeys.has(k));
          if (!cycle) continue;
          const last = /** @type {string} */ (cycle[cycle.length - 1]);
          const back = graph.get(last)?.get(from);
          context.report({
            loc: { start: sourceCode.getLocFromIndex(imp.start), end: sourceCode.getLocFromIndex(imp.end) },
            messageId: 'cycle',
            data: {
              root: rootName,
              cycle: cycleKey(cycle),
              from,
              to: last,
              back: back ? `${relative(root, back.file)} '${back.specifier}'` : last,
            },
          });
        }
      },
    };
  },
};
