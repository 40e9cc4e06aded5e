import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../main/compose.js';
import type { ImportMapping, ImportReport } from '../../shared/contract/index.js';
import { key, tempApp } from '../support/app.js';
import { profileRows } from '../support/history-io.js';

/**
 * Each broker export Bourse recognises, read from a fixture in that export's real shape (test/fixtures/import):
 * the header names the broker, the suggested mapping previews without an error, and the import records what the
 * file says (types, amounts, instruments), on real SQLite files.
 */
const PASSWORD = 'correct horse battery';
const FIXTURES = join(import.meta.dirname, '../fixtures/import');
let app: App;
let cleanup: () => Promise<void>;
let dir: string;
let n = 0;

async function call<T>(channel: string, payload: unknown): Promise<T> {
  const r = await app.dispatch(channel, payload);
  if (!r.ok) throw new Error(`${channel}: ${JSON.stringify(r.error)}`);
  return r.data as T;
}

async function freshProfile(): Promise<string> {
  n += 1;
  await app.dispatch('profile:logout', {});
  const s = await call<{ profile: { id: string } }>('profile:create', { username: `broker${n}`, password: PASSWORD });
  await call('instrument:add', { symbol: 'AAPL', name: 'Apple', assetClass: 'stock', quoteCurrency: 'USD' });
  await call('instrument:add', { symbol: 'SAP', name: 'SAP SE', assetClass: 'stock', quoteCurrency: 'EUR' });
  return join(dir, 'profiles', s.profile.id, 'bourse.db');
}

async function funds(): Promise<void> {
  await call('wallet:deposit', { currency: 'USD', amount: '5000.00', idempotencyKey: key('d') });
  await call('wallet:deposit', { currency: 'EUR', amount: '5000.00', idempotencyKey: key('d') });
}

interface Inspection {
  format: string;
  headers: string[];
  broker: { id: string; label: string } | null;
  dateEvidence: string | null;
  suggested: ImportMapping;
}

async function inspect(name: string): Promise<{ fileId: string; inspection: Inspection }> {
  const fileId = (await app.transfers.hold(join(FIXTURES, name))).fileId;
  return { fileId, inspection: await call<Inspection>('import:inspect', { fileId }) };
}

/** Inspects, previews with the suggested mapping (changed by `adjust`), imports; returns the preview and the rows. */
async function importFixture(name: string, broker: string, adjust: (m: ImportMapping) => ImportMapping = (m) => m, setup?: () => Promise<void>) {
  const profile = await freshProfile();
  await funds();
  await setup?.();
  const { fileId, inspection } = await inspect(name);
  expect(inspection.broker?.id).toBe(broker);
  expect(inspection.suggested.preset).toBe(broker);
  const mapping = adjust(inspection.suggested);
  const preview = await call<ImportReport>('import:preview', { fileId, mapping });
  expect(preview.errors).toEqual([]);
  const run = await call<{ imported: number }>('import:run', { fileId, mapping, idempotencyKey: key('imp') });
  expect(run.imported).toBe(preview.fresh);
  const rows = profileRows(profile);
  // The file's rows, oldest first (the money put in first to pay for them is dated today).
  const activities = rows.activities
    .filter((a) => a.source !== 'wallet')
    .map((a) => [a.date, a.type, a.symbol, a.quantity, a.price, a.currency, a.amount, a.fee])
    .sort((a, b) => `${a[0]}${a[1]}`.localeCompare(`${b[0]}${b[1]}`));
  return { inspection, preview, rows, activities };
}

beforeAll(async () => {
  const t = await tempApp();
  app = t.app;
  dir = t.dir;
  cleanup = t.cleanup;
});
afterAll(async () => {
  await cleanup?.();
});

