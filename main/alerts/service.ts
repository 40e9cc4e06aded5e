import { randomUUID } from 'node:crypto';
import { meets, movePercent, step } from '../../shared/alerts.js';
import type { AlertFired, AlertKind, AlertView, PriceView } from '../../shared/contract/index.js';
import { AppError } from '../../shared/errors.js';
import { Dec } from '../../shared/decimal/index.js';
import { findCurrency } from '../../shared/currencies.js';
import { instrumentBySymbol } from '../catalogue/repo.js';
import type { ReadDb } from '../store/writer.js';
import type { EventHub } from '../events.js';
import type { Store } from '../store/data-source.js';
import { withIdempotency } from '../store/idempotency.js';
import { alertHistory, deleteAlert, insertAlert, listAlerts, rearmAlert, recordFiring, type AlertDbRow } from './repo.js';
import { alertView, firedView } from './views.js';

export interface AlertDeps {
  store: Store;
  events: EventHub;
  now: () => number;
  /** The last close (or rate) before today, for `move` alerts; undefined when none is stored. */
  reference: (symbol: string) => Promise<string | undefined>;
  /** The operating system's notification (Electron's Notification on the desktop); the renderer shows its own. */
  notify: (fired: AlertFired) => void;
  /** The symbols watched changed: the feed follows every alert's symbol. */
  symbolsChanged: () => void;
  logError: (message: string, err: unknown) => void;
}

const MAX_ALERTS = 500;

/**
 * Price alerts of the signed-in profile (docs/design.md#alerts). Checked on every `market:prices` batch in main, so
 * they fire while the window is hidden or the session locked. Firing disarms the alert and logs it in one
 * transaction; the price back on the other side arms it again: once per crossing, across restarts (the state is in
 * the profile database, and the in-memory copy is only a cache of it).
 */
export class AlertService {
  private alerts: AlertDbRow[] = [];
  /** Batches are checked one after another, in arrival order, so two ticks never both fire one crossing. */
  private queue: Promise<void>;
  private closed = false;

  constructor(private readonly d: AlertDeps) {
    this.queue = this.reload();
  }

  /** Resolves once the stored alerts are loaded. */
  ready(): Promise<void> {
    return this.queue;
  }

  close(): void {
    this.closed = true;
  }

  async list(): Promise<AlertView[]> {
    await this.queue;
    return this.alerts.map(alertView);
  }

  async create(r: { symbol: string; kind: AlertKind; threshold: string; idempotencyKey: string }): Promise<AlertView> {
    if (r.kind === 'move' && Dec.of(r.threshold).gte(1000)) throw new AppError('INVALID_INPUT', 'A daily move is a percentage below 1000.', { field: 'threshold' });
    const view = await this.d.store.writer.write((db) =>
      withIdempotency(db, 'alerts:create', r, this.iso(), () => {
        if (!knownSymbol(db, r.symbol)) throw new AppError('INVALID_INPUT', `${r.symbol} is neither an instrument of the catalogue nor a pair of two currencies.`, { field: 'symbol' });
        if (listAlerts(db).length >= MAX_ALERTS) throw new AppError('INVALID_INPUT', `At most ${MAX_ALERTS} alerts.`);
        const row = { id: randomUUID(), symbol: r.symbol, kind: r.kind, threshold: r.threshold, createdAt: this.iso() };
        insertAlert(db, row);
        return alertView({ id: row.id, symbol: row.symbol, kind: row.kind, threshold: row.threshold, armed: 1, created_at: row.createdAt, last_fired_at: null });
      }),
    );
    await this.enqueue(() => this.reload());
    this.d.symbolsChanged();
    return view;
  }

  async delete(id: string): Promise<{ deleted: boolean }> {
    const deleted = await this.d.store.writer.write((db) => deleteAlert(db, id));
    await this.enqueue(() => this.reload());
    if (deleted) this.d.symbolsChanged();
    return { deleted };
  }

  async history(limit = 100): Promise<AlertFired[]> {
    return this.d.store.writer.read((db) => alertHistory(db, limit).map(firedView));
  }

  /** A batch of live prices (also stale flips): checks every alert on their symbols. */
  onPrices(prices: readonly PriceView[]): Promise<void> {
    return this.enqueue(() => this.check(prices));
  }

  private enqueue(work: () => Promise<void>): Promise<void> {
    const next = this.queue.then(work, work);
    this.queue = next.catch((err) => this.d.logError('alerts: check failed', err));
    return next;
  }

  private async reload(): Promise<void> {
    this.alerts = await this.d.store.writer.read((db) => listAlerts(db));
  }

  private async check(prices: readonly PriceView[]): Promise<void> {
    for (const p of prices) {
      if (this.closed || p.price === null) continue;
      for (const a of this.alerts) {
        if (a.symbol !== p.symbol) continue;
        const reference = a.kind === 'move' ? ((await this.d.reference(a.symbol)) ?? null) : null;
        const action = step(a.armed === 1, meets(a.kind, a.threshold, p.price, reference));
        if (action === 'rearm') {
          await this.d.store.writer.write((db) => rearmAlert(db, a.id));
          a.armed = 1;
        } else if (action === 'fire') {
          const firedAt = this.iso();
          const event = { alert_id: a.id, symbol: a.symbol, kind: a.kind, threshold: a.threshold, price: p.price, reference, ts: p.ts ?? this.d.now(), fired_at: firedAt, message: describe(a, p.price, reference, p.currency, p.simulated) };
          const id = await this.d.store.writer.write((db) => recordFiring(db, event));
          a.armed = 0;
          a.last_fired_at = firedAt;
          if (id === null) continue;
          const fired = firedView({ id, ...event });
          this.d.events.emit('alerts:fired', fired);
          try {
            this.d.notify(fired);
          } catch (err) {
            this.d.logError('alerts: notification failed', err);
          }
        }
      }
    }
  }

  private iso(): string {
    return new Date(this.d.now()).toISOString();
  }
}

/** An instrument of the catalogue, or a pair of two currencies (ISO 4217 or the catalogue's own). */
function knownSymbol(db: ReadDb, symbol: string): boolean {
  if (instrumentBySymbol(db, symbol)) return true;
  const [a, b, more] = symbol.split('-');
  return !!a && !!b && more === undefined && a !== b && [a, b].every((c) => findCurrency(c) !== undefined);
}

/** The notification's words: what crossed what, at which price. */
export function describe(a: { symbol: string; kind: AlertKind; threshold: string }, price: string, reference: string | null, currency: string, simulated: boolean): string {
  const sim = simulated ? ' (simulated price)' : '';
  if (a.kind === 'above') return `${a.symbol} is at ${price} ${currency}, at or above ${a.threshold}${sim}.`;
  if (a.kind === 'below') return `${a.symbol} is at ${price} ${currency}, at or below ${a.threshold}${sim}.`;
  const move = reference === null ? '' : movePercent(price, reference).round(2).toFixed(2);
  return `${a.symbol} moved ${move.startsWith('-') ? move : `+${move}`} % today (${price} ${currency} against ${reference} at the last close), beyond ${a.threshold} %${sim}.`;
}
