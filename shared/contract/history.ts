import { z } from 'zod';
import { ActivityType, CalendarDate } from './activities.js';
import { InstrumentSymbol } from './catalogue.js';
import { AccountId, CurrencyCode, Empty, IdempotencyKey } from './common.js';

/**
 * History, export and import (docs/design.md#history-export-and-import). The history is the activity log: every fill of
 * an order (with its order id), every wallet deposit and withdrawal, every recorded outside activity, each with the
 * balance it left in its wallet and its value in the base currency at the FX rate of its own date.
 */
export const HistoryFilter = z.strictObject({
  from: CalendarDate.optional(),
  to: CalendarDate.optional(),
  types: z.array(ActivityType).max(ActivityType.options.length).optional(),
  symbol: InstrumentSymbol.optional(),
  /** Entries that moved this currency: the paying side of any entry, or the received side of an exchange. */
  currency: CurrencyCode.optional(),
  /** Case-insensitive substring of the note. */
  search: z.string().max(100).optional(),
  /** Entries of this account only (with accountIds: of any of them); every account when both are absent. */
  accountId: AccountId.optional(),
  accountIds: z.array(AccountId).max(50).optional(),
  /** Only the legs of transfers between two accounts of the profile (cash and units), known by their marker. */
  transfers: z.boolean().optional(),
});
export type HistoryFilter = z.infer<typeof HistoryFilter>;

/** Columns the list can be sorted by (each one indexed). Ties are broken by date, then by the order entries were made. */
export const HistorySortColumn = z.enum(['date', 'type', 'instrument', 'quantity', 'price', 'currency', 'amount', 'fee', 'note']);
export type HistorySortColumn = z.infer<typeof HistorySortColumn>;

export const HistorySort = z.strictObject({ column: HistorySortColumn, direction: z.enum(['asc', 'desc']) });
export type HistorySort = z.infer<typeof HistorySort>;

export const HistoryEntry = z.object({
  id: z.string(),
  date: z.string(),
  type: ActivityType,
  symbol: z.string().nullable(),
  quantity: z.string().nullable(),
  price: z.string().nullable(),
  /** The wallet the entry moved (the paying side of an exchange). */
  currency: z.string(),
  /** Signed change of that wallet. */
  amount: z.string(),
  fee: z.string().nullable(),
  toCurrency: z.string().nullable(),
  toAmount: z.string().nullable(),
  /** That wallet's balance right after the entry. */
  balanceAfter: z.string().nullable(),
  /** Units of the base currency per unit of `currency` on the entry's date: the last stored on or before it (null: none). */
  fxRate: z.string().nullable(),
  /** The date `fxRate` was published (the entry's own date or earlier, never later). */
  fxDate: z.string().nullable(),
  /** `amount` in the base currency at that rate, half-even at the base currency's minor unit. */
  baseAmount: z.string().nullable(),
  orderId: z.string().nullable(),
  source: z.enum(['order', 'wallet', 'manual']),
  note: z.string().nullable(),
  createdAt: z.string(),
  /** The account the entry belongs to. */
  accountId: z.string(),
  /** A leg of a transfer between two accounts of the profile: where it came from and went to (as on activity:list). */
  transfer: z.object({ fromAccountId: z.string(), toAccountId: z.string() }).optional(),
});
export type HistoryEntry = z.infer<typeof HistoryEntry>;

export const HistorySummary = z.object({
  entries: z.number(),
  baseCurrency: z.string(),
  /** Everything that came into wallets (deposits, sales, dividends, interest, an exchange's received side). */
  in: z.string(),
  /** Everything that left them, as a positive figure (withdrawals, purchases, fees, an exchange's paid side). */
  out: z.string(),
  /** Trading fees and fee entries (already part of `out`). */
  fees: z.string(),
  net: z.string(),
  /**
   * Entries that are legs of a transfer between two of the accounts shown (all accounts when the filter names none):
   * counted in `entries`, in neither `in` nor `out` (money that stayed in the accounts shown). A leg whose other leg
   * is in an account not shown is a flow in or out, like a deposit or a withdrawal.
   */
  transfers: z.number(),
  /** Entries left out of the totals because no FX rate is stored on or before their date. */
  unconverted: z.object({ entries: z.number(), currencies: z.array(z.string()) }),
  /**
   * Entries valued at the last rate stored before their date because none was published within the lookback (ten days)
   * of it, one item per currency and rate date, oldest rate first (docs/design.md#fx-rates).
   */
  carried: z.array(z.object({ currency: z.string(), rateDate: z.string(), entries: z.number() })),
  firstDate: z.string().nullable(),
  lastDate: z.string().nullable(),
});
export type HistorySummary = z.infer<typeof HistorySummary>;

