import type { AlertFired, AlertView } from '../../shared/contract/index.js';
import type { AlertDbRow, AlertEventDbRow } from './repo.js';

export function alertView(r: AlertDbRow): AlertView {
  return { id: r.id, symbol: r.symbol, kind: r.kind, threshold: r.threshold, armed: r.armed === 1, createdAt: r.created_at, lastFiredAt: r.last_fired_at };
}

export function firedView(r: AlertEventDbRow): AlertFired {
  return {
    id: String(r.id),
    alertId: r.alert_id,
    symbol: r.symbol,
    kind: r.kind,
    threshold: r.threshold,
    price: r.price,
    reference: r.reference,
    ts: r.ts,
    firedAt: r.fired_at,
    message: r.message,
  };
}
