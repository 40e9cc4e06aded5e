import { Database } from './db-key.js';
import { openProfileFile } from './db-key.js';
import { join } from 'node:path';
import { BigDecimal as D } from '../../shared/decimal/engine.js';

/**
 * Reads a profile database directly (a second, independent connection), never through the services under test.
 * Sums are computed with decimal.js: SQLite's SUM() over TEXT would go through binary floats.
 */
export function profileDbFile(dataDir: string, profileId: string): string {
  return join(dataDir, 'profiles', profileId, 'bourse.db');
}

export interface EntryRow {
  id: number;
  wallet_id: number;
  kind: string;
  amount: string;
  balance_after: string;
  note: string | null;
}

export interface WalletAudit {
  id: number;
  currency: string;
  balance: string;
  entries: EntryRow[];
  /** Sum of the wallet's entries, computed with decimal.js. */
  ledgerSum: string;
}

export interface LedgerAudit {
  integrity: string;
  foreignKeyViolations: number;
  wallets: WalletAudit[];
  idempotencyKeys: Map<string, { channel: string; response: string }>;
  /** Human-readable list of broken invariants; empty when the ledger is consistent. */
  problems: string[];
}

/** Entry kinds that only ever add to (INFLOW) or take from (OUTFLOW) a wallet; an fx-exchange does either. */
const INFLOW = new Set(['deposit', 'sell', 'dividend', 'interest']);
const OUTFLOW = new Set(['withdrawal', 'buy', 'fee']);

export function auditProfileDb(file: string): LedgerAudit {
  const db = openProfileFile(file, { fileMustExist: true });
  try {
    const integrity = db.pragma('integrity_check', { simple: true }) as string;
    const fk = db.pragma('foreign_key_check') as unknown[];
    const wallets = db.prepare('SELECT id, currency, balance FROM wallets ORDER BY id').all() as {
      id: number;
      currency: string;
      balance: string;
    }[];
    const entryStmt = db.prepare(
      'SELECT id, wallet_id, kind, amount, balance_after, note FROM ledger_entries WHERE wallet_id = ? ORDER BY id',
    );
    const problems: string[] = [];
    const out: WalletAudit[] = [];
    for (const w of wallets) {
      const entries = entryStmt.all(w.id) as EntryRow[];
      let running = new D(0);
      for (const e of entries) {
        if (typeof e.amount !== 'string' || typeof e.balance_after !== 'string') {
          problems.push(`${w.currency} entry ${e.id}: amount/balance_after not TEXT`);
        }
        running = running.plus(e.amount);
        if (!running.equals(e.balance_after)) {
          problems.push(`${w.currency} entry ${e.id}: balance_after ${e.balance_after} but running sum ${running.toFixed()}`);
        }
        if (new D(e.balance_after).isNegative()) problems.push(`${w.currency} entry ${e.id}: negative balance_after`);
        const sign = new D(e.amount);
        const direction = INFLOW.has(e.kind) ? true : OUTFLOW.has(e.kind) ? false : sign.isPositive();
        if (direction !== sign.isPositive() || sign.isZero()) {
          problems.push(`${w.currency} entry ${e.id}: kind ${e.kind} with amount ${e.amount}`);
        }
      }
      if (!running.equals(w.balance)) {
        problems.push(`${w.currency}: balance ${w.balance} but ledger sum ${running.toFixed()}`);
      }
      const last = entries[entries.length - 1];
      if (last && !new D(last.balance_after).equals(w.balance)) {
        problems.push(`${w.currency}: balance ${w.balance} but last balance_after ${last.balance_after}`);
      }
      out.push({ ...w, entries, ledgerSum: running.toFixed() });
    }
    const keys = new Map<string, { channel: string; response: string }>();
    for (const k of db.prepare('SELECT key, channel, response FROM idempotency_keys').all() as {
      key: string;
      channel: string;
      response: string;
    }[]) {
      keys.set(k.key, { channel: k.channel, response: k.response });
    }
    if (integrity !== 'ok') problems.push(`integrity_check: ${integrity}`);
    if (fk.length) problems.push(`foreign_key_check: ${fk.length} violations`);
    return { integrity, foreignKeyViolations: fk.length, wallets: out, idempotencyKeys: keys, problems };
  } finally {
    db.close();
  }
}

/** A cheap fingerprint of everything money-related in a profile db: any write changes it. */
export function ledgerFingerprint(db: Database.Database): string {
  const w = db.prepare('SELECT id, currency, balance, updated_at FROM wallets ORDER BY id').all();
  const e = db.prepare('SELECT COUNT(*) AS n, MAX(id) AS last FROM ledger_entries').get();
  const k = db.prepare('SELECT COUNT(*) AS n FROM idempotency_keys').get();
  return JSON.stringify({ w, e, k });
}
