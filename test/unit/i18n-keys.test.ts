import { describe, expect, it } from 'vitest';
import { localeForLanguage, resolveLanguage } from '../../renderer/src/i18n/language.js';
import { resources } from '../../renderer/src/i18n/resources.js';

type Tree = { readonly [key: string]: string | Tree };

/** Every string of a namespace tree by its dotted key. */
function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(tree)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (typeof v === 'string') out.set(key, v);
    else for (const [kk, vv] of flatten(v, key)) out.set(kk, vv);
  }
  return out;
}

const placeholders = (s: string) => [...s.matchAll(/\{\{\s*([\w.]+)[^}]*\}\}/g)].map((m) => m[1]).sort();
/** `$t(ns:key)` nestings and `<1>…</1>` Trans slots must survive translation too. */
const markup = (s: string) => [...s.matchAll(/\$t\([^)]*\)|<\/?\d+>/g)].map((m) => m[0]).sort();

const en = flatten(resources.en as unknown as Tree);
const de = flatten(resources.de as unknown as Tree);

/**
 * Words German uses as they are (and names): a German string equal to the English one must be one of these. Anything
 * else identical to English is an untranslated copy.
 */
const SAME_IN_GERMAN = new Set([
  'Bourse',
  'Code',
  'Deutsch',
  'Details',
  'English',
  'FIFO',
  'HIFO',
  'LIFO',
  'CSV',
  'Instrument',
  'Limit',
  'Live',
  'Name',
  'Portfolio',
  'Problem',
  'Status',
  'System',
  '(optional)',
]);

/** The words of a string, without its placeholders and markup (they stay the same in every language). */
const words = (s: string) => s.replace(/\{\{[^}]*\}\}|<\/?\d+>/g, ' ');

describe('translations', () => {
  it('has every English key in German and every German key in English', () => {
    expect([...en.keys()].filter((k) => !de.has(k))).toEqual([]);
    expect([...de.keys()].filter((k) => !en.has(k))).toEqual([]);
    expect(en.size).toBeGreaterThan(0);
  });

  it('keeps the placeholders and markup of every string', () => {
    // A singular form may say "one" in words instead of {{count}}.
    const vars = (k: string, s: string) => placeholders(s).filter((p) => !(k.endsWith('_one') && p === 'count'));
    const differ = [...en].filter(([k, v]) => {
      const g = de.get(k) ?? '';
      return vars(k, v).join() !== vars(k, g).join() || markup(v).join() !== markup(g).join();
    });
    expect(differ.map(([k]) => k)).toEqual([]);
  });

  it('has no empty string and no English copy in German', () => {
    expect([...de].filter(([, v]) => v.trim() === '').map(([k]) => k)).toEqual([]);
    expect([...en].filter(([, v]) => v.trim() === '').map(([k]) => k)).toEqual([]);
    const copies = [...en].filter(([k, v]) => de.get(k) === v && !SAME_IN_GERMAN.has(v) && /[a-z]{3}/i.test(words(v)));
    expect(copies.map(([k]) => k)).toEqual([]);
  });

  it('has a German plural form wherever English has one', () => {
    const plurals = [...en.keys()].filter((k) => /_(one|other)$/.test(k));
    for (const k of plurals) expect(de.has(k), k).toBe(true);
  });
});

describe('choosing the language', () => {
  it('follows the first system language Bourse speaks, else English', () => {
    expect(resolveLanguage('system', ['de-CH', 'en-US'])).toBe('de');
    expect(resolveLanguage('system', ['fr-FR', 'de-DE'])).toBe('de');
    expect(resolveLanguage('system', ['fr-FR'])).toBe('en');
    expect(resolveLanguage('system', [])).toBe('en');
    expect(resolveLanguage('en', ['de-DE'])).toBe('en');
    expect(resolveLanguage('de', ['en-US'])).toBe('de');
  });

  it('moves the number format to the language unless it already is in it', () => {
    expect(localeForLanguage('de', 'en-US')).toBe('de-DE');
    expect(localeForLanguage('de', 'de-CH')).toBe('de-CH');
    expect(localeForLanguage('en', 'de-CH')).toBe('en-US');
    expect(localeForLanguage('en', 'en-GB')).toBe('en-GB');
  });
});
