import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../main/compose.js';
import { EXPORT_COLUMNS } from '../../main/history/columns.js';
import type { ImportMapping, ImportReport } from '../../shared/contract/index.js';
import { key, tempApp } from '../support/app.js';
import { exportTo, historyDays, profileRows, readText } from '../support/history-io.js';

/**
 * Export → import of the history on real SQLite files: the round trip of a random history (fast-check),
 * formula neutralisation with numbers kept, a broker CSV through a mapping in German formats, presets, no
 * duplicates on a second import, and malformed files refused row by row with nothing imported.
 */
const PASSWORD = 'correct horse battery';
let app: App;
let dir: string;
let cleanup: () => Promise<void>;
let files: string;
let n = 0;

async function call<T>(channel: string, payload: unknown): Promise<T> {
  const r = await app.dispatch(channel, payload);
  if (!r.ok) throw new Error(`${channel}: ${JSON.stringify(r.error)}`);
  return r.data as T;
}
async function refused(channel: string, payload: unknown) {
  const r = await app.dispatch(channel, payload);
  if (r.ok) throw new Error(`${channel} was expected to fail: ${JSON.stringify(r.data).slice(0, 300)}`);
  return r.error;
}

/** Signs out and into a brand-new profile; returns its database file. */
async function freshProfile(prefix: string): Promise<string> {
  n += 1;
  await app.dispatch('profile:logout', {});
  const s = await call<{ profile: { id: string } }>('profile:create', { username: `${prefix}${n}`, password: PASSWORD });
  return join(dir, 'profiles', s.profile.id, 'bourse.db');
}

async function hold(path: string): Promise<string> {
  return (await app.transfers.hold(path)).fileId;
}

function file(name: string, content: string | Buffer): string {
  const p = join(files, name);
  writeFileSync(p, content);
  return p;
}

beforeAll(async () => {
  const t = await tempApp();
  app = t.app;
  dir = t.dir;
  cleanup = t.cleanup;
  files = mkdtempSync(join(tmpdir(), 'bourse-import-files-'));
});
afterAll(async () => {
  await cleanup?.();
  rmSync(files, { recursive: true, force: true });
});

async function instruments(): Promise<void> {
  await call('instrument:add', { symbol: 'AAPL', name: 'Apple', assetClass: 'stock', quoteCurrency: 'USD' });
  await call('instrument:add', { symbol: 'SAP', name: 'SAP SE', assetClass: 'stock', quoteCurrency: 'EUR' });
  await call('instrument:add', { symbol: 'BTC-USD', name: 'Bitcoin', assetClass: 'crypto', quoteCurrency: 'USD' });
}

// Notes that trip spreadsheets, CSV quoting and trimming: formula starts, quotes, separators, line breaks, unicode.
const tricky = fc.oneof(
  fc.constantFrom('=1+2', '+41 79', '-2+3', '@SUM(A1)', '\tx', "'=x", 'a,b', 'say "hi"', 'two\nlines', 'cr\r\nlf', 'Café ☕', '＝1', ''),
  fc.string({ maxLength: 40 }),
);
const money = (max: number, decimals: number) =>
  fc.integer({ min: 1, max: max * 10 ** decimals }).map((u) => (decimals ? `${Math.floor(u / 10 ** decimals)}.${String(u % 10 ** decimals).padStart(decimals, '0')}` : String(u)));
const day = fc.integer({ min: 0, max: 900 }).map((d) => new Date(Date.UTC(2022, 0, 1) + d * 86_400_000).toISOString().slice(0, 10));

