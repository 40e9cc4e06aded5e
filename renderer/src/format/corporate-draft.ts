import type { InstrumentView } from '../../../shared/contract/index.js';
import { Dec } from '../../../shared/decimal/index.js';
import { labelTable, t } from '../i18n/index.js';
import type { ActivityDraft } from './activity-draft.js';
import { parseQuantity } from './quantity.js';
import { formatDay } from './rates.js';

/**
 * The corporate actions the form offers. A reverse split is recorded as a split whose new units are fewer than the
 * old (1-for-10: numerator "1", denominator "10"); the form names it apart so that nobody types a ratio backwards.
 */
export const CORPORATE_KINDS = ['split', 'reverse-split', 'stock-dividend', 'symbol-change'] as const;
export type CorporateKind = (typeof CORPORATE_KINDS)[number];

export const CORPORATE_KIND_LABEL: Record<CorporateKind, string> = labelTable(CORPORATE_KINDS, (k) => `activity:corporate.kinds.${camel(k)}`);

/** What each kind does, shown until the fields describe one action (then its own effect is shown). */
export const CORPORATE_HINT: Record<CorporateKind, string> = labelTable(CORPORATE_KINDS, (k) => `activity:corporate.hints.${camel(k)}`);

/** The request a corporate action sends (activity:record), without its key. */
export type CorporateDraft = Extract<ActivityDraft, { type: 'split' | 'stock-dividend' | 'symbol-change' }>;
export type CorporateErrors = Partial<Record<'symbol' | 'date' | 'numerator' | 'denominator' | 'newSymbol', string>>;

/** What the corporate action form holds, as typed. */
export interface CorporateFields {
  kind: CorporateKind;
  symbol: string;
  date: string;
  /** New units (a split), or bonus units (a stock dividend)… */
  numerator: string;
  /** …for every this many held. */
  denominator: string;
  newSymbol: string;
  note: string;
}

/** The contract's ratio term: at most 12 whole digits and 8 decimals. */
const MAX_WHOLE = 12;
const MAX_DECIMALS = 8;

function ratioTerm(input: string, locale: string, what: string): { ok: true; value: string } | { ok: false; message: string } {
  const q = parseQuantity(input, locale, what, MAX_DECIMALS);
  if (q.ok && q.value.split('.')[0]!.length > MAX_WHOLE) return { ok: false, message: t('common:check.numberLarge') };
  return q;
}

/** The request the fields describe, or what is wrong with them (by field). `today` is the latest day allowed. */
export function buildCorporate(
  f: CorporateFields,
  instruments: readonly InstrumentView[],
  today: string,
  locale: string,
): { draft: CorporateDraft | null; errors: CorporateErrors } {
  const e: CorporateErrors = {};
  if (!/^\d{4}-\d{2}-\d{2}$/.test(f.date)) e.date = t('activity:form.pickDay');
  else if (f.date > today) e.date = t('activity:form.noFuture');
  const instrument = instruments.find((i) => i.symbol === f.symbol);
  if (!instrument) e.symbol = t('activity:form.addInstrument');
  const base = { symbol: f.symbol, date: f.date, ...(f.note.trim() ? { note: f.note.trim() } : {}) };

  if (f.kind === 'symbol-change') {
    if (!instruments.some((i) => i.symbol === f.newSymbol)) e.newSymbol = t('activity:corporate.check.addNewSymbol');
    else if (f.newSymbol === f.symbol) e.newSymbol = t('activity:corporate.check.sameSymbol');
    if (Object.keys(e).length > 0) return { draft: null, errors: e };
    return { draft: { type: 'symbol-change', newSymbol: f.newSymbol, ...base }, errors: e };
  }

  const n = ratioTerm(f.numerator, locale, f.kind === 'stock-dividend' ? t('activity:corporate.aBonus') : t('activity:corporate.aNew'));
  const d = ratioTerm(f.denominator, locale, t('activity:corporate.aHeld'));
  if (!n.ok) e.numerator = n.message;
  if (!d.ok) e.denominator = d.message;
  if (n.ok && d.ok) {
    const cmp = Dec.of(n.value).cmp(d.value);
    if (f.kind === 'split' && cmp <= 0) e.numerator = t('activity:corporate.check.splitMore');
    if (f.kind === 'reverse-split' && cmp >= 0) e.numerator = t('activity:corporate.check.reverseFewer');
  }
  if (!n.ok || !d.ok || Object.keys(e).length > 0) return { draft: null, errors: e };
  const type = f.kind === 'stock-dividend' ? 'stock-dividend' : 'split';
  return { draft: { type, numerator: n.value, denominator: d.value, ...base }, errors: e };
}

/**
 * What recording the action does, in plain words: "Applies to every account holding AAPL from Jun 10, 2024: units
 * become 2 for every 1 held. Units change, cost does not; nothing is realized."
 */
export function corporateEffect(d: CorporateDraft, locale: string): string {
  const day = formatDay(d.date, locale);
  if (d.type === 'symbol-change') return t('activity:corporate.effect.symbolChange', { symbol: d.symbol, newSymbol: d.newSymbol, day });
  const vars = { symbol: d.symbol, day, numerator: d.numerator, denominator: d.denominator };
  return d.type === 'stock-dividend' ? t('activity:corporate.effect.stockDividend', vars) : t('activity:corporate.effect.split', vars);
}

/** The confirmation after recording: "Split of AAPL, 2 for 1 from Jun 10, 2024, recorded in every account holding it." */
export function corporateRecorded(d: CorporateDraft, locale: string): string {
  const day = formatDay(d.date, locale);
  if (d.type === 'symbol-change') return t('activity:corporate.recorded.symbolChange', { symbol: d.symbol, newSymbol: d.newSymbol, day });
  const vars = { symbol: d.symbol, day, numerator: d.numerator, denominator: d.denominator };
  return d.type === 'stock-dividend' ? t('activity:corporate.recorded.stockDividend', vars) : t('activity:corporate.recorded.split', vars);
}

function camel(k: string): string {
  return k.replace(/-([a-z])/g, (_m, c: string) => c.toUpperCase());
}
