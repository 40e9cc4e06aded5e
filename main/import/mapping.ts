import type { BrokerFormat, ImportMapping } from '../../shared/contract/index.js';
import { detectBroker, Header } from './brokers.js';
import { inferDateFormat, localeFormats, splitUnit } from './formats.js';
import type { FileHead } from './reading.js';
import { guessColumns } from './guess-columns.js';

export interface Suggestion {
  mapping: ImportMapping;
  broker: BrokerFormat | null;
  /** The value of the file that settled the date order, or null when the locale's order was kept. */
  dateEvidence: string | null;
}

const NUMBER_FIELDS = ['quantity', 'price', 'amount', 'fee', 'toAmount'] as const;

/**
 * The mapping the mapping step starts from: a known broker export's own mapping when the header is one, else columns
 * guessed from the header's names; the date order and number separators the file's own values settle, else the
 * user's locale; the delimiter and encoding the file was read with. Bourse's own file needs no columns.
 */
export function suggestMapping(head: FileHead, locale: string): Suggestion {
  const local = localeFormats(locale);
  const base: ImportMapping = { columns: {}, ...local, delimiter: head.delimiter, encoding: head.encoding, ...(head.headerLine ? { headerLine: head.headerLine } : {}) };
  if (head.format === 'bourse') return { mapping: base, broker: null, dateEvidence: null };
  const broker = detectBroker(head.headers);
  const mapping: ImportMapping = broker ? { ...base, ...broker.mapping(new Header(head.headers)), preset: broker.id } : { ...base, columns: guessColumns(head.headers) };
  const column = (name: string | undefined) => {
    const i = name === undefined ? -1 : head.headers.indexOf(name);
    return i < 0 ? [] : head.records.map((r) => r.fields[i] ?? '');
  };
  const dates = inferDateFormat(column(mapping.columns.date), broker ? mapping.dateFormat : local.dateFormat);
  mapping.dateFormat = dates.format;
  const numbers = inferSeparators(NUMBER_FIELDS.flatMap((f) => column(mapping.columns[f])), mapping.valuesWithUnits ?? false);
  if (numbers) Object.assign(mapping, numbers);
  return { mapping, broker: broker ? { id: broker.id, label: broker.label } : null, dateEvidence: dates.evidence };
}

/**
 * Decimal and thousands separators a file's numbers settle: "1.234,56" or "12,5" only read with a decimal comma,
 * "1,234.56" or "12.5" only with a decimal point. Null when no value settles it (or values disagree), leaving the
 * locale's (or the broker's) choice.
 */
export function inferSeparators(values: readonly string[], withUnits: boolean): Pick<ImportMapping, 'decimalSeparator' | 'thousandsSeparator'> | null {
  let comma = 0;
  let point = 0;
  let commaGroups = false;
  let pointGroups = false;
  let spaceGroups = false;
  for (const raw of values) {
    const v = (withUnits ? splitUnit(raw).value : raw).trim().replace(/^[-\u2212+(]+|\)$/g, '');
    if (!v) continue;
    if (/^\d{1,3}(\.\d{3})+,\d+$/.test(v)) {
      comma++;
      pointGroups = true;
    } else if (/^\d{1,3}(,\d{3})+\.\d+$/.test(v)) {
      point++;
      commaGroups = true;
    } else if (/^\d{1,3}([ \u00a0\u202f]\d{3})+(,\d+)?$/.test(v)) {
      comma++;
      spaceGroups = true;
    } else if (/^\d+,\d{1,2}$/.test(v) || /^\d+,\d{4,}$/.test(v)) comma++;
    else if (/^\d+\.\d{1,2}$/.test(v) || /^\d+\.\d{4,}$/.test(v)) point++;
  }
  if (comma > 0 && point === 0) return { decimalSeparator: ',', thousandsSeparator: pointGroups ? '.' : spaceGroups ? ' ' : '.' };
  if (point > 0 && comma === 0) return { decimalSeparator: '.', thousandsSeparator: commaGroups ? ',' : withUnits ? ',' : '' };
  return null;
}
