import type { IncomeReport, RealizedReport } from '../../shared/contract/index.js';
import type { Column } from '../export/columns.js';

/** A report row as the CSV writes it: the figures as the report has them, the account by name and id. */
type Cells = Record<string, string | null>;

const REALIZED: [name: string, kind: Column<Cells>['kind']][] = [
  ['account', 'text'], ['accountId', 'text'], ['symbol', 'text'], ['quantity', 'number'], ['acquired', 'text'], ['sold', 'text'], ['term', 'text'],
  ['currency', 'text'], ['proceeds', 'number'], ['cost', 'number'], ['fees', 'number'], ['gain', 'number'],
  ['baseCurrency', 'text'], ['baseProceeds', 'number'], ['baseCost', 'number'], ['baseFees', 'number'], ['baseGain', 'number'],
];
const INCOME: [name: string, kind: Column<Cells>['kind']][] = [
  ['account', 'text'], ['accountId', 'text'], ['date', 'text'], ['type', 'text'], ['symbol', 'text'], ['currency', 'text'], ['amount', 'number'],
  ['baseCurrency', 'text'], ['baseAmount', 'number'],
];

const columns = (spec: typeof REALIZED): Column<Cells>[] => spec.map(([name, kind]) => ({ name, kind, get: (r: Cells) => r[name] ?? null }));

/**
 * The realized-gains CSV: one row per closed lot (its own currency and the base currency; a lot's fees in the base
 * currency are not part of the report, so `baseFees` is filled on the Total row only), then the totals in the base
 * currency on rows whose `account` names them. Free text goes through main/export's formula neutralising.
 */
export function realizedCsv(r: RealizedReport, base: string, name: (id: string) => string): { columns: Column<Cells>[]; rows: Cells[] } {
  const rows: Cells[] = r.rows.map((x) => ({ ...x, account: name(x.accountId), baseCurrency: base }));
  const total = (label: string, fields: Cells): Cells => ({ account: label, baseCurrency: base, ...fields });
  rows.push(
    total('Total', { baseProceeds: r.totals.proceeds, baseCost: r.totals.cost, baseFees: r.totals.fees, baseGain: r.totals.gain }),
    total('Short-term gain', { baseGain: r.totals.shortTermGain }),
    total('Long-term gain', { baseGain: r.totals.longTermGain }),
  );
  return { columns: columns(REALIZED), rows };
}

/** The income CSV: one row per dividend, interest or fee, then the totals (base currency). */
export function incomeCsv(r: IncomeReport, base: string, name: (id: string) => string): { columns: Column<Cells>[]; rows: Cells[] } {
  const rows: Cells[] = r.rows.map((x) => ({ ...x, account: name(x.accountId), baseCurrency: base }));
  const total = (label: string, amount: string): Cells => ({ account: label, baseCurrency: base, baseAmount: amount });
  rows.push(total('Dividends', r.totals.dividends), total('Interest', r.totals.interest), total('Fees', r.totals.fees), total('Net', r.totals.net));
  return { columns: columns(INCOME), rows };
}
