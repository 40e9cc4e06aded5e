import { describe, expect, it } from 'vitest';
import { detectBroker } from '../../main/import/brokers.js';
import { inferDateFormat, parseDate, splitUnit } from '../../main/import/formats.js';
import { jsonActivities } from '../../main/import/json-activities.js';
import { inferSeparators } from '../../main/import/mapping.js';
import { headerNames } from '../../main/import/reading.js';

/** What the import reads off a file's own values: date order, separators, units, unnamed columns, JSON entries. */
describe('dates from the file', () => {
  it('one order reads -, / and . alike; a year first or a compact date reads in any order; times and zones dropped', () => {
    expect(parseDate('16-09-2021', 'DD.MM.YYYY')).toBe('2021-09-16');
    expect(parseDate('17/11/2021', 'DD-MM-YYYY')).toBe('2021-11-17');
    expect(parseDate('11.17.2021', 'MM/DD/YYYY')).toBe('2021-11-17');
    expect(parseDate('20230403', 'DD-MM-YYYY')).toBe('2023-04-03');
    expect(parseDate('20230403;095853', 'YYYYMMDD')).toBe('2023-04-03');
    expect(parseDate('2021-09-16T00:00:00.000Z', 'DD/MM/YYYY')).toBe('2021-09-16');
    expect(parseDate('2023-11-16T14:30:10.514+01:00', 'YYYY-MM-DD')).toBe('2023-11-16');
    expect(parseDate('2025-01-17 16:57:02 UTC', 'YYYY-MM-DD')).toBe('2025-01-17');
    expect(parseDate('17/11/2021', 'MM/DD/YYYY')).toBeNull();
    expect(parseDate('20231301', 'YYYYMMDD')).toBeNull();
    expect(parseDate('16-09-2021', 'YYYY-MM-DD')).toBeNull();
  });

  it('a first number above 12 settles day-month order, a second one month-day; nothing settled keeps the fallback', () => {
    expect(inferDateFormat(['01-09-2021', '16-09-2021', '17/11/2021'], 'MM/DD/YYYY')).toEqual({ format: 'DD-MM-YYYY', evidence: '16-09-2021' });
    expect(inferDateFormat(['01.02.2024', '28.02.2024'], 'MM/DD/YYYY')).toEqual({ format: 'DD.MM.YYYY', evidence: '28.02.2024' });
    expect(inferDateFormat(['03/01/2024', '03/28/2024'], 'DD/MM/YYYY')).toEqual({ format: 'MM/DD/YYYY', evidence: '03/28/2024' });
    expect(inferDateFormat(['01/02/2024', '03/04/2024'], 'DD/MM/YYYY')).toEqual({ format: 'DD/MM/YYYY', evidence: null });
    expect(inferDateFormat(['20230403;095853', '20230612;153012'], 'MM/DD/YYYY')).toEqual({ format: 'YYYYMMDD', evidence: '20230403;095853' });
    expect(inferDateFormat(['2023-04-03T10:00:00Z'], 'MM/DD/YYYY')).toEqual({ format: 'YYYY-MM-DD', evidence: '2023-04-03T10:00:00Z' });
    expect(inferDateFormat(['', 'n/a'], 'DD.MM.YYYY')).toEqual({ format: 'DD.MM.YYYY', evidence: null });
  });
});

describe('numbers from the file', () => {
  it('separators settled by values only one reading fits; mixed or ambiguous values settle nothing', () => {
    expect(inferSeparators(['2.500,00', '1,00', '10'], false)).toEqual({ decimalSeparator: ',', thousandsSeparator: '.' });
    expect(inferSeparators(['1,234.56', '12.5'], false)).toEqual({ decimalSeparator: '.', thousandsSeparator: ',' });
    expect(inferSeparators(['165.2', '-1.02'], false)).toEqual({ decimalSeparator: '.', thousandsSeparator: '' });
    expect(inferSeparators(['1,000', '1.000', '7'], false)).toBeNull();
    expect(inferSeparators(['12,5', '12.5'], false)).toBeNull();
    expect(inferSeparators(['$188.01', '-$0.12'], true)).toEqual({ decimalSeparator: '.', thousandsSeparator: ',' });
  });

  it('a value with its currency or unit: sign, symbol or code before or after', () => {
    expect(splitUnit('$85.11')).toEqual({ value: '85.11', unit: 'USD' });
    expect(splitUnit('-$30.93')).toEqual({ value: '-30.93', unit: 'USD' });
    expect(splitUnit('€-3.20')).toEqual({ value: '-3.20', unit: 'EUR' });
    expect(splitUnit('"€61,250.00"'.slice(1, -1))).toEqual({ value: '61,250.00', unit: 'EUR' });
    expect(splitUnit('USD 12.00')).toEqual({ value: '12.00', unit: 'USD' });
    expect(splitUnit('12,50 €')).toEqual({ value: '12,50', unit: 'EUR' });
    expect(splitUnit('0.5BTC')).toEqual({ value: '0.5', unit: 'BTC' });
    expect(splitUnit('0.28500000USDT')).toEqual({ value: '0.28500000', unit: 'USDT' });
    expect(splitUnit('12abc')).toEqual({ value: '12abc', unit: null });
    expect(splitUnit('42')).toEqual({ value: '42', unit: null });
  });
});

describe('headers', () => {
  it('unnamed columns are named after the column to their left', () => {
    expect(headerNames(['Date', 'Price', '', 'Value', '', 'Total', ' ', 'Order ID'])).toEqual(['Date', 'Price', 'Price (2)', 'Value', 'Value (2)', 'Total', 'Total (2)', 'Order ID']);
    expect(headerNames(['', 'a'])).toEqual(['Column (2)', 'a']);
  });

  it('a broker is recognised by the columns that set its export apart, not by common names', () => {
    expect(detectBroker(['Date', 'Code', 'DataSource', 'Currency', 'Price', 'Quantity', 'Action', 'Fee', 'Note'])?.id).toBe('ghostfolio-csv');
    expect(detectBroker(['date', 'type', 'amount', 'currency'])).toBeNull();
    expect(detectBroker(['Datum', 'Typ', 'Wertpapier', 'Stück', 'Kurs', 'Währung', 'Betrag', 'Gebühr', 'Notiz'])).toBeNull();
  });
});

describe('JSON exports', () => {
  it('activities as records with exact number texts, each at the line its entry starts', () => {
    const text = '{\n "meta": {"activities": "no"},\n "activities": [\n  {"date": "2023-01-16", "unitPrice": 0.1000000000000000055511, "note": "a \\"}\\" b"},\n  {\n   "date": "2023-01-17", "fee": 1e2, "tags": []\n  }\n ]\n}';
    expect(jsonActivities(text)).toEqual({
      headers: ['date', 'unitPrice', 'note', 'fee'],
      records: [
        { line: 4, fields: ['2023-01-16', '0.1000000000000000055511', 'a "}" b', ''] },
        { line: 5, fields: ['2023-01-17', '', '', '1e2'] },
      ],
    });
    expect(() => jsonActivities('{"accounts": []}')).toThrow(/no "activities" list/);
  });
});
