import { BinanceStatement, isBinanceStatement } from './binance-statement.js';
import type { CsvRecord } from './csv-reader.js';
import { FlexSections, isFlexSections } from './flex-sections.js';

/**
 * A file whose lines are not one row per activity under one header (IB's multi-section Flex CSV, Binance's
 * statement of balance changes) is reshaped into such a table before it is mapped: the mapping step, the preview and
 * the import all see the same table, each row with the line it starts on in the file. The layout is told by the
 * file's first record, never by the mapping, so a saved mapping cannot read a file in the wrong shape.
 */
export interface Reshaper {
  /** The table records the next file records complete. */
  push(records: readonly CsvRecord[]): CsvRecord[];
  /** The records still held at the end of the file. */
  end(): CsvRecord[];
}

export function reshaperFor(first: readonly string[]): Reshaper | null {
  if (isFlexSections(first)) return new FlexSections();
  if (isBinanceStatement(first)) return new BinanceStatement();
  return null;
}