describe('broker exports recognised from their header', () => {
  it('Interactive Brokers Flex trades: one field more than the header read and said; dates 20230403;095853; Buy/Sell for the side', async () => {
    const { inspection, preview, activities } = await importFixture('ibkr-trades.csv', 'ibkr-trades');
    expect(inspection.suggested).toMatchObject({ dateFormat: 'YYYYMMDD', decimalSeparator: '.', columns: { type: 'Buy/Sell', date: 'DateTime', fee: 'IBCommission' } });
    expect(preview).toMatchObject({ rows: 2, fresh: 2, widened: { lines: 2, firstLine: 2 } });
    expect(activities).toEqual([
      ['2023-04-03', 'buy', 'AAPL', '10', '165.2', 'USD', '1653.00', '1.00'],
      ['2023-06-12', 'sell', 'AAPL', '4', '183.795', 'USD', '734.16', '1.02'],
    ]);
  });

  it('Interactive Brokers Flex cash transactions: the sign of a deposit/withdrawal decides, withholding tax is a fee', async () => {
    const { activities } = await importFixture('ibkr-cash.csv', 'ibkr-cash');
    expect(activities).toEqual([
      ['2023-03-01', 'deposit', null, null, null, 'USD', '5000.00', null],
      ['2023-05-18', 'dividend', 'AAPL', null, null, 'USD', '2.40', null],
      ['2023-05-18', 'fee', null, null, null, 'USD', '0.36', null],
      ['2023-06-05', 'interest', null, null, null, 'USD', '3.21', null],
      ['2023-07-10', 'withdrawal', null, null, null, 'USD', '250.00', null],
    ]);
  });

  it('Interactive Brokers Flex dividends name the ISIN only: listed as unknown, imported once matched to a catalogue symbol', async () => {
    await freshProfile();
    await funds();
    const { fileId, inspection } = await inspect('ibkr-dividends.csv');
    expect(inspection.broker?.id).toBe('ibkr-dividends');
    const unknown = await call<ImportReport>('import:preview', { fileId, mapping: inspection.suggested });
    expect(unknown.unknownInstruments).toEqual([{ reference: 'US0378331005', isin: 'US0378331005', name: expect.stringContaining('AAPL(US0378331005)'), currency: 'USD', rows: 2, firstLine: 2 }]);
    expect(unknown.errors.map((e) => [e.line, e.code])).toEqual([
      [2, 'NOT_FOUND'],
      [4, 'NOT_FOUND'],
    ]);
    const { activities } = await importFixture('ibkr-dividends.csv', 'ibkr-dividends', (m) => ({ ...m, instruments: { US0378331005: 'AAPL' } }));
    expect(activities).toEqual([
      ['2023-08-17', 'dividend', 'AAPL', null, null, 'USD', '1.44', null],
      ['2023-08-17', 'fee', null, null, null, 'USD', '0.22', null],
      ['2023-11-16', 'dividend', 'AAPL', null, null, 'USD', '1.44', null],
    ]);
  });

  it('Ghostfolio CSV: 16-01-2023 settles day-month order, 17/11 and 20230801 read alike; items skipped; fee and dividend per share', async () => {
    const { inspection, preview, activities } = await importFixture('ghostfolio.csv', 'ghostfolio-csv');
    expect(inspection.suggested.dateFormat).toBe('DD-MM-YYYY');
    expect(inspection.dateEvidence).toBe('16-01-2023');
    expect(preview.skipped).toEqual([{ type: 'item', rows: 1 }]);
    expect(activities).toEqual([
      ['2023-01-02', 'fee', null, null, null, 'USD', '25.00', null],
      ['2023-01-16', 'buy', 'AAPL', '3', '135.94', 'USD', '409.32', '1.50'],
      ['2023-05-17', 'dividend', 'AAPL', null, null, 'USD', '0.72', null],
      ['2023-08-01', 'sell', 'AAPL', '1', '195.61', 'USD', '194.61', '1.00'],
    ]);
  });

  it('Ghostfolio JSON: the activities with their exact numbers, entries reported by the line they start on', async () => {
    const { preview, activities } = await importFixture('ghostfolio.json', 'ghostfolio-json');
    expect(preview.skipped).toEqual([{ type: 'ITEM', rows: 1 }]);
    expect(preview.sample.map((s) => s.line)).toEqual([15, 28, 54]);
    expect(activities).toEqual([
      ['2023-01-16', 'buy', 'AAPL', '3', '135.94', 'USD', '409.32', '1.50'],
      ['2023-05-17', 'dividend', 'AAPL', null, null, 'USD', '0.72', null],
      ['2023-08-01', 'sell', 'AAPL', '1', '195.61', 'USD', '194.61', '1.00'],
    ]);
  });

  it('Wealthfolio CSV: ISO date-times with a zone, TAX as a fee, splits skipped', async () => {
    const { preview, activities } = await importFixture('wealthfolio.csv', 'wealthfolio');
    expect(preview.skipped).toEqual([{ type: 'SPLIT', rows: 1 }]);
    expect(activities).toEqual([
      ['2023-02-01', 'deposit', null, null, null, 'USD', '2000.00', null],
      ['2023-02-02', 'buy', 'AAPL', '4', '150.82', 'USD', '604.27', '0.99'],
      ['2023-05-18', 'dividend', 'AAPL', null, null, 'USD', '0.96', null],
      ['2023-06-30', 'interest', null, null, null, 'USD', '1.75', null],
      ['2023-07-03', 'fee', null, null, null, 'USD', '0.30', null],
      ['2023-09-01', 'withdrawal', null, null, null, 'USD', '100.00', null],
    ]);
  });

  it('Portfolio Performance CSV (German): decimal comma settled by the values, the price from the value and the shares', async () => {
    const { inspection, preview, activities } = await importFixture('portfolio-performance.csv', 'portfolio-performance');
    expect(inspection.suggested).toMatchObject({ delimiter: ';', decimalSeparator: ',', thousandsSeparator: '.' });
    expect(preview.skipped).toEqual([{ type: 'Umbuchung (Ausgang)', rows: 1 }]);
    expect(activities).toEqual([
      ['2023-03-01', 'deposit', null, null, null, 'EUR', '2500.00', null],
      ['2023-03-02', 'buy', 'SAP', '10', '110', 'EUR', '1101.00', '1.00'],
      ['2023-05-12', 'dividend', 'SAP', null, null, 'EUR', '20.50', null],
      ['2023-06-01', 'fee', null, null, null, 'EUR', '5.41', null],
      ['2023-07-20', 'sell', 'SAP', '4', '120', 'EUR', '479.00', '1.00'],
    ]);
  });

  it('Degiro transactions: unnamed currency columns mapped, side from the sign, a EUR total of a USD share left out', async () => {
    const profile = await freshProfile();
    await call('wallet:deposit', { currency: 'USD', amount: '1000.00', idempotencyKey: key('d') });
    await call('wallet:deposit', { currency: 'EUR', amount: '1000.00', idempotencyKey: key('d') });
    const { fileId, inspection } = await inspect('degiro.csv');
    expect(inspection.broker?.id).toBe('degiro');
    expect(inspection.suggested).toMatchObject({ dateFormat: 'DD-MM-YYYY', decimalSeparator: ',', columns: { currency: 'Total (2)', isin: 'ISIN', amount: 'Total' } });
    const first = await call<ImportReport>('import:preview', { fileId, mapping: inspection.suggested });
    expect(first.unknownInstruments!.map((u) => [u.reference, u.name])).toEqual([
      ['US0378331005', 'APPLE INC - COMMON ST'],
      ['DE0007164600', 'SAP SE'],
    ]);
    const mapping = { ...inspection.suggested, instruments: { US0378331005: 'AAPL', DE0007164600: 'SAP' } };
    const preview = await call<ImportReport>('import:preview', { fileId, mapping });
    expect(preview).toMatchObject({ errorCount: 0, fresh: 3, otherCurrencyFigures: 1, unknownInstruments: [] });
    await call('import:run', { fileId, mapping, idempotencyKey: key('deg') });
    const trades = profileRows(profile).activities.filter((a) => a.type === 'buy' || a.type === 'sell');
    expect(trades.map((a) => [a.date, a.type, a.symbol, a.quantity, a.price, a.currency, a.amount, a.fee]).sort((a, b) => String(a[0]).localeCompare(String(b[0])))).toEqual([
      ['2023-04-03', 'buy', 'AAPL', '5', '165.5', 'USD', '827.50', '0.00'],
      ['2023-06-22', 'buy', 'SAP', '4', '124.3', 'EUR', '499.20', '2.00'],
      ['2023-08-14', 'sell', 'SAP', '2', '126', 'EUR', '250.00', '2.00'],
    ]);
  });

  it('Trading 212: its action words, a EUR total of a USD share left out, stock splits skipped', async () => {
    const { preview, activities } = await importFixture('trading212.csv', 'trading212');
    expect(preview).toMatchObject({ skipped: [{ type: 'Stock split open', rows: 1 }], otherCurrencyFigures: 1 });
    expect(activities).toEqual([
      ['2023-12-18', 'buy', 'SAP', '1.5', '140.2', 'EUR', '210.30', '0.00'],
      ['2023-12-18', 'deposit', null, null, null, 'EUR', '500.00', null],
      ['2023-12-19', 'buy', 'AAPL', '0.25', '195.4', 'USD', '48.85', '0.00'],
      ['2023-12-27', 'sell', 'SAP', '0.5', '145', 'EUR', '72.50', '0.00'],
      ['2024-02-15', 'dividend', 'AAPL', null, null, 'EUR', '0.05', null],
      ['2024-03-06', 'interest', null, null, null, 'EUR', '0.42', null],
    ]);
  });

  it('Revolut: amounts written with their currency sign ("$1,000", "-$0.12"), transfers skipped', async () => {
    const { preview, activities } = await importFixture('revolut.csv', 'revolut');
    expect(preview.skipped).toEqual([{ type: 'TRANSFER FROM REVOLUT TRADING LTD TO REVOLUT SECURITIES EUROPE UAB', rows: 1 }]);
    expect(activities).toEqual([
      ['2023-11-15', 'deposit', null, null, null, 'USD', '1000.00', null],
      ['2023-11-16', 'buy', 'AAPL', '2', '188.01', 'USD', '376.02', '0.00'],
      ['2023-11-17', 'dividend', 'AAPL', null, null, 'USD', '0.48', null],
      ['2023-12-01', 'fee', null, null, null, 'USD', '0.12', null],
      ['2023-12-12', 'sell', 'AAPL', '1', '193.2', 'USD', '193.20', '0.00'],
      ['2023-12-20', 'withdrawal', null, null, null, 'USD', '50.93', null],
    ]);
  });

  it('Coinbase: an asset and its price currency find the pair (BTC in EUR is BTC-EUR); sends and staking skipped', async () => {
    const { preview, activities } = await importFixture('coinbase.csv', 'coinbase', (m) => m, async () => {
      await call('instrument:add', { symbol: 'BTC-EUR', name: 'Bitcoin', assetClass: 'crypto', quoteCurrency: 'EUR' });
      await call('instrument:add', { symbol: 'BTC-USD', name: 'Bitcoin', assetClass: 'crypto', quoteCurrency: 'USD' });
    });
    expect(preview.skipped).toEqual([
      { type: 'Staking Income', rows: 1 },
      { type: 'Send', rows: 1 },
    ]);
    expect(activities).toEqual([
      ['2024-01-10', 'buy', 'BTC-EUR', '0.00463821', '42000.5', 'EUR', '200.00', '5.20'],
      ['2024-01-10', 'deposit', null, null, null, 'EUR', '500.00', null],
      ['2024-03-05', 'sell', 'BTC-EUR', '0.002', '61250', 'EUR', '120.68', '1.82'],
    ]);
  });

  it('Coinbase, the older report: the title and account lines above the header skipped', async () => {
    const { inspection, preview, activities } = await importFixture('coinbase-2021.csv', 'coinbase', (m) => m, async () => {
      await call('instrument:add', { symbol: 'BTC-USD', name: 'Bitcoin', assetClass: 'crypto', quoteCurrency: 'USD' });
    });
    expect(inspection.suggested).toMatchObject({ headerLine: 8, columns: { price: 'Spot Price at Transaction', amount: 'Total (inclusive of fees)' } });
    expect(preview).toMatchObject({ rows: 3, skipped: [{ type: 'Rewards Income', rows: 1 }] });
    expect(preview.sample.map((r) => r.line)).toEqual([9, 11]);
    expect(activities).toEqual([
      ['2021-03-02', 'buy', 'BTC-USD', '0.01', '48500', 'USD', '492.50', '7.50'],
      ['2021-05-20', 'sell', 'BTC-USD', '0.004', '39000', 'USD', '153.00', '3.00'],
    ]);
  });

  it('Binance trade history: the pair BTCEUR is BTC-EUR, units read off the values, fees in another coin left out', async () => {
    const { preview, activities } = await importFixture(
      'binance.csv',
      'binance',
      // A USDT pair has no currency of its own in Bourse: the user matches it to an instrument, here BTC-USD.
      (m) => ({ ...m, instruments: { BTCUSDT: 'BTC-USD' } }),
      async () => {
        await call('instrument:add', { symbol: 'BTC-EUR', name: 'Bitcoin', assetClass: 'crypto', quoteCurrency: 'EUR' });
        await call('instrument:add', { symbol: 'BTC-USD', name: 'Bitcoin', assetClass: 'crypto', quoteCurrency: 'USD' });
      },
    );
    expect(preview.otherCurrencyFigures).toBe(2);
    expect(activities).toEqual([
      ['2024-02-09', 'buy', 'BTC-EUR', '0.01', '43500.5', 'EUR', '435.00', '0.00'],
      ['2024-03-11', 'sell', 'BTC-EUR', '0.004', '65250', 'EUR', '260.74', '0.26'],
      ['2024-03-12', 'buy', 'BTC-USD', '0.001', '71000', 'USD', '71.00', '0.00'],
    ]);
  });
  it('Interactive Brokers Flex with BOF/HEADER/DATA/EOF lines: trades and cash transactions from one file, other sections skipped', async () => {
    const { inspection, preview, activities } = await importFixture('ibkr-flex-sections.csv', 'ibkr-flex-sections');
    expect(inspection.headers).toEqual(['Flex section', 'Activity', 'Date', 'Symbol', 'ISIN', 'Description', 'Quantity', 'TradePrice', 'Amount', 'Currency', 'Commission', 'TransactionID']);
    // Every row is reported by its line in the file, the trades' extra trailing field read and said.
    expect(preview).toMatchObject({ rows: 8, fresh: 7, widened: { lines: 2, firstLine: 5 }, skipped: [{ type: 'Section POST (Open Positions)', rows: 1 }] });
    expect(preview.sample.map((r) => r.line)).toEqual([10, 5, 11, 12, 13, 6, 14]);
    expect(activities).toEqual([
      ['2023-03-01', 'deposit', null, null, null, 'USD', '5000.00', null],
      ['2023-04-03', 'buy', 'AAPL', '10', '165.2', 'USD', '1653.00', '1.00'],
      ['2023-05-18', 'dividend', 'AAPL', null, null, 'USD', '2.40', null],
      ['2023-05-18', 'fee', null, null, null, 'USD', '0.36', null],
      ['2023-06-05', 'interest', null, null, null, 'USD', '3.21', null],
      ['2023-06-12', 'sell', 'AAPL', '4', '183.795', 'USD', '734.16', '1.02'],
      ['2023-07-10', 'withdrawal', null, null, null, 'USD', '250.00', null],
    ]);
  });

  it('Binance transaction history: the lines of one trade read as one (coin in, coin out, fee), fiat in and out as cash', async () => {
    const { inspection, preview, activities } = await importFixture('binance-statement.csv', 'binance-statement', (m) => m, async () => {
      await call('instrument:add', { symbol: 'BTC-EUR', name: 'Bitcoin', assetClass: 'crypto', quoteCurrency: 'EUR' });
      await call('instrument:add', { symbol: 'ETH-EUR', name: 'Ethereum', assetClass: 'crypto', quoteCurrency: 'EUR' });
    });
    expect(inspection.broker?.label).toBe('Binance (transaction history)');
    expect(preview).toMatchObject({
      rows: 7,
      otherCurrencyFigures: 1,
      skipped: [
        { type: 'Deposit (BTC)', rows: 1 },
        { type: 'Simple Earn Flexible Interest', rows: 1 },
      ],
    });
    expect(preview.sample.map((r) => r.line)).toEqual([2, 3, 8, 11, 14]);
    expect(activities).toEqual([
      ['2024-02-08', 'deposit', null, null, null, 'EUR', '1000.00', null],
      // The fee in BNB is another currency's: left out and counted.
      ['2024-02-09', 'buy', 'BTC-EUR', '0.01', '43500.5', 'EUR', '435.00', '0.00'],
      ['2024-03-11', 'sell', 'BTC-EUR', '0.004', '65250', 'EUR', '260.74', '0.26'],
      // The fee in ETH lessens the ETH received: 0.1 − 0.0001.
      ['2024-03-12', 'buy', 'ETH-EUR', '0.0999', '3503.5035035035', 'EUR', '350.00', '0.00'],
      ['2024-03-20', 'withdrawal', null, null, null, 'EUR', '100.00', null],
    ]);
  });

  const sortSkipped = (s: { type: string; rows: number }[] | undefined) => [...(s ?? [])].sort((a, b) => a.type.localeCompare(b.type));

  it('Degiro account statement (Dutch): the currency in "Mutatie", the figure right of it; trades skipped (Transactions.csv has them)', async () => {
    const { inspection, preview, activities } = await importFixture('degiro-account-nl.csv', 'degiro-account', (m) => ({ ...m, instruments: { DE0007164600: 'SAP' } }));
    expect(inspection.suggested).toMatchObject({ dateFormat: 'DD-MM-YYYY', decimalSeparator: ',', columns: { currency: 'Mutatie', amount: 'Mutatie (2)', type: 'Omschrijving' } });
    expect(sortSkipped(preview.skipped)).toEqual([
      { type: 'DEGIRO Transactiekosten en/of kosten van derden', rows: 1 },
      { type: 'Koop 5 @ 118,6 EUR', rows: 1 },
    ]);
    expect(activities).toEqual([
      ['2022-12-28', 'deposit', null, null, null, 'EUR', '1002.50', null],
      ['2023-01-02', 'fee', null, null, null, 'EUR', '2.50', null],
      ['2023-09-14', 'dividend', 'SAP', null, null, 'EUR', '9.57', null],
      ['2023-09-14', 'fee', null, null, null, 'EUR', '1.44', null],
    ]);
  });

  it('Degiro account statement (English): a USD dividend and its tax stay in USD, the FX lines skipped', async () => {
    const { inspection, preview, activities } = await importFixture('degiro-account-en.csv', 'degiro-account', (m) => ({ ...m, instruments: { US0378331005: 'AAPL' } }));
    expect(inspection.suggested).toMatchObject({ decimalSeparator: '.', columns: { currency: 'Change', amount: 'Change (2)' } });
    expect(sortSkipped(preview.skipped)).toEqual([
      { type: 'FX Credit', rows: 1 },
      { type: 'FX Debit', rows: 1 },
    ]);
    expect(activities).toEqual([
      ['2024-05-13', 'deposit', null, null, null, 'EUR', '100.00', null],
      ['2024-05-15', 'withdrawal', null, null, null, 'EUR', '60.00', null],
      ['2024-05-31', 'interest', null, null, null, 'EUR', '0.04', null],
      ['2024-07-04', 'dividend', 'AAPL', null, null, 'USD', '1.40', null],
      ['2024-07-04', 'fee', null, null, null, 'USD', '0.21', null],
    ]);
  });

  it('Degiro account statement (German): Änderung and the figure right of it, a reservation and a sale skipped', async () => {
    const { preview, activities } = await importFixture('degiro-account-de.csv', 'degiro-account', (m) => ({ ...m, instruments: { DE0007164600: 'SAP' } }));
    expect(sortSkipped(preview.skipped)).toEqual([
      { type: 'Reservierung SOFORT Einzahlung', rows: 1 },
      { type: 'Verkauf 2 zu je 175,3 EUR', rows: 1 },
    ]);
    expect(activities).toEqual([
      ['2024-04-02', 'deposit', null, null, null, 'EUR', '250.00', null],
      ['2024-05-20', 'dividend', 'SAP', null, null, 'EUR', '11.00', null],
      ['2024-05-20', 'fee', null, null, null, 'EUR', '2.90', null],
    ]);
  });
});