export const ExportFormat = z.enum(['csv', 'json']);

export const ExportProgress = z.object({
  id: z.string(),
  state: z.enum(['running', 'done', 'cancelled', 'failed']),
  format: ExportFormat,
  rows: z.number(),
  /** Entries to write (known when the export starts). */
  total: z.number(),
  bytes: z.number(),
  fileName: z.string(),
  /** Desktop: where the file was saved. */
  path: z.string().nullable(),
  /** Browser host: a one-time download address for the finished file. */
  downloadUrl: z.string().nullable(),
  error: z.string().nullable(),
});
export type ExportProgress = z.infer<typeof ExportProgress>;

/** A file main holds for an import or a restore: picked in main's own dialog (desktop) or uploaded (browser host). */
export const FileRef = z.object({ fileId: z.string(), name: z.string(), bytes: z.number() });
export type FileRef = z.infer<typeof FileRef>;

const FileId = z.string().regex(/^[A-Za-z0-9_-]{16,64}$/);

export const ImportField = z.enum(['date', 'type', 'instrument', 'quantity', 'price', 'currency', 'amount', 'fee', 'note', 'toCurrency', 'toAmount', 'externalId', 'isin', 'instrumentName']);
export type ImportField = z.infer<typeof ImportField>;

const Header = z.string().min(1).max(200);
const Synonyms = z.array(z.string().trim().min(1).max(60)).max(20);

/** How a broker's CSV maps onto activities. Saved by name as a preset. */
export const ImportMapping = z.strictObject({
  /** File header for each field; absent = not in the file. */
  columns: z.strictObject(Object.fromEntries(ImportField.options.map((f) => [f, Header.optional()])) as Record<ImportField, z.ZodOptional<typeof Header>>),
  /** The order of day, month and year; `-`, `/` and `.` are read alike, and a year-first or compact date in any. */
  dateFormat: z.enum(['YYYY-MM-DD', 'DD.MM.YYYY', 'DD/MM/YYYY', 'MM/DD/YYYY', 'DD-MM-YYYY', 'YYYY/MM/DD', 'D.M.YYYY', 'M/D/YYYY', 'YYYYMMDD']),
  decimalSeparator: z.enum(['.', ',']),
  /** '' none; ' ' also accepts no-break and narrow no-break spaces; "'" also the typographic ’. */
  thousandsSeparator: z.enum(['', ',', '.', ' ', "'"]),
  delimiter: z.enum([',', ';', '\t', '|']),
  encoding: z.enum(['utf-8', 'windows-1252']),
  /** Currency of rows without a currency column (trades default to the instrument's quote currency). */
  defaultCurrency: CurrencyCode.optional(),
  /** Without a type column: a positive amount is a deposit, a negative one a withdrawal. */
  typeFromSign: z.boolean().optional(),
  /** The broker's words for each type, on top of the built-in ones (BUY, Kauf, Achat, …). */
  typeValues: z.strictObject(Object.fromEntries(ActivityType.options.map((t) => [t, Synonyms.optional()])) as Record<z.infer<typeof ActivityType>, z.ZodOptional<typeof Synonyms>>).optional(),
  /** The line of the header when a preamble (title, account lines) comes before it; lines above it are skipped. */
  headerLine: z.number().int().min(1).max(10_000).optional(),
  /** The broker format this mapping was made for (a BrokerFormat id, see `import:inspect`), for display only. */
  preset: z.string().max(40).optional(),
  /**
   * Type words of rows that are not activities Bourse records (splits, transfers between the broker's own
   * accounts): such rows are skipped and counted in the preview. A word ending in `*` matches every type it starts.
   */
  skipTypes: z.array(z.string().trim().min(1).max(80)).max(40).optional(),
  /** A deposit or withdrawal word with a negative amount is a withdrawal, with a positive one a deposit. */
  signedCash: z.boolean().optional(),
  /** Without a type column, a negative quantity is a sale and a positive one a purchase. */
  sideFromQuantity: z.boolean().optional(),
  /** Numbers carry a currency sign or code ("$85.11", "-€3.20", "0.5BTC", "USD 12"): it is read as that value's currency. */
  valuesWithUnits: z.boolean().optional(),
  /** The file's instrument references (ticker or ISIN) the user matched to catalogue symbols. */
  instruments: z.record(z.string().min(1).max(40), InstrumentSymbol).refine((o) => Object.keys(o).length <= 500).optional(),
});
export type ImportMapping = z.infer<typeof ImportMapping>;

