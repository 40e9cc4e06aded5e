import { openProfileFile } from './db-key.js';
import { REBUILD_HISTORY_DAYS } from '../../main/store/migrations/profile-005-history.js';
import { BigDecimal as D } from '../../shared/decimal/engine.js';

/**
 * Fills an existing (migrated) profile database with a large, varied history by plain SQL, for the history query
 * tests and benchmarks: activities of every type, with their ledger entries, wallets and instruments. It writes
 * through its own connection, so call it while the app has the profile closed (signed out).
 */
export interface SeedRow {
  rowid: number;
  id: string;
  type: string;
  date: string;
  symbol: string | null;
  quantity: string | null;
  price: string | null;
  fee: string | null;
  currency: string;
  amount: string;
  to_currency: string | null;
  to_amount: string | null;
  note: string | null;
  source: string;
  created_at: string;
  balance_after: string;
}

const TYPES = ['buy', 'sell', 'deposit', 'withdrawal', 'dividend', 'interest', 'fee', 'fx-exchange'] as const;
const CURRENCIES = ['USD', 'USD', 'USD', 'EUR', 'CHF'] as const;
const SYMBOLS: Record<string, string> = { AAPL: 'USD', MSFT: 'USD', SAP: 'EUR', NESN: 'CHF' };
const NOTES = [null, null, null, 'Salary', 'rent, March', '=HYPERLINK("x")', 'Dividend AAPL', 'note with "quotes"', 'Café crème', 'ZEBRA', 'apple'];
export const OUT = new Set(['buy', 'withdrawal', 'fee', 'fx-exchange']);

