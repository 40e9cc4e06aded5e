import { openProfileFile } from './db-key.js';
import { readFileSync } from 'node:fs';
import type { App } from '../../main/compose.js';
import { DOWNLOAD_PREFIX } from '../../main/files/transfers.js';
import { fractionSql, HISTORY_LEGS, wholeSql } from '../../main/store/migrations/profile-005-history.js';
import { BigDecimal as D } from '../../shared/decimal/engine.js';
import type { ExportProgress, HistoryFilter, HistorySort } from '../../shared/contract/index.js';

/** Helpers for the export/import tests: run an export to its end, hold a file for an import, read a profile's rows. */
export async function exportTo(app: App, filter: HistoryFilter, format: 'csv' | 'json', sort: HistorySort = { column: 'date', direction: 'desc' }): Promise<{ progress: ExportProgress[]; final: ExportProgress; path: string | null }> {
  const seen: ExportProgress[] = [];
  let resolve!: (p: ExportProgress) => void;
  const finished = new Promise<ExportProgress>((r) => (resolve = r));
  let id: string | null = null;
  const off = app.events.subscribe((e) => {
    if (e.event !== 'export:progress') return;
    seen.push(e.payload);
    if (id && e.payload.id === id && e.payload.state !== 'running') resolve(e.payload);
  });
  try {
    const r = await app.dispatch('export:start', { filter, sort, format });
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    const started = r.data as ExportProgress;
    if (started.state !== 'running') return { progress: seen, final: started, path: null };
    id = started.id;
    const done = seen.find((p) => p.id === id && p.state !== 'running');
    const final = done ?? (await finished);
    let path = final.path;
    if (final.downloadUrl) path = app.transfers.take(final.downloadUrl.slice(DOWNLOAD_PREFIX.length))?.path ?? null;
    return { progress: seen.filter((p) => p.id === id), final, path };
  } finally {
    off();
  }
}

export function readText(path: string): string {
  return readFileSync(path, 'utf8');
}

export interface ProfileRows {
  activities: Record<string, unknown>[];
  ledger: Record<string, unknown>[];
  wallets: Record<string, unknown>[];
  positions: Record<string, unknown>[];
  orders: Record<string, unknown>[];
}

/** Everything an import must reproduce, in an order that does not depend on rowids. */
export function profileRows(file: string): ProfileRows {
  const db = openProfileFile(file, { readonly: true });
  try {
    return {
      activities: db
        .prepare('SELECT id, type, date, symbol, quantity, price, fee, currency, amount, to_currency, to_amount, order_id, source, note, created_at FROM activities ORDER BY id')
        .all() as Record<string, unknown>[],
      ledger: db
        .prepare('SELECT w.currency, e.kind, e.amount, e.balance_after, e.note, e.created_at, e.activity_id, e.order_id FROM ledger_entries e JOIN wallets w ON w.id = e.wallet_id ORDER BY e.activity_id, w.currency')
        .all() as Record<string, unknown>[],
      // `reserved` is compared as a number: the wallet screen writes "0" where a trade writes "0.00" (both nothing held).
      wallets: (db.prepare("SELECT currency, balance, reserved FROM wallets WHERE balance != '0' OR EXISTS (SELECT 1 FROM ledger_entries e WHERE e.wallet_id = wallets.id) ORDER BY currency").all() as { reserved: string }[]).map((w) => ({
        ...w,
        reserved: new D(w.reserved).toFixed(),
      })),
      positions: db.prepare("SELECT symbol, quantity, reserved FROM positions WHERE quantity != '0' ORDER BY symbol").all() as Record<string, unknown>[],
      orders: db.prepare("SELECT id, symbol, side, state, filled_quantity, average_price, fee, total FROM orders WHERE state = 'filled' ORDER BY id").all() as Record<string, unknown>[],
    };
  } finally {
    db.close();
  }
}

/**
 * `history_days` as stored next to the same sums recomputed from `activities` (what the migration's rebuild
 * computes): every service that inserts an activity must keep the table in step.
 */
export function historyDays(file: string): { stored: unknown[]; recomputed: unknown[] } {
  const db = openProfileFile(file, { readonly: true });
  try {
    const stored = db.prepare('SELECT date, currency, type, symbol, leg, entries, whole, frac_e8 FROM history_days WHERE entries != 0 ORDER BY 1, 2, 3, 4, 5').all();
    const recomputed = db
      .prepare(
        HISTORY_LEGS.map(
          (l) =>
            `SELECT date, ${l.currency} AS currency, type, COALESCE(symbol, '') AS symbol, '${l.leg}' AS leg, COUNT(*) AS entries, SUM(${wholeSql(l.amount)}) AS whole, SUM(${fractionSql(l.amount, 8)}) AS frac_e8 FROM activities WHERE ${l.when} GROUP BY 1, 2, 3, 4`,
        ).join(' UNION ALL ') + ' ORDER BY 1, 2, 3, 4, 5',
      )
      .all();
    return { stored, recomputed };
  } finally {
    db.close();
  }
}
