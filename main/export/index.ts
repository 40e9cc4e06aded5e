/** Export writers: CSV and JSON, streamed to a temp file and renamed into place only when complete. */
export { writeAtomically, type Sink, type WriteOptions, type WriteProgress, type WriteResult } from './atomic-writer.js';
export { csvCell, jsonValue, neutralise, unneutralise, ExportValueError, type Column, type ColumnKind } from './columns.js';
export { type RowSource } from './batches.js';
export { csvField, csvRecord } from './csv-format.js';
export { writeCsv, type CsvOptions } from './csv-writer.js';
export { writeJson, type JsonOptions } from './json-writer.js';
