import type { WriteDb } from '../store/writer.js';
import type { ActivityRecordRequest, ImportReport } from '../../shared/contract/index.js';
import { AppError } from '../../shared/errors.js';
import { Dec } from '../../shared/decimal/index.js';
import { minusAtScale, plusAtScale, toMoneyString } from '../../shared/money.js';
import type { ActivityService } from '../activities/service.js';
import type { BulkRecorder } from '../ledger/bulk.js';
import { isCorporateRequest, recordCorporateAction } from '../ledger/corporate.js';
import { transferUnits } from '../ledger/units-transfer.js';
import { recordImportedFill, type ImportedFill } from '../orders/booking.js';
import { statements } from '../store/statements.js';
import { MAX_ERRORS, type Parsed } from './reading.js';
import { InstrumentResolver } from './instruments.js';
import { ImportAccounts } from './accounts.js';
import type { Candidate, UnitsLegRequest } from './candidate.js';
import { CHECK_SQL } from './repo.js';
import { markPairs, pairByShape, transferPairs } from './transfer-pairs.js';

/** Where the rows go: the account given for rows that name none, and the method of an account the file makes. */
export interface ImportTarget {
  accountId?: string | undefined;
  costMethod: string;
  /** When the import runs (an account it makes is created then). */
  at: string;
}


/** Rows shown in the preview. */
const SAMPLE = 50;
/** Rows per turn of the event loop while checking and writing. */
const CHUNK = 1000;

/**
 * Records every candidate through one BulkRecorder: each row exactly as ActivityService.recordIn would record it,
 * but with the catalogue, wallets and positions held for the whole file. A refused row writes nothing (its moves
 * are checked first), so every error of the file is found in this one pass, each against a true state. Runs inside
 * the caller's transaction; whether it is kept is the caller's decision.
 */
