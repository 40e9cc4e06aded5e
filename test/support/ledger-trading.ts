import { openProfileFile } from './db-key.js';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { BigDecimal as D } from '../../shared/decimal/engine.js';
import { auditProfileDb } from './ledger.js';

/**
 * The trading invariants, read with a second connection straight from the profile database(s) of a data folder:
 * the ledger audit (every balance is the sum of its entries, no negative balance), plus
 * - each wallet's `reserved` is the sum of what its open buys (open, aggregating, pending) hold, and ≤ balance;
 * - each position's units equal its buys minus its sells in the activity log, its `reserved` the open sells';
 * - every filled order has fills adding up to its filled quantity; a finished order holds nothing;
 * - every aggregation book has members, every aggregating order a book.
 */
export function tradingProblems(file: string): string[] {
  const problems = [...auditProfileDb(file).problems];
  const db = openProfileFile(file, { fileMustExist: true, readonly: true });
  try {
    const open = db.prepare("SELECT * FROM orders WHERE state IN ('open', 'aggregating', 'pending')").all() as { side: string; currency: string; symbol: string; reserved: string; id: string; book_id: string | null; state: string }[];
    for (const w of db.prepare('SELECT currency, balance, reserved FROM wallets').all() as { currency: string; balance: string; reserved: string }[]) {
      const held = open.filter((o) => o.side === 'buy' && o.currency === w.currency).reduce((s, o) => s.plus(o.reserved), new D(0));
      if (!held.equals(w.reserved)) problems.push(`${w.currency}: reserved ${w.reserved} but open buys hold ${held.toFixed()}`);
      if (new D(w.balance).lt(w.reserved)) problems.push(`${w.currency}: reserved ${w.reserved} above balance ${w.balance}`);
    }
    const units = new Map<string, InstanceType<typeof D>>();
    for (const a of db.prepare("SELECT symbol, type, quantity FROM activities WHERE type IN ('buy', 'sell')").all() as { symbol: string; type: string; quantity: string }[]) {
      units.set(a.symbol, (units.get(a.symbol) ?? new D(0))[a.type === 'buy' ? 'plus' : 'minus'](a.quantity));
    }
    const positions = db.prepare('SELECT symbol, quantity, reserved FROM positions').all() as { symbol: string; quantity: string; reserved: string }[];
    for (const p of positions) {
      const expected = units.get(p.symbol) ?? new D(0);
      if (!expected.equals(p.quantity)) problems.push(`${p.symbol}: position ${p.quantity} but activities say ${expected.toFixed()}`);
      if (new D(p.quantity).isNegative()) problems.push(`${p.symbol}: negative position ${p.quantity}`);
      const held = open.filter((o) => o.side === 'sell' && o.symbol === p.symbol).reduce((s, o) => s.plus(o.reserved), new D(0));
      if (!held.equals(p.reserved)) problems.push(`${p.symbol}: reserved ${p.reserved} but open sells hold ${held.toFixed()}`);
      if (new D(p.quantity).lt(p.reserved)) problems.push(`${p.symbol}: reserved ${p.reserved} above ${p.quantity} held`);
    }
    for (const [symbol, q] of units) if (!q.isZero() && !positions.some((p) => p.symbol === symbol)) problems.push(`${symbol}: ${q.toFixed()} in activities, no position`);
    const done = db.prepare("SELECT id, state, reserved, filled_quantity FROM orders WHERE state IN ('filled', 'cancelled', 'rejected', 'failed')").all() as { id: string; state: string; reserved: string; filled_quantity: string }[];
    // A profile's fills are in its order rows from migration 022 on, in their own table before.
    const inRows = (db.prepare('PRAGMA table_info(orders)').all() as { name: string }[]).some((c) => c.name === 'fills');
    const fillSum = db.prepare(inRows ? "SELECT j.value ->> 'quantity' AS quantity FROM orders o, json_each(o.fills) j WHERE o.id = ?" : 'SELECT quantity FROM fills WHERE order_id = ?');
    for (const o of done) {
      if (!new D(o.reserved).isZero()) problems.push(`order ${o.id} ${o.state} still holds ${o.reserved}`);
      const filled = (fillSum.all(o.id) as { quantity: string }[]).reduce((s, f) => s.plus(f.quantity), new D(0));
      if (!filled.equals(o.filled_quantity)) problems.push(`order ${o.id}: fills ${filled.toFixed()} but filled_quantity ${o.filled_quantity}`);
      if (o.state === 'filled' && filled.isZero()) problems.push(`order ${o.id} filled without a fill`);
    }
    // The activity log replays to the wallets: its cash per currency is each balance, and a trade's amount is its
    // quantity × price at the minor unit (half-even) with the fee, the rule the portfolio replays by.
    const minor = new Map((db.prepare('SELECT code, minor_unit FROM currencies').all() as { code: string; minor_unit: number }[]).map((c) => [c.code, c.minor_unit]));
    const cash = new Map<string, InstanceType<typeof D>>();
    const add = (c: string, v: InstanceType<typeof D>) => cash.set(c, (cash.get(c) ?? new D(0)).plus(v));
    const OUT = new Set(['buy', 'withdrawal', 'fee', 'fx-exchange']);
    for (const a of db.prepare('SELECT id, type, currency, amount, to_currency, to_amount, quantity, price, fee FROM activities').all() as {
      id: string; type: string; currency: string; amount: string; to_currency: string | null; to_amount: string | null; quantity: string | null; price: string | null; fee: string | null;
    }[]) {
      add(a.currency, OUT.has(a.type) ? new D(a.amount).negated() : new D(a.amount));
      if (a.type === 'fx-exchange' && a.to_currency) add(a.to_currency, new D(a.to_amount!));
      if (a.type === 'buy' || a.type === 'sell') {
        const gross = new D(a.quantity!).times(a.price!).toDecimalPlaces(minor.get(a.currency) ?? 2, D.ROUND_HALF_EVEN);
        const expected = a.type === 'buy' ? gross.plus(a.fee ?? '0') : gross.minus(a.fee ?? '0');
        if (!expected.equals(a.amount)) problems.push(`activity ${a.id}: ${a.type} amount ${a.amount} but quantity × price ± fee is ${expected.toFixed()}`);
      }
    }
    for (const w of db.prepare('SELECT currency, balance FROM wallets').all() as { currency: string; balance: string }[]) {
      const replayed = cash.get(w.currency) ?? new D(0);
      if (!replayed.equals(w.balance)) problems.push(`${w.currency}: balance ${w.balance} but the activity log adds up to ${replayed.toFixed()}`);
    }
    const books = new Set((db.prepare('SELECT id FROM aggregation_books').all() as { id: string }[]).map((b) => b.id));
    for (const o of open.filter((x) => x.state === 'aggregating')) if (!o.book_id || !books.has(o.book_id)) problems.push(`order ${o.id} aggregating outside any book`);
    for (const b of books) if (!open.some((o) => o.book_id === b && o.state === 'aggregating')) problems.push(`book ${b} has no members`);
  } finally {
    db.close();
  }
  return problems;
}

export function profileDbs(dataDir: string): string[] {
  return readdirSync(join(dataDir, 'profiles')).map((id) => join(dataDir, 'profiles', id, 'bourse.db'));
}

export async function ledgerMatchesBalances(dataDir: string): Promise<void> {
  for (const file of profileDbs(dataDir)) expect(tradingProblems(file)).toEqual([]);
}
