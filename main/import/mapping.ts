import type { ImportMapping } from '../../shared/contract/index.js';
import { localeFormats } from './formats.js';
import type { FileHead } from './reading.js';
import { guessColumns } from './rows.js';

/**
 * The mapping the mapping step starts from: the delimiter and encoding the file was read with, the user's locale
 * formats, and columns guessed from the header's names. Bourse's own file needs no columns.
 */
export function suggestMapping(head: FileHead, locale: string): ImportMapping {
  return {
    columns: head.format === 'bourse' ? {} : guessColumns(head.headers),
    ...localeFormats(locale),
    delimiter: head.delimiter,
    encoding: head.encoding,
  };
}
