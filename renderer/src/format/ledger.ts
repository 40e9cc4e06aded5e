import type { LedgerEntry } from '../../../shared/contract/index.js';
import { labelTable } from '../i18n/index.js';

const KINDS = ['deposit', 'withdrawal', 'buy', 'sell', 'dividend', 'interest', 'fee', 'fx-exchange'] as const satisfies readonly LedgerEntry['kind'][];

/** The ledger entry kinds as the wallet card and the order detail name them. */
export const LEDGER_KIND_LABEL: Record<LedgerEntry['kind'], string> = labelTable(KINDS, (k) => `common:kinds.${k === 'fx-exchange' ? 'fxExchange' : k}`);