const op = fc.oneof(
  fc.record({ kind: fc.constant('deposit' as const), currency: fc.constantFrom('USD', 'EUR', 'JPY', 'BHD'), units: fc.integer({ min: 1, max: 10_000_000 }), note: tricky }),
  fc.record({ kind: fc.constant('withdraw' as const), currency: fc.constantFrom('USD', 'EUR'), amount: money(50, 2), note: tricky }),
  fc.record({ kind: fc.constant('cash' as const), type: fc.constantFrom('deposit', 'withdrawal', 'interest', 'fee', 'dividend'), currency: fc.constantFrom('USD', 'EUR', 'JPY'), amount: money(300, 0), date: day, note: tricky }),
  fc.record({ kind: fc.constant('trade' as const), type: fc.constantFrom('buy', 'sell'), symbol: fc.constantFrom('AAPL', 'SAP', 'BTC-USD'), quantity: fc.constantFrom('1', '0.5', '2', '0.00012345'), price: fc.constantFrom('10', '187.25', '0.1234567891', '99.99'), fee: fc.option(fc.constantFrom('0.50', '1.00'), { nil: undefined }), date: day, note: tricky }),
  fc.record({ kind: fc.constant('fx' as const), from: fc.constantFrom('USD', 'EUR'), to: fc.constantFrom('EUR', 'JPY', 'USD'), fromAmount: money(40, 2), toAmount: money(40, 0), date: day, note: tricky }),
);

type Op = Record<string, string | number | undefined>;

async function play(ops: readonly object[]): Promise<number> {
  let done = 0;
  for (const o of ops as Op[]) {
    const note = (o.note as string) || undefined;
    const noteField = note && note.trim() && note.length <= 500 ? { note } : {};
    let r;
    switch (o.kind as string) {
      case 'deposit': {
        const decimals = o.currency === 'JPY' ? 0 : o.currency === 'BHD' ? 3 : 2;
        const u = o.units as number;
        const amount = decimals ? `${Math.floor(u / 10 ** decimals)}.${String(u % 10 ** decimals).padStart(decimals, '0')}` : String(u);
        r = await app.dispatch('wallet:deposit', { currency: o.currency, amount: amount === '0' || /^0\.0+$/.test(amount) ? '1' : amount, ...noteField, idempotencyKey: key('d') });
        break;
      }
      case 'withdraw':
        r = await app.dispatch('wallet:withdraw', { currency: o.currency, amount: o.amount, ...noteField, idempotencyKey: key('w') });
        break;
      case 'cash':
        r = await app.dispatch('activity:record', { type: o.type, currency: o.currency, amount: o.amount, date: o.date, ...(o.type === 'dividend' ? { symbol: 'AAPL' } : {}), ...noteField, idempotencyKey: key('c') });
        break;
      case 'trade':
        r = await app.dispatch('activity:record', { type: o.type, symbol: o.symbol, quantity: o.quantity, price: o.price, ...(o.fee ? { fee: o.fee } : {}), date: o.date, ...noteField, idempotencyKey: key('t') });
        break;
      case 'fx':
        if (o.from === o.to) continue;
        r = await app.dispatch('activity:record', { type: 'fx-exchange', fromCurrency: o.from, fromAmount: o.fromAmount, toCurrency: o.to, toAmount: o.toAmount, date: o.date, ...noteField, idempotencyKey: key('x') });
        break;
    }
    if (r?.ok) done += 1;
  }
  return done;
}

