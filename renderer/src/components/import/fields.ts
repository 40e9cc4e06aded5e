import type { ImportField, ImportMapping } from '../../../../shared/contract/index.js';

/** The mapping's columns as the form labels them, in the order shown. */
export const FIELDS: { field: ImportField; label: string }[] = [
  { field: 'date', label: 'Date column' },
  { field: 'type', label: 'Type column' },
  { field: 'instrument', label: 'Instrument column' },
  { field: 'isin', label: 'ISIN column' },
  { field: 'instrumentName', label: 'Instrument name column' },
  { field: 'quantity', label: 'Quantity column' },
  { field: 'price', label: 'Price column' },
  { field: 'currency', label: 'Currency column' },
  { field: 'amount', label: 'Amount column' },
  { field: 'fee', label: 'Fee column' },
  { field: 'note', label: 'Note column' },
  { field: 'toCurrency', label: 'Received currency column' },
  { field: 'toAmount', label: 'Received amount column' },
  { field: 'externalId', label: 'Transaction id column' },
];

export const DATE_FORMATS: { value: ImportMapping['dateFormat']; label: string }[] = [
  { value: 'YYYY-MM-DD', label: 'Year-month-day (2024-03-01)' },
  { value: 'YYYYMMDD', label: 'Compact (20240301)' },
  { value: 'DD.MM.YYYY', label: 'Day-month-year (01.03.2024)' },
  { value: 'DD/MM/YYYY', label: 'Day/month/year (01/03/2024)' },
  { value: 'DD-MM-YYYY', label: 'Day-month-year (01-03-2024)' },
  { value: 'MM/DD/YYYY', label: 'Month/day/year (03/01/2024)' },
  { value: 'YYYY/MM/DD', label: 'Year/month/day (2024/03/01)' },
];

/** How a date format's order reads in a sentence. */
export const ORDER_TEXT: Record<ImportMapping['dateFormat'], string> = {
  'YYYY-MM-DD': 'year first',
  'YYYY/MM/DD': 'year first',
  YYYYMMDD: 'compact, year first',
  'DD.MM.YYYY': 'day before month',
  'D.M.YYYY': 'day before month',
  'DD/MM/YYYY': 'day before month',
  'DD-MM-YYYY': 'day before month',
  'MM/DD/YYYY': 'month before day',
  'M/D/YYYY': 'month before day',
};
