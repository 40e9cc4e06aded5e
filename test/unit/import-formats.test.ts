import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CsvReader, detectDelimiter, type CsvRecord } from '../../main/import/csv-reader.js';
import { localeFormats, parseDate, parseNumber, typeReader } from '../../main/import/formats.js';

/** The import's CSV reader and its locale-aware readers of dates, numbers and type words. */
function readAll(text: string, delimiter = ',', cuts: number[] = []): CsvRecord[] {
  const r = new CsvReader(delimiter);
  const out: CsvRecord[] = [];
  let at = 0;
  for (const c of [...cuts.filter((x) => x > 0 && x < text.length).sort((a, b) => a - b), text.length]) {
    r.push(text.slice(at, c), out);
    at = c;
  }
  r.end(out);
  return out;
}

describe('CSV reader', () => {
  const field = fc.string({ unit: fc.oneof(fc.constantFrom(',', '"', '\r', '\n', '\r\n', ' ', ';', 'é', '€'), fc.string({ minLength: 1, maxLength: 1 })) });

  it('reads what csv-stringify writes exactly like csv-parse does, however the text is cut into chunks (fast-check)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(field, { minLength: 2, maxLength: 5 }), { minLength: 1, maxLength: 12 }),
        fc.array(fc.nat(2000), { maxLength: 6 }),
        fc.constantFrom('unix', 'windows') as fc.Arbitrary<'unix' | 'windows'>,
        (records, cuts, eol) => {
          // Every field with CR or LF quoted (RFC 4180; what Bourse's own export writes).
          const text = stringify(records, { record_delimiter: eol, quoted_match: /[\r\n]/ });
          const reference = parse(text, { relax_column_count: true, skip_empty_lines: false }) as string[][];
          expect(readAll(text, ',', cuts).map((r) => r.fields)).toEqual(reference);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('gives the line each record starts on, multi-line fields and CR-only files included', () => {
    const text = 'a,b\r\n1,"two\nlines"\r\n\r\n3,x\r4,"y"';
    expect(readAll(text, ',', [3, 9, 14]).map((r) => [r.line, r.fields])).toEqual([
      [1, ['a', 'b']],
      [2, ['1', 'two\nlines']],
      [5, ['3', 'x']],
      [6, ['4', 'y']],
    ]);
  });

  it('flags an open quote at the line it opened, and text after a closing quote; keeps a stray inner quote', () => {
    expect(readAll('h\nok\n"open\nmore\n')).toEqual([
      { line: 1, fields: ['h'] },
      { line: 2, fields: ['ok'] },
      { line: 3, fields: ['open\nmore\n'], problem: 'a quoted field that starts on line 3 is never closed' },
    ]);
    const [, bad] = readAll('h,i\n"a"b,c\n');
    expect(bad!.problem).toMatch(/after a closing quote/);
    expect(readAll('h\n5" screen\n')[1]).toEqual({ line: 2, fields: ['5" screen'] });
    expect(readAll('\uFEFFdate;x\n1;2', ';')[0]!.fields).toEqual(['date', 'x']);
  });

  it('detects the delimiter from the header', () => {
    expect(detectDelimiter('Datum;Typ;"Betrag, EUR"')).toBe(';');
    expect(detectDelimiter('a\tb\tc')).toBe('\t');
    expect(detectDelimiter('date,amount')).toBe(',');
    expect(detectDelimiter('single')).toBe(',');
  });
});

describe('locale formats', () => {
  it('numbers: decimal point or comma, thousands only between groups of three, signs and accounting negatives', () => {
    expect(parseNumber('1,234,567.89', '.', ',')).toBe('1234567.89');
    expect(parseNumber('1.234.567,89', ',', '.')).toBe('1234567.89');
    expect(parseNumber('1 234,5', ',', ' ')).toBe('1234.5');
    expect(parseNumber('1\u202f234,5', ',', ' ')).toBe('1234.5');
    expect(parseNumber("1'234.50", '.', "'")).toBe('1234.50');
    expect(parseNumber('(12.50)', '.', ',')).toBe('-12.50');
    expect(parseNumber('\u221212.50', '.', ',')).toBe('-12.50');
    expect(parseNumber('+0012', '.', '')).toBe('12');
    expect(parseNumber('-0.00', '.', '')).toBe('0.00');
    for (const bad of ['1.234,56', '12,34.5', '1,23', '12abc', '', '1..2', '--1', '(-1)', '1e5', '1,2345']) expect(parseNumber(bad, '.', ','), bad).toBeNull();
    expect(parseNumber('1.5', ',', '.')).toBeNull();
    expect(parseNumber('1,000', '.', '')).toBeNull();
  });

  it('dates: each format, real calendar days only, a time after the date ignored', () => {
    expect(parseDate('2024-03-01', 'YYYY-MM-DD')).toBe('2024-03-01');
    expect(parseDate('2024-03-01T10:22:00Z', 'YYYY-MM-DD')).toBe('2024-03-01');
    expect(parseDate('1.3.2024 10:22', 'DD.MM.YYYY')).toBe('2024-03-01');
    expect(parseDate('03/01/2024', 'MM/DD/YYYY')).toBe('2024-03-01');
    expect(parseDate('03/01/2024', 'DD/MM/YYYY')).toBe('2024-01-03');
    expect(parseDate('2024/3/1', 'YYYY/MM/DD')).toBe('2024-03-01');
    expect(parseDate('29.02.2023', 'DD.MM.YYYY')).toBeNull();
    expect(parseDate('2024-13-01', 'YYYY-MM-DD')).toBeNull();
    expect(parseDate('01.03.2024', 'YYYY-MM-DD')).toBeNull();
  });

  it('defaults follow the locale', () => {
    expect(localeFormats('en-US')).toEqual({ dateFormat: 'MM/DD/YYYY', decimalSeparator: '.', thousandsSeparator: ',' });
    expect(localeFormats('de-DE')).toEqual({ dateFormat: 'DD.MM.YYYY', decimalSeparator: ',', thousandsSeparator: '.' });
    expect(localeFormats('en-GB')).toMatchObject({ dateFormat: 'DD/MM/YYYY', decimalSeparator: '.' });
    expect(localeFormats('fr-FR')).toEqual({ dateFormat: 'DD/MM/YYYY', decimalSeparator: ',', thousandsSeparator: ' ' });
    expect(localeFormats('de-CH')).toMatchObject({ decimalSeparator: '.', thousandsSeparator: "'" });
    expect(localeFormats('sv-SE')).toMatchObject({ dateFormat: 'YYYY-MM-DD' });
  });

  it('type words: built in (several languages), the user’s own win', () => {
    const read = typeReader({ fee: ['Buy'], deposit: ['Gutschrift'] });
    expect(read('KAUF')).toBe('buy');
    expect(read(' Verkauf ')).toBe('sell');
    expect(read('Cash  Dividend')).toBe('dividend');
    expect(read('gutschrift')).toBe('deposit');
    expect(read('buy')).toBe('fee');
    expect(read('teleport')).toBeNull();
  });

  it('a type word ending in * names every word it starts; an exact word and a longer start win', () => {
    const read = typeReader({ fee: ['DEGIRO Exchange Connection Fee*', 'Giro*'], interest: ['Giro interest'], deposit: ['DEGIRO Exchange Connection Fee refund*'] });
    expect(read('DEGIRO Exchange Connection Fee 2024 (Xetra - XET)')).toBe('fee');
    expect(read('degiro  exchange connection fee refund 2024')).toBe('deposit');
    expect(read('Giro interest')).toBe('interest');
    expect(read('Giro whatever')).toBe('fee');
    expect(read('DEGIRO Exchange')).toBeNull();
  });
});