export const ImportPreset = z.object({ name: z.string(), mapping: ImportMapping, updatedAt: z.string() });
export type ImportPreset = z.infer<typeof ImportPreset>;

/** A broker export recognised from its header. */
export const BrokerFormat = z.object({ id: z.string(), label: z.string() });
export type BrokerFormat = z.infer<typeof BrokerFormat>;

export const ImportInspection = z.object({
  file: FileRef,
  /** The broker export the header matches (its mapping is the suggestion), or null. */
  broker: BrokerFormat.nullable().optional(),
  /** How the suggested date format was chosen: a value of the file that settles the order, or null (the locale's). */
  dateEvidence: z.string().nullable().optional(),
  /** 'bourse': Bourse's own export (no mapping needed); 'generic': a broker CSV to map. */
  format: z.enum(['bourse', 'generic']),
  headers: z.array(z.string()),
  /** The first records under the header, as text, to help the mapping. */
  sample: z.array(z.array(z.string())),
  /** Defaults: delimiter and encoding detected, formats from the locale, columns guessed from header names. */
  suggested: ImportMapping,
});

export const ImportIssue = z.object({
  /** 1-based line of the file where the record starts. */
  line: z.number(),
  field: z.string().nullable(),
  code: z.string(),
  message: z.string(),
});
export type ImportIssue = z.infer<typeof ImportIssue>;

export const ImportRowView = z.object({
  line: z.number(),
  date: z.string(),
  type: ActivityType,
  symbol: z.string().nullable(),
  quantity: z.string().nullable(),
  price: z.string().nullable(),
  currency: z.string(),
  amount: z.string(),
  fee: z.string().nullable(),
  note: z.string().nullable(),
  duplicate: z.boolean(),
});

export const UnknownInstrument = z.object({
  /** What the rows name: a ticker, a crypto asset or pair, or an ISIN. */
  reference: z.string(),
  isin: z.string().nullable(),
  name: z.string().nullable(),
  /** The currency the rows are in, when the file says. */
  currency: z.string().nullable(),
  rows: z.number(),
  firstLine: z.number(),
});
export type UnknownInstrument = z.infer<typeof UnknownInstrument>;

export const ImportReport = z.object({
  format: z.enum(['bourse', 'generic']),
  rows: z.number(),
  /** Rows not in the profile yet (what an import would add). */
  fresh: z.number(),
  /** Rows already imported (or exported from this very profile): skipped, never doubled. */
  duplicates: z.number(),
  errorCount: z.number(),
  /** The first errors, in line order. */
  errors: z.array(ImportIssue),
  sample: z.array(ImportRowView),
  /** Lines with more fields than the header: read by the header's columns, the extra fields ignored. */
  widened: z.object({ lines: z.number(), firstLine: z.number() }).nullable().optional(),
  /** Rows of types Bourse does not record (the mapping's `skipTypes`), by type word. */
  skipped: z.array(z.object({ type: z.string(), rows: z.number() })).optional(),
  /** Instruments the file names that the catalogue does not know, with what the file says about them. */
  unknownInstruments: z.array(UnknownInstrument).optional(),
  /** Trades whose fee or total was in a currency other than the instrument's, recorded without that figure. */
  otherCurrencyFigures: z.number().optional(),
  /** Accounts the file names that the profile does not have: the import creates them (in its one transaction). */
  newAccounts: z.array(z.object({ name: z.string(), kind: z.string(), costMethod: z.string() })).optional(),
  /**
   * Cash transfers between accounts recognised by their rows' shape in a Bourse file made before the `transferWith`
   * column (a withdrawal and, next by `seq`, a deposit of the same instant, date, currency and amount in two accounts).
   */
  pairedByShape: z.number().optional(),
});
export type ImportReport = z.infer<typeof ImportReport>;

