import type { Dec } from '../decimal/index.js';

/** How a sell (or an outgoing transfer) picks the lots it closes, chosen per account. */
export type CostMethod = 'fifo' | 'lifo' | 'hifo' | 'average';

export const COST_METHODS: readonly CostMethod[] = ['fifo', 'lifo', 'hifo', 'average'];

/** A lot named at a sell or transfer ("specific identification"), and how much of it to take. */
export interface LotPick {
  lotId: string;
  quantity: string;
}

/**
 * What the lots engine replays, in the order given (the caller sorts by date, then by the order recorded). Amounts
 * and quantities are decimal strings; dates are YYYY-MM-DD. Prices and fees are in the instrument's currency.
 */
export type LotEvent =
  | {
      kind: 'buy';
      id: string;
      accountId: string;
      symbol: string;
      currency: string;
      date: string;
      quantity: string;
      price: string;
      fee?: string;
    }
  | {
      kind: 'sell';
      id: string;
      accountId: string;
      symbol: string;
      date: string;
      quantity: string;
      price: string;
      fee?: string;
      /** Specific identification: exactly these lots, whatever the account's method. */
      lots?: readonly LotPick[];
    }
  | {
      /** numerator-for-denominator: a 2-for-1 split is 2 and 1, a 1-for-10 reverse split 1 and 10. */
      kind: 'split';
      id: string;
      symbol: string;
      date: string;
      numerator: string;
      denominator: string;
    }
  | {
      /** `numerator` new units for every `denominator` held (5 % is 1 and 20); the bonus units join each lot. */
      kind: 'stock-dividend';
      id: string;
      symbol: string;
      date: string;
      numerator: string;
      denominator: string;
    }
  | { kind: 'symbol-change'; id: string; symbol: string; date: string; newSymbol: string }
  | {
      /** Units move between accounts with their lots, acquisition dates and cost; nothing is realized. */
      kind: 'transfer';
      id: string;
      fromAccountId: string;
      toAccountId: string;
      symbol: string;
      date: string;
      quantity: string;
      lots?: readonly LotPick[];
    };

/** An open lot. `cost` is its whole cost in its currency (the buy's settled value plus its fee). */
export interface Lot {
  id: string;
  accountId: string;
  symbol: string;
  currency: string;
  acquired: string;
  quantity: Dec;
  cost: Dec;
}

/**
 * One lot (or part of one) closed by a sell: the lot trail. `proceeds` is the gross sale value of this part, `fees`
 * its share of the sell's fee, `cost` the cost it released (the buy fee included), gain = proceeds − fees − cost.
 */
export interface ClosedLot {
  sellId: string;
  lotId: string;
  accountId: string;
  symbol: string;
  currency: string;
  acquired: string;
  sold: string;
  quantity: Dec;
  cost: Dec;
  proceeds: Dec;
  fees: Dec;
  gain: Dec;
}

/** A closed lot with its figures in the base currency: cost at the acquisition date's rate, the rest at the sale's. */
export interface ClosedLotInBase extends ClosedLot {
  baseCurrency: string;
  /** Undefined when no rate was found for that date (then every base figure is undefined). */
  baseCost?: Dec;
  baseProceeds?: Dec;
  baseFees?: Dec;
  baseGain?: Dec;
}

/** Units of `to` per one unit of `from` on `date`, or undefined when no rate is known. */
export type FxLookup = (from: string, to: string, date: string) => Dec | undefined;

/** The open lots of one (account, instrument) summed: units held and their cost (LotBook.holdings). */
export interface Holding {
  accountId: string;
  symbol: string;
  currency: string;
  quantity: Dec;
  cost: Dec;
}