describe('export → import round trip', () => {
  it('a random history comes back exactly: every activity field, ledger entry, balance and position (fast-check)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 5, maxLength: 40 }), fc.constantFrom('date', 'amount', 'note' as const), async (ops, column) => {
        const source = await freshProfile('src');
        await instruments();
        // Cash first, so most trades, withdrawals and exchanges go through (a refused one is simply not in the history).
        const seed = ['USD', 'EUR', 'JPY'].map((currency) => ({ kind: 'deposit', currency, units: 9_000_000, note: '' }));
        const recorded = await play([...seed, ...ops]);
        const exported = await exportTo(app, {}, 'csv', { column, direction: column === 'note' ? 'asc' : 'desc' });
        expect(exported.final).toMatchObject({ state: 'done', rows: recorded, total: recorded });
        const original = profileRows(source);

        const target = await freshProfile('dst');
        await instruments();
        const preview = await call<ImportReport>('import:preview', { fileId: await hold(exported.path!) });
        expect(preview).toMatchObject({ format: 'bourse', rows: recorded, fresh: recorded, duplicates: 0, errorCount: 0 });
        const done = await call<{ imported: number; duplicates: number }>('import:run', { fileId: await hold(exported.path!), idempotencyKey: key('imp') });
        expect(done).toEqual({ rows: recorded, imported: recorded, duplicates: 0 });
        expect(profileRows(target)).toEqual(original);
        // The per-day totals were kept in step by every writer (wallet screen, recorded activity, import).
        for (const f of [source, target]) {
          const days = historyDays(f);
          expect(days.stored).toEqual(days.recomputed);
        }

        // The same file again: recognised row by row, nothing doubled.
        const again = await call<{ imported: number; duplicates: number }>('import:run', { fileId: await hold(exported.path!), idempotencyKey: key('imp') });
        expect(again).toEqual({ rows: recorded, imported: 0, duplicates: recorded });
        expect(profileRows(target)).toEqual(original);
        rmSync(exported.path!, { force: true });
      }),
      { numRuns: Number(process.env.ROUNDTRIP_RUNS ?? 12) },
    );
  });

  it('JSON export holds the same rows as the CSV one, decimal strings kept', async () => {
    await freshProfile('json');
    await call('wallet:deposit', { currency: 'USD', amount: '100.10', note: '=1+1', idempotencyKey: key('j') });
    await call('wallet:withdraw', { currency: 'USD', amount: '30.05', idempotencyKey: key('j') });
    const json = await exportTo(app, {}, 'json');
    const doc = JSON.parse(readText(json.path!)) as { format: string; accounts: Record<string, unknown>[]; activities: Record<string, unknown>[] };
    // The rows under `activities`, after the profile's accounts (what recreates them in another profile).
    expect(doc.format).toBe('bourse-history');
    expect(doc.accounts).toEqual([{ id: 'main', name: 'Main', kind: 'paper', institution: null, costMethod: 'fifo' }]);
    const rows = doc.activities;
    expect(rows.map((r) => [r.type, r.amount, r.balanceAfter, r.note])).toEqual([
      ['withdrawal', '-30.05', '70.05', null],
      ['deposit', '100.10', '100.10', '=1+1'],
    ]);
    expect(Object.keys(rows[0]!)).toEqual(EXPORT_COLUMNS);
  });
});

describe('formula injection', () => {
  it('free-text cells starting with = + - @ tab CR LF are neutralised; amounts stay plain numbers', async () => {
    await freshProfile('formula');
    const notes = ['=cmd|/C calc!A0', '+1', '-2+3', '@SUM(A1)', '\tx', '\rx', '\nx', 'plain'];
    for (const note of notes) await call('wallet:deposit', { currency: 'USD', amount: '10.00', note, idempotencyKey: key('f') });
    await call('wallet:withdraw', { currency: 'USD', amount: '30.00', note: '-30', idempotencyKey: key('f') });
    const csv = readText((await exportTo(app, {}, 'csv')).path!);
    const records = parse(csv, { columns: true }) as Record<string, string>[];
    expect(records).toHaveLength(notes.length + 1);
    for (const r of records) {
      // Notes are trimmed when recorded, so the tab/CR/LF ones arrive as "x".
      expect(r.note!.startsWith("'") || r.note === 'plain' || r.note === 'x').toBe(true);
      expect(/^[=+\-@\t\r\n]/.test(r.note!)).toBe(false);
      expect(r.amount).toMatch(/^-?\d+\.\d{2}$/);
      expect(r.balanceAfter).toMatch(/^\d+\.\d{2}$/);
    }
    expect(records[0]).toMatchObject({ type: 'withdrawal', amount: '-30.00', note: "'-30", balanceAfter: '50.00' });
    expect(csv).toContain(",-30.00,");
  });
});

const DE: ImportMapping = {
  columns: { date: 'Datum', type: 'Typ', instrument: 'Wertpapier', quantity: 'Stück', price: 'Kurs', currency: 'Währung', amount: 'Betrag', fee: 'Gebühr', note: 'Notiz' },
  dateFormat: 'DD.MM.YYYY',
  decimalSeparator: ',',
  thousandsSeparator: '.',
  delimiter: ';',
  encoding: 'utf-8',
};

const BROKER = [
  'Datum;Typ;Wertpapier;Stück;Kurs;Währung;Betrag;Gebühr;Notiz',
  '05.03.2024;Verkauf;SAP;2;170,50;EUR;339,00;2,00;Teilverkauf',
  '04.03.2024;Dividende;SAP;;;EUR;12,34;;"Ausschüttung; Q1"',
  '02.03.2024;Kauf;SAP;10;150,25;EUR;1.503,50;1,00;',
  '01.03.2024;Einzahlung;;;;EUR;2.000,00;;Start',
  '01.03.2024;Einzahlung;;;;EUR;2.000,00;;Start',
].join('\r\n');