/**
 * `accountId`: where the rows of a file that names no account go (a broker's file; a Bourse file from before accounts);
 * the profile's default account when absent. A Bourse file's rows go to the accounts it names (created when missing).
 */
const ImportRequest = { fileId: FileId, mapping: ImportMapping.optional(), accountId: AccountId.optional() };

export const historyChannels = {
  'history:page': {
    auth: 'session',
    request: z.strictObject({
      filter: HistoryFilter,
      sort: HistorySort,
      offset: z.number().int().min(0).max(1_000_000_000),
      limit: z.number().int().min(1).max(500),
    }),
    response: z.object({ rows: z.array(HistoryEntry), offset: z.number(), baseCurrency: z.string() }),
  },
  'history:summary': { auth: 'session', request: z.strictObject({ filter: HistoryFilter }), response: HistorySummary },
  /** Instruments and currencies that occur in the history, for the filter pickers. */
  'history:facets': { auth: 'session', request: Empty, response: z.object({ symbols: z.array(z.string()), currencies: z.array(z.string()) }) },
  /**
   * Starts an export; progress arrives as `export:progress` events. On the desktop main first asks where to save
   * (its own dialog; `state: 'cancelled'` when the user closes it); the browser host ends with a download address.
   */
  'export:start': {
    auth: 'session',
    request: z.strictObject({ filter: HistoryFilter, sort: HistorySort, format: ExportFormat }),
    response: ExportProgress,
  },
  'export:cancel': { auth: 'session', request: z.strictObject({ id: z.string().min(1).max(64) }), response: z.object({ cancelled: z.boolean() }) },
  /** Desktop: main's open dialog picks a file (null when closed). The browser host uploads instead (POST /api/upload). */
  'files:pick': { auth: 'session', request: z.strictObject({ purpose: z.enum(['import', 'restore']) }), response: z.object({ file: FileRef.nullable() }) },
  'files:discard': { auth: 'session', request: z.strictObject({ fileId: FileId }), response: z.object({ discarded: z.boolean() }) },
  'import:inspect': { auth: 'session', request: z.strictObject({ fileId: FileId, encoding: z.enum(['utf-8', 'windows-1252']).optional() }), response: ImportInspection },
  /** Checks every row exactly as an import would (in a transaction that is rolled back) and reports. */
  'import:preview': { auth: 'session', request: z.strictObject(ImportRequest), response: ImportReport },
  /** All rows in one transaction, or none (IMPORT_REJECTED with the report in details). Duplicates are skipped. */
  'import:run': {
    auth: 'session',
    request: z.strictObject({ ...ImportRequest, idempotencyKey: IdempotencyKey }),
    response: z.object({ rows: z.number(), imported: z.number(), duplicates: z.number() }),
  },
  'import:cancel': { auth: 'session', request: z.strictObject({ fileId: FileId }), response: z.object({ cancelled: z.boolean() }) },
  'import:presets': { auth: 'session', request: Empty, response: z.array(ImportPreset) },
  'import:savePreset': { auth: 'session', request: z.strictObject({ name: z.string().trim().min(1).max(60), mapping: ImportMapping }), response: ImportPreset },
  'import:deletePreset': { auth: 'session', request: z.strictObject({ name: z.string().trim().min(1).max(60) }), response: z.object({ deleted: z.boolean() }) },
} as const;

export const ImportProgress = z.object({
  fileId: z.string(),
  phase: z.enum(['reading', 'checking', 'writing']),
  rows: z.number(),
  total: z.number(),
  bytes: z.number(),
  totalBytes: z.number(),
});
