import type { ImportField, ImportMapping } from '../../../../shared/contract/index.js';
import { labelTable, t } from '../../i18n/index.js';

/** The mapping's columns as the form labels them, in the order shown. */
const FIELD_IDS: readonly ImportField[] = ['date', 'type', 'instrument', 'isin', 'instrumentName', 'quantity', 'price', 'currency', 'amount', 'fee', 'note', 'toCurrency', 'toAmount', 'externalId'];
const FIELD_LABEL = labelTable(FIELD_IDS, (f) => `imports:fields.${f}`);
export const FIELDS: { field: ImportField; readonly label: string }[] = FIELD_IDS.map((field) => ({
  field,
  get label() {
    return FIELD_LABEL[field];
  },
}));

const DATE_FORMAT_KEYS: [ImportMapping['dateFormat'], string, string][] = [
  ['YYYY-MM-DD', 'ymd', '2024-03-01'],
  ['YYYYMMDD', 'compact', '20240301'],
  ['DD.MM.YYYY', 'dmy', '01.03.2024'],
  ['DD/MM/YYYY', 'dmySlash', '01/03/2024'],
  ['DD-MM-YYYY', 'dmy', '01-03-2024'],
  ['MM/DD/YYYY', 'mdySlash', '03/01/2024'],
  ['YYYY/MM/DD', 'ymdSlash', '2024/03/01'],
];
export const DATE_FORMATS: { value: ImportMapping['dateFormat']; readonly label: string }[] = DATE_FORMAT_KEYS.map(([value, key, example]) => ({
  value,
  get label() {
    return t(`imports:dateFormats.${key as 'ymd'}`, { example });
  },
}));

/** How a date format's order reads in a sentence. */
const ORDER_KEY: Record<ImportMapping['dateFormat'], 'year' | 'compact' | 'day' | 'month'> = {
  'YYYY-MM-DD': 'year',
  'YYYY/MM/DD': 'year',
  YYYYMMDD: 'compact',
  'DD.MM.YYYY': 'day',
  'D.M.YYYY': 'day',
  'DD/MM/YYYY': 'day',
  'DD-MM-YYYY': 'day',
  'MM/DD/YYYY': 'month',
  'M/D/YYYY': 'month',
};
export const ORDER_TEXT: Record<ImportMapping['dateFormat'], string> = labelTable(Object.keys(ORDER_KEY) as ImportMapping['dateFormat'][], (f) => `imports:order.${ORDER_KEY[f]}`);