describe('broker CSV through a column mapping', () => {
  it('inspects, suggests the mapping from the headers, previews and imports German formats; presets saved by name; no duplicates twice', async () => {
    const profile = await freshProfile('broker');
    await instruments();
    const path = file('broker.csv', BROKER);
    const fileId = await hold(path);
    const inspection = await call<{ format: string; headers: string[]; suggested: ImportMapping; sample: string[][] }>('import:inspect', { fileId });
    expect(inspection.format).toBe('generic');
    expect(inspection.headers).toHaveLength(9);
    expect(inspection.suggested).toMatchObject({ delimiter: ';', encoding: 'utf-8', columns: { date: 'Datum', type: 'Typ', instrument: 'Wertpapier', quantity: 'Stück', price: 'Kurs', currency: 'Währung', amount: 'Betrag', fee: 'Gebühr', note: 'Notiz' } });
    expect(inspection.sample[1]).toEqual(['04.03.2024', 'Dividende', 'SAP', '', '', 'EUR', '12,34', '', 'Ausschüttung; Q1']);

    expect((await refused('import:preview', { fileId })).code).toBe('INVALID_INPUT');
    const preview = await call<ImportReport>('import:preview', { fileId, mapping: DE });
    expect(preview).toMatchObject({ format: 'generic', rows: 5, fresh: 5, duplicates: 0, errorCount: 0 });
    // Oldest first (the file lists newest first), the two equal deposits kept as two.
    expect(preview.sample.map((s) => [s.line, s.type, s.amount])).toEqual([
      [6, 'deposit', '2000.00'],
      [5, 'deposit', '2000.00'],
      [4, 'buy', '1503.50'],
      [3, 'dividend', '12.34'],
      [2, 'sell', '339.00'],
    ]);
    expect(profileRows(profile).activities).toEqual([]);

    await call('import:savePreset', { name: 'Meine Bank', mapping: DE });
    const presets = await call<{ name: string; mapping: ImportMapping }[]>('import:presets', {});
    expect(presets).toEqual([expect.objectContaining({ name: 'Meine Bank', mapping: DE })]);

    const first = await call('import:run', { fileId, mapping: presets[0]!.mapping, idempotencyKey: key('b') });
    expect(first).toEqual({ rows: 5, imported: 5, duplicates: 0 });
    const rows = profileRows(profile);
    expect(rows.wallets).toEqual([{ currency: 'EUR', balance: '2847.84', reserved: '0' }]);
    expect(rows.positions).toEqual([{ symbol: 'SAP', quantity: '8', reserved: '0' }]);
    expect(rows.activities.find((a) => a.type === 'dividend')).toMatchObject({ symbol: 'SAP', amount: '12.34', note: 'Ausschüttung; Q1', source: 'manual' });

    const second = await call('import:run', { fileId: await hold(path), mapping: DE, idempotencyKey: key('b') });
    expect(second).toEqual({ rows: 5, imported: 0, duplicates: 5 });
    expect(profileRows(profile)).toEqual(rows);
    expect(await call('import:deletePreset', { name: 'meine bank' })).toEqual({ deleted: true });
    expect(await call('import:presets', {})).toEqual([]);
  });

  it('a row repeated within one file goes in once, into an empty profile and into one with activities', async () => {
    await freshProfile('twice-src');
    await call('wallet:deposit', { currency: 'USD', amount: '5.00', idempotencyKey: key('t') });
    await call('wallet:deposit', { currency: 'USD', amount: '7.00', idempotencyKey: key('t') });
    const lines = readText((await exportTo(app, {}, 'csv')).path!).split('\r\n');
    const path = file('twice.csv', [lines[0], lines[2], lines[1], lines[2], ''].join('\r\n'));
    for (const before of [null, '1.00']) {
      const profile = await freshProfile('twice');
      if (before) await call('wallet:deposit', { currency: 'USD', amount: before, idempotencyKey: key('t') });
      const preview = await call<ImportReport>('import:preview', { fileId: await hold(path) });
      expect(preview).toMatchObject({ rows: 3, fresh: 2, duplicates: 1, errorCount: 0 });
      expect(preview.sample.map((r) => r.duplicate)).toEqual([false, true, false]);
      expect(await call('import:run', { fileId: await hold(path), idempotencyKey: key('t') })).toEqual({ rows: 3, imported: 2, duplicates: 1 });
      expect(profileRows(profile).wallets).toEqual([{ currency: 'USD', balance: before ? '13.00' : '12.00', reserved: '0' }]);
    }
  });

  it('a replayed import:run returns its first result and imports nothing more', async () => {
    const profile = await freshProfile('replay');
    const fileId = await hold(file('cash.csv', 'date,amount,currency\n2024-01-02,10.00,USD\n2024-01-03,-4.00,USD\n'));
    const mapping: ImportMapping = { columns: { date: 'date', amount: 'amount', currency: 'currency' }, typeFromSign: true, dateFormat: 'YYYY-MM-DD', decimalSeparator: '.', thousandsSeparator: '', delimiter: ',', encoding: 'utf-8' };
    const k = key('same');
    const a = await call('import:run', { fileId, mapping, idempotencyKey: k });
    const b = await call('import:run', { fileId, mapping, idempotencyKey: k });
    expect(a).toEqual({ rows: 2, imported: 2, duplicates: 0 });
    expect(b).toEqual(a);
    expect(profileRows(profile).wallets).toEqual([{ currency: 'USD', balance: '6.00', reserved: '0' }]);
    expect((await refused('import:run', { fileId, mapping: { ...mapping, delimiter: ';' }, idempotencyKey: k })).code).toBe('IDEMPOTENCY_CONFLICT');
  });
});

