import { EntitySchema } from 'typeorm';

/** A price alert (migration profile-010-alerts). */
export interface AlertRow {
  id: string;
  symbol: string;
  kind: string;
  threshold: string;
  armed: number;
  createdAt: string;
  lastFiredAt: string | null;
}

export const AlertEntity = new EntitySchema<AlertRow>({
  name: 'Alert',
  tableName: 'alerts',
  columns: {
    id: { type: 'text', primary: true },
    symbol: { type: 'text' },
    kind: { type: 'text' },
    threshold: { type: 'text' },
    armed: { type: 'integer', default: 1 },
    createdAt: { name: 'created_at', type: 'text' },
    lastFiredAt: { name: 'last_fired_at', type: 'text', nullable: true },
  },
  indices: [{ name: 'idx_alerts_symbol', columns: ['symbol'] }],
});

/** One firing of an alert, kept by value. */
export interface AlertEventRow {
  id: number;
  alertId: string;
  symbol: string;
  kind: string;
  threshold: string;
  price: string;
  reference: string | null;
  ts: number;
  firedAt: string;
  message: string;
}

export const AlertEventEntity = new EntitySchema<AlertEventRow>({
  name: 'AlertEvent',
  tableName: 'alert_events',
  columns: {
    // A rowid alias without AUTOINCREMENT and without NOT NULL, as fills.id.
    id: { type: 'integer', primary: true, nullable: true },
    alertId: { name: 'alert_id', type: 'text' },
    symbol: { type: 'text' },
    kind: { type: 'text' },
    threshold: { type: 'text' },
    price: { type: 'text' },
    reference: { type: 'text', nullable: true },
    ts: { type: 'integer' },
    firedAt: { name: 'fired_at', type: 'text' },
    message: { type: 'text' },
  },
});
