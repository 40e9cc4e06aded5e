import type { ImportField, ImportMapping } from '../../shared/contract/index.js';

/** Header names a broker might use for each field, compared without case, spaces or punctuation. */
const HEADER_WORDS: Record<ImportField, string[]> = {
  date: ['date', 'tradedate', 'transactiondate', 'bookingdate', 'valuedate', 'settlementdate', 'datum', 'buchungstag', 'valuta', 'time', 'datetime', 'timestamp'],
  type: ['type', 'transactiontype', 'action', 'side', 'activity', 'activitytype', 'transaction', 'typ', 'art', 'buchungsart', 'operation'],
  instrument: ['symbol', 'ticker', 'instrument', 'security', 'asset', 'stock', 'wertpapier', 'titre'],
  quantity: ['quantity', 'qty', 'shares', 'units', 'anzahl', 'stuck', 'stück', 'quantite', 'quantité', 'nominal'],
  price: ['price', 'unitprice', 'pricepershare', 'kurs', 'preis', 'prix', 'cours'],
  currency: ['currency', 'ccy', 'curr', 'wahrung', 'währung', 'devise', 'moneda'],
  amount: ['amount', 'total', 'netamount', 'value', 'betrag', 'montant', 'net', 'proceeds', 'cashamount'],
  fee: ['fee', 'fees', 'commission', 'commissions', 'gebuhr', 'gebühr', 'gebühren', 'frais', 'charges'],
  note: ['note', 'notes', 'notiz', 'description', 'memo', 'comment', 'beschreibung', 'text', 'details', 'libelle', 'libellé'],
  toCurrency: ['tocurrency', 'targetcurrency', 'zielwahrung', 'zielwährung'],
  toAmount: ['toamount', 'targetamount', 'zielbetrag'],
  externalId: ['id', 'transactionid', 'reference', 'ref', 'tradeid', 'referenz'],
  isin: ['isin'],
  instrumentName: ['name', 'securityname', 'productname', 'product', 'produkt', 'wertpapiername'],
};

const squash = (h: string) => h.toLowerCase().replace(/[\s_\-./()]+/g, '');

export function guessColumns(headers: readonly string[]): ImportMapping['columns'] {
  const out: ImportMapping['columns'] = {};
  const used = new Set<string>();
  for (const [field, words] of Object.entries(HEADER_WORDS) as [ImportField, string[]][]) {
    const hit = headers.find((h) => !used.has(h) && words.includes(squash(h)));
    if (hit) {
      out[field] = hit;
      used.add(hit);
    }
  }
  return out;
}

