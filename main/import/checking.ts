import { DEFAULT_ACCOUNT_ID } from '../store/migrations/profile-011-accounts.js';
import type { WriteDb } from '../store/writer.js';
import type { ImportReport } from '../../shared/contract/index.js';
import { AppError } from '../../shared/errors.js';
import { Dec } from '../../shared/decimal/index.js';
import { minusAtScale, plusAtScale } from '../../shared/money.js';
import type { ActivityService } from '../activities/service.js';
import { recordImportedFill, type ImportedFill } from '../orders/booking.js';
import { statements } from '../store/statements.js';
import { MAX_ERRORS, type Parsed } from './reading.js';
import { InstrumentResolver } from './instruments.js';
import type { Candidate } from './candidate.js';
import { CHECK_SQL } from './repo.js';
import { markPairs, transferPairs } from './transfer-pairs.js';


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
export async function checkRows(db: WriteDb, parsed: Parsed, activities: ActivityService, signal: AbortSignal, onProgress: (rows: number) => void): Promise<ImportReport> {
  const sql = statements(db, CHECK_SQL);
  const bulk = activities.bulk(db);
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
  // Legs of transfers between accounts (Bourse's own file): paired before anything is written, marked after.
  const transfers = transferPairs(parsed.candidates);
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
    if (duplicate) duplicates += 1;
    else {
      try {
        if (c.ref && !settleInstrument(c, instruments)) throw new AppError('NOT_FOUND', `${c.ref.reference} is not an instrument of your catalogue.`, { symbol: c.ref.reference, field: 'instrument' });
        if (c.otherCurrency) otherCurrencyFigures += 1;
        bulk.checkDate(c.req.date);
        const order = c.fill && !sql.orderExists.get(c.fill.orderId) ? orderOf(db, c) : null;
        bulk.apply(bulk.plan(c.req, c.options.at, c.options), order ? () => recordImportedFill(db, order) : undefined);
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
  };
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
function orderOf(db: WriteDb, c: Candidate): ImportedFill {
  const sql = statements(db, CHECK_SQL);
  const f = c.fill!;
  const inst = sql.instrument.get(f.symbol) as { asset_class: string } | undefined;
  if (!inst) throw new AppError('NOT_FOUND', `${f.symbol} is not an instrument of your catalogue.`, { symbol: f.symbol, field: 'instrument' });
  const currency = (sql.quote.get(f.symbol) as { quote_currency: string }).quote_currency;
  const gross = f.side === 'buy' ? minusAtScale(f.total, f.fee) : plusAtScale(f.total, f.fee);
  return { orderId: f.orderId, activityId: c.options.id, symbol: f.symbol, side: f.side, quantity: f.quantity, price: f.price, fee: f.fee, total: f.total, assetClass: inst.asset_class, currency, gross, at: c.options.at, accountId: ('accountId' in c.req && c.req.accountId) || DEFAULT_ACCOUNT_ID };
}

/** A row as the preview shows it. */
function view(c: Candidate, duplicate: boolean, db: WriteDb): ImportReport['sample'][number] {
  const r = c.req;
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