/** A small deterministic PRNG (mulberry32), so a failing case can be replayed. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function seedHistory(file: string, count: number, opts: { seed?: number; start?: string; days?: number; keepRows?: boolean } = {}): SeedRow[] {
  const rand = rng(opts.seed ?? 1);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const db = openProfileFile(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  const start = Date.parse(`${opts.start ?? '2021-01-01'}T00:00:00Z`);
  const days = opts.days ?? 1100;
  const now = new Date().toISOString();
  const rows: SeedRow[] = [];
  try {
    const insertInstrument = db.prepare(
      "INSERT OR IGNORE INTO instruments (symbol, name, asset_class, quote_currency, provider_symbols, created_at, updated_at) VALUES (?, ?, 'stock', ?, '{}', ?, ?)",
    );
    for (const [s, c] of Object.entries(SYMBOLS)) insertInstrument.run(s, s, c, now, now);
    const wallet = new Map<string, { id: number; balance: InstanceType<typeof D> }>();
    const walletOf = (code: string) => {
      let w = wallet.get(code);
      if (!w) {
        const found = db.prepare('SELECT id, balance FROM wallets WHERE currency = ?').get(code) as { id: number; balance: string } | undefined;
        if (found) w = { id: found.id, balance: new D(found.balance) };
        else {
          const { lastInsertRowid } = db.prepare("INSERT INTO wallets (currency, balance, reserved, created_at, updated_at) VALUES (?, '0.00', '0', ?, ?)").run(code, now, now);
          w = { id: Number(lastInsertRowid), balance: new D(0) };
        }
        wallet.set(code, w);
      }
      return w;
    };
    const insertActivity = db.prepare(
      'INSERT INTO activities (id, type, date, symbol, quantity, price, fee, currency, amount, to_currency, to_amount, order_id, source, note, created_at) ' +
        'VALUES (@id, @type, @date, @symbol, @quantity, @price, @fee, @currency, @amount, @to_currency, @to_amount, NULL, @source, @note, @created_at)',
    );
    const insertEntry = db.prepare('INSERT INTO ledger_entries (wallet_id, kind, amount, balance_after, note, created_at, activity_id) VALUES (?, ?, ?, ?, ?, ?, ?)');
    const batch = db.transaction((from: number, to: number) => {
      for (let i = from; i < to; i++) {
        const type = pick(TYPES);
        const date = new Date(start + Math.floor(rand() * days) * 86_400_000).toISOString().slice(0, 10);
        let symbol: string | null = null;
        let quantity: string | null = null;
        let price: string | null = null;
        let fee: string | null = null;
        let currency: string = pick(CURRENCIES);
        let toCurrency: string | null = null;
        let toAmount: string | null = null;
        let amount = `${Math.floor(rand() * 5000) + 1}.${String(Math.floor(rand() * 100)).padStart(2, '0')}`;
        if (type === 'buy' || type === 'sell') {
          symbol = pick(Object.keys(SYMBOLS));
          currency = SYMBOLS[symbol]!;
          quantity = String(Math.floor(rand() * 50) + 1) + (rand() < 0.3 ? '.5' : '');
          price = `${Math.floor(rand() * 400) + 1}.${String(Math.floor(rand() * 10000)).padStart(4, '0')}`.replace(/0+$/, '').replace(/\.$/, '');
          fee = rand() < 0.2 ? '0.00' : `${Math.floor(rand() * 10)}.${String(Math.floor(rand() * 100)).padStart(2, '0')}`;
          const gross = new D(quantity).times(price).toDecimalPlaces(2);
          amount = (type === 'buy' ? gross.plus(fee) : gross.minus(fee).abs()).toFixed(2);
        } else if (type === 'dividend' && rand() < 0.7) {
          symbol = pick(Object.keys(SYMBOLS));
          currency = SYMBOLS[symbol]!;
        } else if (type === 'fx-exchange') {
          toCurrency = pick(['USD', 'EUR', 'CHF'].filter((c) => c !== currency));
          toAmount = new D(amount).times('1.07').toFixed(2);
        }
        const note = pick(NOTES);
        const id = `seed-${i}`;
        const createdAt = new Date(start + i * 1000).toISOString();
        insertActivity.run({ id, type, date, symbol, quantity, price, fee, currency, amount, to_currency: toCurrency, to_amount: toAmount, source: 'manual', note, created_at: createdAt });
        const w = walletOf(currency);
        w.balance = OUT.has(type) ? w.balance.minus(amount) : w.balance.plus(amount);
        const balanceAfter = w.balance.toFixed(2);
        insertEntry.run(w.id, type, OUT.has(type) ? `-${amount}` : amount, balanceAfter, note, createdAt, id);
        if (toCurrency) {
          const t = walletOf(toCurrency);
          t.balance = t.balance.plus(toAmount!);
          insertEntry.run(t.id, type, toAmount, t.balance.toFixed(2), note, createdAt, id);
        }
        if (opts.keepRows !== false) {
          rows.push({ rowid: 0, id, type, date, symbol, quantity, price, fee, currency, amount, to_currency: toCurrency, to_amount: toAmount, note, source: 'manual', created_at: createdAt, balance_after: balanceAfter });
        }
      }
      for (const [code, w] of wallet) db.prepare('UPDATE wallets SET balance = ? WHERE currency = ?').run(w.balance.toFixed(2), code);
    });
    for (let i = 0; i < count; i += 20_000) batch(i, Math.min(count, i + 20_000));
    if (opts.keepRows !== false) {
      const ids = db.prepare("SELECT rowid AS r, id FROM activities WHERE id LIKE 'seed-%'").all() as { r: number; id: string }[];
      const byId = new Map(ids.map((x) => [x.id, x.r]));
      for (const r of rows) r.rowid = byId.get(r.id)!;
    }
    // Rows written by SQL bypass the services, so the per-day totals are rebuilt the way the migration builds them.
    for (const sql of REBUILD_HISTORY_DAYS) db.exec(sql);
    db.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    db.close();
  }
  return rows;
}

/** Rows of a profile database not yet in the history's sort indexes (`h_ready = 0`; main/history/indexer.ts). */
export function pendingHistoryRows(file: string): number {
  const db = openProfileFile(file, { readonly: true });
  try {
    return (db.prepare('SELECT count(*) AS n FROM activities WHERE h_ready = 0').get() as { n: number }).n;
  } finally {
    db.close();
  }
}

/** EUR→USD and CHF→USD for every day of the seeded range (market.db), so an export converts most entries. */
export function seedRates(file: string): void {
  const db = openProfileFile(file);
  const put = db.prepare("INSERT OR REPLACE INTO fx_rates (base, quote, date, source, rate) VALUES (?, 'USD', ?, 'ecb', ?)");
  db.transaction(() => {
    for (let d = 0; d < 1200; d++) {
      const day = new Date(Date.UTC(2021, 0, 1) + d * 86_400_000).toISOString().slice(0, 10);
      put.run('EUR', day, (1.05 + (d % 97) / 1000).toFixed(4));
      put.run('CHF', day, (1.08 + (d % 89) / 1000).toFixed(4));
    }
  })();
  db.close();
}
