import type { PortfolioByAccount } from '../../shared/contract/portfolio.js';
import { csvRecord } from '../export/csv-format.js';
import { neutralise } from '../export/index.js';

const HEADER = ['date', 'account', 'kind', 'symbol', 'quantity', 'currency', 'price', 'price date', 'cost', 'value'];

/**
 * A snapshot by account and date as CSV (RFC 4180, the history export's encoder): one row per account and holding,
 * then per account and cash currency. `base`: cost and value in the base currency (the currency column says which);
 * `instrument`: in each instrument's own currency (cash in its own). A figure without a close or rate is empty; an
 * account's name is neutralised against spreadsheet formulas as the history export does.
 */
export function portfolioCsv(s: PortfolioByAccount, currency: 'base' | 'instrument'): { filename: string; csv: string } {
  let csv = csvRecord(HEADER);
  const inBase = currency === 'base';
  for (const a of s.accounts) {
    for (const h of a.holdings) {
      csv += csvRecord([
        s.date,
        neutralise(a.name),
        'holding',
        h.symbol,
        h.quantity,
        inBase ? s.baseCurrency : h.currency,
        h.price ?? '',
        h.priceDate ?? '',
        (inBase ? h.costBase : h.cost) ?? '',
        (inBase ? h.marketValueBase : h.marketValue) ?? '',
      ]);
    }
    for (const c of a.cash) {
      csv += csvRecord([s.date, neutralise(a.name), 'cash', '', '', inBase ? s.baseCurrency : c.currency, '', '', '', (inBase ? c.valueBase : c.balance) ?? '']);
    }
  }
  return { filename: `bourse-portfolio-${s.date}-${currency}.csv`, csv };
}