export async function checkRows(db: WriteDb, parsed: Parsed, activities: ActivityService, target: ImportTarget, signal: AbortSignal, onProgress: (rows: number) => void): Promise<ImportReport> {
  const sql = statements(db, CHECK_SQL);
  const bulk = activities.bulk(db);
  const accounts = new ImportAccounts(db, ImportAccounts.given(db, target.accountId), target.at, target.costMethod);
  const errors = [...parsed.errors];
  let errorCount = parsed.errorCount;
  let fresh = 0;
  let duplicates = 0;
  const sample: ImportReport['sample'] = [];
  // Into a profile without activities, a row is a duplicate only of an earlier row of the same file. The rows of
  // this file are looked up in `written`, not the table: the recorder writes them in batches.
  const empty = sql.any.get() === undefined;
  const written = new Set<string>();
  const instruments = new InstrumentResolver(db, parsed.aliases);
  let otherCurrencyFigures = 0;
  // Legs of transfers between accounts (Bourse's own file): paired before anything is written, marked after. A file
  // from before the transferWith column has its cash pairs recognised by their shape where that is safe.
  const pairedByShape = parsed.format === 'bourse' && !parsed.transferColumn ? pairByShape(parsed.candidates, (ref) => accounts.tryOf(ref)) : 0;
  const transfers = transferPairs(parsed.candidates);
  // The transfer-out leg of a securities transfer, held until its transfer-in (the next row) records both.
  let pendingOut: { c: Candidate; fresh: boolean } | null = null;
  const present = new Set<string>();
  const addError = (e: ImportReport['errors'][number]) => {
    errorCount += 1;
    if (errors.length < MAX_ERRORS) errors.push(e);
  };
  transfers.errors.forEach(addError);
  for (let i = 0; i < parsed.candidates.length; i++) {
    if (i % CHUNK === 0 && i > 0) {
      onProgress(i);
      await new Promise((resolve) => setImmediate(resolve));
      signal.throwIfAborted();
    }
    const c = parsed.candidates[i]!;
    const duplicate = written.has(c.options.id) || (!empty && sql.exists.get(c.options.id) !== undefined);
    if (duplicate && c.transferWith !== undefined) present.add(c.options.id);
    const req = c.req;
    if (req.type === 'transfer-out' || req.type === 'transfer-in') {
      // A securities transfer is recorded whole, at its transfer-in (a leg transferPairs refused is left out).
      if (duplicate) duplicates += 1;
      if (req.type === 'transfer-out') pendingOut = transfers.units.has(c.options.id) ? { c, fresh: !duplicate } : null;
      else if (pendingOut && pendingOut.c.transferWith === c.options.id) {
        const out = pendingOut;
        pendingOut = null;
        try {
          if (out.fresh !== !duplicate) throw new AppError('INVALID_INPUT', 'transferWith: the other leg of this transfer is already in the profile and this one is not.', { field: 'transferWith' });
          if (out.fresh) {
            recordUnitsTransfer(db, bulk, accounts, out.c, c);
            written.add(out.c.options.id);
            written.add(c.options.id);
            fresh += 2;
          }
        } catch (err) {
          if (!(err instanceof AppError)) throw err;
          addError({ line: out.c.line, field: typeof err.details?.field === 'string' ? err.details.field : null, code: err.code, message: `Line ${out.c.line}: ${err.message}` });
        }
      }
    } else if (duplicate) duplicates += 1;
    else {
      // Not a units leg (the branch above): a request activity:record takes.
      const req = c.req as ActivityRecordRequest;
      try {
        if (c.ref && !settleInstrument(c, instruments)) throw new AppError('NOT_FOUND', `${c.ref.reference} is not an instrument of your catalogue.`, { symbol: c.ref.reference, field: 'instrument' });
        if (c.otherCurrency) otherCurrencyFigures += 1;
        bulk.checkDate(req.date);
        if (isCorporateRequest(req)) {
          // One row for every account holding the instrument, through the rule activity:record uses.
          bulk.settled(() => recordCorporateAction(db, req, c.options.at, c.options.id));
        } else {
          const accountId = accounts.of(c.account);
          const order = c.fill && !sql.orderExists.get(c.fill.orderId) ? orderOf(db, c, accountId) : null;
          const plan = bulk.plan(req, c.options.at, c.options);
          plan.accountId = accountId;
          bulk.apply(plan, order ? () => recordImportedFill(db, order) : undefined);
        }
        written.add(c.options.id);
        fresh += 1;
      } catch (err) {
        if (!(err instanceof AppError)) throw err;
        addError({ line: c.line, field: typeof err.details?.field === 'string' ? err.details.field : null, code: err.code, message: `Line ${c.line}: ${err.message}` });
      }
    }
    if (sample.length < SAMPLE) sample.push(view(c, duplicate, db));
  }
  bulk.finish();
  if (transfers.pairs.length) {
    const lines = new Map(parsed.candidates.filter((c) => c.transferWith !== undefined).map((c) => [c.options.id, c.line]));
    markPairs(db, transfers.pairs, written, present, (id) => lines.get(id) ?? 0).forEach(addError);
  }
  errors.sort((a, b) => a.line - b.line);
  return {
    format: parsed.format,
    rows: parsed.rows,
    fresh,
    duplicates,
    errorCount,
    errors: errors.slice(0, MAX_ERRORS),
    sample,
    widened: parsed.widened,
    skipped: [...parsed.skipped].map(([type, rows]) => ({ type, rows })),
    unknownInstruments: instruments.unknowns(),
    otherCurrencyFigures,
    newAccounts: accounts.created,
    pairedByShape,
  };
}

/**
 * A securities transfer of Bourse's file (its transfer-out row and the transfer-in right after it), recorded by the
 * ledger's one rule for it (main/ledger/units-transfer.ts) with the rows' ids, instant and accounts.
 */
function recordUnitsTransfer(db: WriteDb, bulk: BulkRecorder, accounts: ImportAccounts, out: Candidate, into: Candidate): void {
  const o = out.req as UnitsLegRequest;
  const i = into.req as UnitsLegRequest;
  if (i.symbol !== o.symbol || Dec.of(i.quantity).cmp(o.quantity) !== 0) throw new AppError('INVALID_INPUT', "transferWith: a transfer's two legs move the same units.", { field: 'transferWith' });
  bulk.checkDate(o.date);
  const fromAccountId = accounts.of(out.account);
  const toAccountId = accounts.of(into.account);
  if (fromAccountId === toAccountId) throw new AppError('INVALID_INPUT', 'A transfer moves units between two different accounts.', { field: 'accountName' });
  const zero = toMoneyString('0', bulk.currency(o.currency).minorUnit);
  bulk.settled(() =>
    transferUnits(
      db,
      { fromAccountId, toAccountId, symbol: o.symbol, quantity: Dec.of(o.quantity).toFixed(), currency: o.currency, zero, date: o.date, note: o.note?.trim() || null, at: out.options.at },
      { outId: out.options.id, inId: into.options.id },
    ),
  );
}