describe('malformed files: per-row errors with line numbers, nothing imported', () => {
  const GENERIC: ImportMapping = {
    columns: { date: 'date', type: 'type', instrument: 'symbol', quantity: 'qty', price: 'price', currency: 'currency', amount: 'amount', note: 'note' },
    dateFormat: 'YYYY-MM-DD',
    decimalSeparator: '.',
    thousandsSeparator: ',',
    delimiter: ',',
    encoding: 'utf-8',
  };
  const HEAD = 'date,type,symbol,qty,price,currency,amount,note';

  async function expectRejected(profile: string, fileId: string, mapping: ImportMapping | undefined, lines: { line: number; code: string; text?: RegExp }[]) {
    const preview = await call<ImportReport>('import:preview', { fileId, ...(mapping ? { mapping } : {}) });
    expect(preview.errors.map((e) => [e.line, e.code])).toEqual(lines.map((l) => [l.line, l.code]));
    lines.forEach((l, i) => l.text && expect(preview.errors[i]!.message).toMatch(l.text));
    const err = await refused('import:run', { fileId, ...(mapping ? { mapping } : {}), idempotencyKey: key('bad') });
    expect(err.code).toBe('IMPORT_REJECTED');
    expect((err.details?.report as ImportReport).errorCount).toBe(lines.length);
    const rows = profileRows(profile);
    expect(rows.activities).toEqual([]);
    expect(rows.ledger).toEqual([]);
    return preview;
  }

  it('wrong columns, bad dates, bad numbers, unknown instruments, unknown types, not enough cash', async () => {
    const profile = await freshProfile('bad');
    await instruments();
    const csv = [
      HEAD,
      '2024-01-02,deposit,,,,USD,"1,000.00",ok', // 2 fine
      '2024-01-03,deposit,,,,USD,10.00', // 3 seven fields
      '2024-02-30,deposit,,,,USD,10.00,x', // 4 no such day
      '03/01/2024,deposit,,,,USD,10.00,x', // 5 other format
      '2024-01-04,deposit,,,,USD,"1.000,00",x', // 6 decimal comma
      '2024-01-04,deposit,,,,USD,12abc,x', // 7
      '2024-01-05,buy,NOPE,1,10,USD,,x', // 8 not in the catalogue
      '2024-01-05,teleport,,,,USD,1.00,x', // 9
      '2024-01-06,withdrawal,,,,USD,5000.00,x', // 10 more than there is
      '2024-01-06,deposit,,,,XYZ,5.00,x', // 11 unknown currency
      '2099-01-01,deposit,,,,USD,5.00,x', // 12 future
      '2024-01-07,deposit,,,,USD,5.001,x', // 13 too precise for USD
    ].join('\n');
    await expectRejected(profile, await hold(file('bad.csv', csv)), GENERIC, [
      { line: 3, code: 'WRONG_COLUMNS', text: /7 fields; the header has 8/ },
      { line: 4, code: 'INVALID_INPUT', text: /date/ },
      { line: 5, code: 'INVALID_INPUT', text: /YYYY-MM-DD/ },
      { line: 6, code: 'INVALID_INPUT', text: /amount: "1\.000,00" is not a number/ },
      { line: 7, code: 'INVALID_INPUT', text: /amount/ },
      { line: 8, code: 'NOT_FOUND', text: /Line 8: NOPE is not an instrument/ },
      { line: 9, code: 'INVALID_INPUT', text: /teleport/ },
      { line: 10, code: 'INSUFFICIENT_FUNDS', text: /Not enough USD/ },
      { line: 11, code: 'UNKNOWN_CURRENCY' },
      { line: 12, code: 'INVALID_INPUT', text: /future/ },
      { line: 13, code: 'INVALID_AMOUNT' },
    ]);
  });

  it('a quote left open: reported at the line it opened, the lines before it not imported either', async () => {
    const profile = await freshProfile('quote');
    const csv = [HEAD, '2024-01-02,deposit,,,,USD,10.00,fine', '2024-01-03,deposit,,,,USD,10.00,"never closed', '2024-01-04,deposit,,,,USD,10.00,swallowed'].join('\n');
    await expectRejected(profile, await hold(file('quote.csv', csv)), GENERIC, [{ line: 3, code: 'MALFORMED_CSV', text: /starts on line 3 is never closed/ }]);
    const stray = [HEAD, '2024-01-02,deposit,,,,USD,10.00,"closed"then text'].join('\n');
    await expectRejected(profile, await hold(file('stray.csv', stray)), GENERIC, [{ line: 2, code: 'MALFORMED_CSV', text: /after a closing quote/ }]);
  });

  it('wrong encoding: Windows-1252 bytes read as UTF-8 are refused by line; read as Windows-1252 they import', async () => {
    const profile = await freshProfile('enc');
    const latin1 = Buffer.concat([Buffer.from(`${HEAD}\n2024-01-02,deposit,,,,EUR,10.00,plain\n2024-01-03,deposit,,,,EUR,10.00,Caf`), Buffer.from([0xe9]), Buffer.from(' cr\xe8me\n', 'latin1')]);
    const fileId = await hold(file('latin1.csv', latin1));
    const inspection = await call<{ suggested: ImportMapping }>('import:inspect', { fileId });
    expect(inspection.suggested.encoding).toBe('windows-1252');
    await expectRejected(profile, fileId, GENERIC, [{ line: 3, code: 'BAD_ENCODING', text: /not valid UTF-8/ }]);
    const ok = await call('import:run', { fileId, mapping: { ...GENERIC, encoding: 'windows-1252' }, idempotencyKey: key('enc') });
    expect(ok).toMatchObject({ imported: 2 });
    expect(profileRows(profile).activities.map((a) => a.note).sort()).toEqual(['Café crème', 'plain']);
    expect((await refused('import:inspect', { fileId: await hold(file('utf16.csv', Buffer.from('\ufeffdate', 'utf16le'))) })).message).toMatch(/UTF-16/);
  });

  it('a Bourse file with a row edited wrong and a mapping naming a missing column', async () => {
    const profile = await freshProfile('edited');
    await call('wallet:deposit', { currency: 'USD', amount: '5.00', idempotencyKey: key('e') });
    const csv = readText((await exportTo(app, {}, 'csv')).path!);
    const target = await freshProfile('edited-target');
    const lines = csv.split('\r\n');
    const broken = [lines[0], lines[1]!.replace('5.00', '5,00'), lines[1]!.replace(/,deposit,/, ',deposit,,'), ''].join('\r\n');
    await expectRejected(target, await hold(file('edited.csv', broken)), undefined, [
      { line: 2, code: 'WRONG_COLUMNS' },
      { line: 3, code: 'WRONG_COLUMNS' },
    ]);
    const missing = await hold(file('missing.csv', `${HEAD}\n2024-01-02,deposit,,,,USD,1.00,x\n`));
    await expectRejected(target, missing, { ...GENERIC, columns: { ...GENERIC.columns, fee: 'Commission' } }, [{ line: 1, code: 'UNKNOWN_COLUMN', text: /Commission/ }]);
    void profile;
  });

  it('an empty file, a header only', async () => {
    const profile = await freshProfile('empty');
    await expectRejected(profile, await hold(file('empty.csv', '')), GENERIC, [{ line: 1, code: 'EMPTY_FILE' }]);
    const header = await call<ImportReport>('import:preview', { fileId: await hold(file('header.csv', `${HEAD}\n`)), mapping: GENERIC });
    expect(header).toMatchObject({ rows: 0, fresh: 0, errorCount: 0 });
  });

  it('a 50 MB file with one bad row near its end: that row reported, nothing imported, the app answering meanwhile', async () => {
    const profile = await freshProfile('big');
    const note = 'x'.repeat(440);
    const lines = [HEAD];
    const rows = 105_000;
    for (let i = 0; i < rows; i++) lines.push(`2024-0${1 + (i % 9)}-1${i % 10},deposit,,,,USD,${(i % 997) + 1}.${String(i % 100).padStart(2, '0')},${note}${i}`);
    lines[rows - 10] = '2024-01-02,deposit,,,,USD,not-a-number,bad';
    const path = file('big.csv', `${lines.join('\n')}\n`);
    const fileId = await hold(path);
    const phases = new Set<string>();
    let progressEvents = 0;
    const off = app.events.subscribe((e) => {
      if (e.event === 'import:progress' && e.payload.fileId === fileId) {
        phases.add(e.payload.phase);
        progressEvents += 1;
      }
    });
    let previewDone = false;
    const preview = call<ImportReport>('import:preview', { fileId, mapping: GENERIC }).finally(() => (previewDone = true));
    // Other requests are answered while the file is read and checked (the work yields between chunks).
    await new Promise((r) => setTimeout(r, 50));
    const answered: boolean[] = [];
    for (let i = 0; i < 3; i++) {
      await call('session:get', {});
      answered.push(previewDone);
      await new Promise((r) => setTimeout(r, 200));
    }
    const report = await preview;
    off();
    expect(answered[0]).toBe(false);
    expect(report).toMatchObject({ rows, errorCount: 1, fresh: rows - 1 });
    expect(report.errors).toEqual([expect.objectContaining({ line: rows - 9, code: 'INVALID_INPUT', field: 'amount' })]);
    expect(phases).toEqual(new Set(['reading', 'checking']));
    expect(progressEvents).toBeGreaterThan(5);
    expect(profileRows(profile).activities).toEqual([]);
  }, 240_000);

  it('files of another profile cannot be used', async () => {
    await freshProfile('owner');
    const fileId = await hold(file('mine.csv', `${HEAD}\n2024-01-02,deposit,,,,USD,1.00,x\n`));
    await freshProfile('intruder');
    expect((await refused('import:inspect', { fileId })).code).toBe('NOT_FOUND');
    expect(readdirSync(files).length).toBeGreaterThan(0);
  });

  it('a cancelled import leaves nothing and says so', async () => {
    const profile = await freshProfile('cancel');
    const lines = [HEAD];
    for (let i = 0; i < 30_000; i++) lines.push(`2024-01-02,deposit,,,,USD,1.00,row ${i}`);
    const fileId = await hold(file('cancel.csv', lines.join('\n')));
    const off = app.events.subscribe((e) => {
      if (e.event === 'import:progress' && e.payload.phase === 'writing' && e.payload.rows > 0) void app.dispatch('import:cancel', { fileId });
    });
    const err = await refused('import:run', { fileId, mapping: GENERIC, idempotencyKey: key('cancel') });
    off();
    expect(err.code).toBe('CANCELLED');
    expect(profileRows(profile).activities).toEqual([]);
    // The file is still held: the user may try again.
    expect(await call('import:run', { fileId, mapping: GENERIC, idempotencyKey: key('again') })).toMatchObject({ imported: 30_000 });
  });
});
