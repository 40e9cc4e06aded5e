import type { ReadDb, WriteDb } from '../store/writer.js';
import { statements } from '../store/statements.js';

/** The alerts' SQL (tables of migration profile-010-alerts). */
const SQL = {
  all: 'SELECT id, symbol, kind, threshold, armed, created_at, last_fired_at FROM alerts ORDER BY created_at, id',
  one: 'SELECT id, symbol, kind, threshold, armed, created_at, last_fired_at FROM alerts WHERE id = ?',
  insert: 'INSERT INTO alerts (id, symbol, kind, threshold, armed, created_at) VALUES (?, ?, ?, ?, 1, ?)',
  remove: 'DELETE FROM alerts WHERE id = ?',
  fired: 'UPDATE alerts SET armed = 0, last_fired_at = ? WHERE id = ? AND armed = 1',
  rearm: 'UPDATE alerts SET armed = 1 WHERE id = ? AND armed = 0',
  log:
    'INSERT INTO alert_events (alert_id, symbol, kind, threshold, price, reference, ts, fired_at, message) ' +
    'VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
  history:
    'SELECT id, alert_id, symbol, kind, threshold, price, reference, ts, fired_at, message FROM alert_events ORDER BY id DESC LIMIT ?',
  symbols: 'SELECT DISTINCT symbol FROM alerts ORDER BY symbol',
};

export interface AlertDbRow {
  id: string;
  symbol: string;
  kind: 'above' | 'below' | 'move';
  threshold: string;
  armed: number;
  created_at: string;
  last_fired_at: string | null;
}

export interface AlertEventDbRow {
  id: number;
  alert_id: string;
  symbol: string;
  kind: 'above' | 'below' | 'move';
  threshold: string;
  price: string;
  reference: string | null;
  ts: number;
  fired_at: string;
  message: string;
}

export type NewAlertEvent = Omit<AlertEventDbRow, 'id'>;

export function listAlerts(db: ReadDb): AlertDbRow[] {
  return statements(db, SQL).all.all() as AlertDbRow[];
}

export function getAlert(db: ReadDb, id: string): AlertDbRow | undefined {
  return statements(db, SQL).one.get(id) as AlertDbRow | undefined;
}

export function insertAlert(db: WriteDb, a: { id: string; symbol: string; kind: string; threshold: string; createdAt: string }): void {
  statements(db, SQL).insert.run(a.id, a.symbol, a.kind, a.threshold, a.createdAt);
}

export function deleteAlert(db: WriteDb, id: string): boolean {
  return statements(db, SQL).remove.run(id).changes > 0;
}

/** Disarms an armed alert and logs its firing; false (nothing written) when it was not armed. */
export function recordFiring(db: WriteDb, e: NewAlertEvent): number | null {
  const sql = statements(db, SQL);
  if (sql.fired.run(e.fired_at, e.alert_id).changes === 0) return null;
  return Number(sql.log.run(e.alert_id, e.symbol, e.kind, e.threshold, e.price, e.reference, e.ts, e.fired_at, e.message).lastInsertRowid);
}

export function rearmAlert(db: WriteDb, id: string): boolean {
  return statements(db, SQL).rearm.run(id).changes > 0;
}

export function alertHistory(db: ReadDb, limit: number): AlertEventDbRow[] {
  return statements(db, SQL).history.all(limit) as AlertEventDbRow[];
}

/** The symbols alerts watch: the feed follows them too. */
export function alertSymbols(db: ReadDb): string[] {
  return (statements(db, SQL).symbols.all() as { symbol: string }[]).map((r) => r.symbol);
}