/**
 * Puts the catalogue's symbol into a broker row, and keeps the row's total and fee only when they are in the
 * instrument's currency (a broker that books a USD share in the account's EUR gives figures the trade cannot use;
 * the trade's cash then comes from its price and quantity). False when the instrument is unknown.
 */
function settleInstrument(c: Candidate, instruments: InstrumentResolver): boolean {
  const found = instruments.resolve(c.ref!, c.line);
  if (!found) return false;
  const req = c.req as { type: string; symbol?: string; fee?: string };
  req.symbol = found.symbol;
  if (c.trade) {
    if (c.trade.totalCurrency && c.trade.totalCurrency !== found.quote && c.options.total !== undefined) {
      delete c.options.total;
      c.otherCurrency = true;
    }
    if (c.trade.feeCurrency && c.trade.feeCurrency !== found.quote && req.fee !== undefined) {
      delete req.fee;
      c.otherCurrency = true;
    }
  }
  return true;
}

/** An imported fill's order, as a filled market order, so the fill keeps its order id and the Orders page lists it. */
function orderOf(db: WriteDb, c: Candidate, accountId: string): ImportedFill {
  const sql = statements(db, CHECK_SQL);
  const f = c.fill!;
  const inst = sql.instrument.get(f.symbol) as { asset_class: string } | undefined;
  if (!inst) throw new AppError('NOT_FOUND', `${f.symbol} is not an instrument of your catalogue.`, { symbol: f.symbol, field: 'instrument' });
  const currency = (sql.quote.get(f.symbol) as { quote_currency: string }).quote_currency;
  const gross = f.side === 'buy' ? minusAtScale(f.total, f.fee) : plusAtScale(f.total, f.fee);
  return { orderId: f.orderId, activityId: c.options.id, symbol: f.symbol, side: f.side, quantity: f.quantity, price: f.price, fee: f.fee, total: f.total, assetClass: inst.asset_class, currency, gross, at: c.options.at, accountId };
}

/** A row as the preview shows it. */
function view(c: Candidate, duplicate: boolean, db: WriteDb): ImportReport['sample'][number] {
  const r = c.req;
  if (r.type === 'transfer-out' || r.type === 'transfer-in' || isCorporateRequest(r as ActivityRecordRequest)) return corporateView(c, duplicate);
  const trade = r.type === 'buy' || r.type === 'sell';
  let currency: string;
  let amount: string;
  if (r.type === 'fx-exchange') {
    currency = r.fromCurrency;
    amount = r.fromAmount;
  } else if (r.type === 'buy' || r.type === 'sell') {
    currency = (statements(db, CHECK_SQL).quote.get(r.symbol) as { quote_currency: string } | undefined)?.quote_currency ?? c.ref?.currency ?? '';
    amount = c.options.total ?? Dec.of(r.quantity).times(r.price).toFixed();
  } else {
    const cash = r as { currency: string; amount: string };
    currency = cash.currency;
    amount = cash.amount;
  }
  return {
    line: c.line,
    date: r.date,
    type: r.type,
    symbol: trade || r.type === 'dividend' ? (r.symbol ?? null) : null,
    quantity: trade ? r.quantity : null,
    price: trade ? r.price : null,
    currency,
    amount,
    fee: trade ? (r.fee ?? null) : null,
    note: r.note ?? null,
    duplicate,
  };
}

/** A corporate action or a leg of a securities transfer as the preview shows it: units, no cash. */
function corporateView(c: Candidate, duplicate: boolean): ImportReport['sample'][number] {
  const r = c.req as UnitsLegRequest | Extract<ActivityRecordRequest, { type: 'split' | 'stock-dividend' | 'symbol-change' }>;
  const units = r.type === 'transfer-out' || r.type === 'transfer-in';
  return {
    line: c.line,
    date: r.date,
    type: r.type,
    symbol: r.symbol,
    quantity: units ? r.quantity : null,
    price: null,
    currency: units ? r.currency : '',
    amount: '0',
    fee: null,
    note: r.note ?? null,
    duplicate,
  };
}
