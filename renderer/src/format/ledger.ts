import type { LedgerEntry } from '../../../shared/contract/index.js';

/** The ledger entry kinds as the wallet card and the order detail name them. */
export const LEDGER_KIND_LABEL: Record<LedgerEntry['kind'], string> = {
  deposit: 'Deposit',
  withdrawal: 'Withdrawal',
  buy: 'Buy',
  sell: 'Sell',
  dividend: 'Dividend',
  interest: 'Interest',
  fee: 'Fee',
  'fx-exchange': 'FX exchange',
};
