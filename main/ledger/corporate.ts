import type { ActivityRecordRequest } from '../../shared/contract/index.js';
import { AppError } from '../../shared/errors.js';
import { Dec } from '../../shared/decimal/index.js';
import { LotBook, type LotEvent } from '../../shared/lots/index.js';
import { newRowId } from '../store/ids.js';
import { DEFAULT_ACCOUNT_ID } from '../store/migrations/profile-011-accounts.js';
import { statements } from '../store/statements.js';
import type { WriteDb } from '../store/writer.js';
import { insertActivity } from './activity-log.js';
import { LOT_EVENT_ORDER, LOT_EVENT_TYPES, toLotEvents, type LotEventRow } from './lot-events.js';
import { LEDGER_SQL } from './repo.js';

export type CorporateRequest = Extract<ActivityRecordRequest, { type: 'split' | 'stock-dividend' | 'symbol-change' }>;

export function isCorporateRequest(req: ActivityRecordRequest): req is CorporateRequest {
  return req.type === 'split' || req.type === 'stock-dividend' || req.type === 'symbol-change';
}

const SQL = {
  instrument: 'SELECT quote_currency FROM instruments WHERE symbol = ?',
  events: `SELECT id, type, date, symbol, quantity, price, fee, currency, to_currency, account_id FROM activities
    WHERE type IN (${LOT_EVENT_TYPES}) AND (symbol IN (?, ?) OR (type = 'symbol-change' AND to_currency IN (?, ?)))
    ORDER BY ${LOT_EVENT_ORDER}`,
  positions: 'SELECT account_id, symbol, quantity, reserved FROM positions WHERE symbol IN (?, ?)',
};

interface PositionOf {
  account_id: string;
  symbol: string;
  quantity: string;
  reserved: string;
}

/**
 * Records a corporate action (docs/design.md#corporate-actions) in the caller's transaction: its activity row and
 * the units of every account holding the instrument. A split or stock dividend changes units, never cost, and
 * realizes nothing; it takes effect at the start of its date, so trades dated that day or later, recorded before it,
 * are already in the new units. A symbol change moves the positions to the new symbol.
 *
 * The change of each account's units is what the lots engine's replay of the instrument's log gives with the action
 * minus without it, so an action dated in the past leaves later trades as recorded. Refused before anything is
 * written: an unknown instrument (NOT_FOUND), a ratio of 1 or zero (INVALID_INPUT), units reserved by an open sell
 * order (IN_USE: the order was placed in the old units), a log the action would make impossible (a later sell of
 * more than a reverse split leaves: INSUFFICIENT_HOLDING), a new symbol already held (INVALID_INPUT).
 */
export function recordCorporateAction(db: WriteDb, req: CorporateRequest, at: string, id: string = newRowId()): string {
  const sql = statements(db, SQL);
  const inst = sql.instrument.get(req.symbol) as { quote_currency: string } | undefined;
  if (!inst) throw new AppError('NOT_FOUND', `${req.symbol} is not an instrument of your catalogue.`, { symbol: req.symbol });
  const other = req.type === 'symbol-change' ? req.newSymbol : req.symbol;
  if (req.type === 'symbol-change') {
    if (req.newSymbol === req.symbol) throw new AppError('INVALID_INPUT', 'A symbol change needs a new symbol.', { symbol: req.symbol });
    if (!sql.instrument.get(req.newSymbol)) throw new AppError('NOT_FOUND', `${req.newSymbol} is not an instrument of your catalogue: add it first.`, { symbol: req.newSymbol });
  } else {
    const n = Dec.of(req.numerator);
    const d = Dec.of(req.denominator);
    if (!n.isPos() || !d.isPos()) throw new AppError('INVALID_INPUT', 'Both terms of the ratio must be above zero.', { numerator: req.numerator, denominator: req.denominator });
    if (req.type === 'split' && n.eq(d)) throw new AppError('INVALID_INPUT', 'A split of 1 for 1 changes nothing.', { numerator: req.numerator, denominator: req.denominator });
  }

  const positions = sql.positions.all(req.symbol, other) as PositionOf[];
  const busy = positions.find((p) => !Dec.of(p.reserved).isZero());
  if (busy) {
    throw new AppError('IN_USE', `${busy.symbol} has units on sale in an open order: cancel it first.`, { symbol: busy.symbol, accountId: busy.account_id, reserved: busy.reserved });
  }

  const rows = sql.events.all(req.symbol, other, req.symbol, other) as LotEventRow[];
  const events = toLotEvents(rows);
  const action = eventOf(req, id);
  const before = replay(events);
  const after = replay(insertAtDate(events, action));

  insertActivity(db, activityOf(req, inst.quote_currency, at), id, DEFAULT_ACCOUNT_ID);
  const upsert = statements(db, LEDGER_SQL).upsertPosition;
  const held = new Map(positions.map((p) => [`${p.account_id}\u0000${p.symbol}`, p]));
  const accounts = new Set([...positions.map((p) => p.account_id), ...rows.map((r) => r.account_id)]);
  for (const account of accounts) {
    for (const symbol of new Set([req.symbol, other])) {
      const delta = after.quantity(account, symbol).minus(before.quantity(account, symbol));
      if (delta.isZero()) continue;
      const now = Dec.of(held.get(`${account}\u0000${symbol}`)?.quantity ?? '0').plus(delta);
      if (now.isNeg()) throw new AppError('INSUFFICIENT_HOLDING', `The ${req.type} would leave ${symbol} below zero.`, { symbol, accountId: account });
      // A position emptied stays as a zero row, as a sell of everything leaves it.
      upsert.run(account, symbol, now.toFixed(), '0', at);
    }
  }
  return id;
}

function eventOf(req: CorporateRequest, id: string): LotEvent {
  if (req.type === 'symbol-change') return { kind: 'symbol-change', id, symbol: req.symbol, date: req.date, newSymbol: req.newSymbol };
  return { kind: req.type, id, symbol: req.symbol, date: req.date, numerator: req.numerator, denominator: req.denominator };
}

/** The log with `action` before the first event dated on or after its date (effective at the start of the day). */
function insertAtDate(events: LotEvent[], action: LotEvent): LotEvent[] {
  let i = 0;
  while (i < events.length && events[i]!.date < action.date) i++;
  // Corporate actions already recorded for that day stay before it.
  while (i < events.length && events[i]!.date === action.date && isCorporate(events[i]!)) i++;
  return [...events.slice(0, i), action, ...events.slice(i)];
}

const isCorporate = (e: LotEvent) => e.kind === 'split' || e.kind === 'stock-dividend' || e.kind === 'symbol-change';

/** Units only: every account's method gives the same quantities, so the default one serves. */
function replay(events: readonly LotEvent[]): LotBook {
  const book = new LotBook();
  for (const e of events) book.apply(e);
  return book;
}

function activityOf(req: CorporateRequest, currency: string, at: string) {
  const note = req.note?.trim() ? req.note.trim() : null;
  const ratio = req.type === 'symbol-change' ? null : { quantity: Dec.of(req.numerator).toFixed(), price: Dec.of(req.denominator).toFixed() };
  return {
    type: req.type,
    date: req.date,
    symbol: req.symbol,
    quantity: ratio?.quantity ?? null,
    price: ratio?.price ?? null,
    fee: null,
    currency,
    amount: '0',
    toCurrency: req.type === 'symbol-change' ? req.newSymbol : null,
    toAmount: null,
    orderId: null,
    source: 'manual' as const,
    note,
    at,
  };
}
