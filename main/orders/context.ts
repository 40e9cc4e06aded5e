import type { Settings } from '../../shared/contract/index.js';
import type { EventHub } from '../events.js';
import type { Store } from '../store/data-source.js';
import type { LivePrice } from './market-view.js';
import type { OrderRow } from './repo.js';
import type { Venue } from './venue.js';

export interface OrderDeps {
  store: Store;
  events: EventHub;
  venue: Venue;
  settings: () => Settings;
  /** The live price of a symbol, with staleness judged by the feed's rules. */
  price: (symbol: string) => LivePrice | undefined;
  /** USD per one unit of a currency (live FX, else the stored rate of today); undefined when unknown. */
  usdRate: (currency: string) => Promise<string | undefined>;
  /** The last daily close before today, for the fat-finger guard. */
  lastClose: (symbol: string) => Promise<string | undefined>;
  now?: () => number;
  /** Something the portfolio is computed from was written. */
  onActivity?: () => void;
}

/** What the order modules share inside a transaction: the service's dependencies and its in-memory books. */
export interface OrderContext {
  deps: OrderDeps;
  now: () => number;
  /** Accepted orders' times for the per-minute guard (the last minute only). */
  recent: number[];
  /** Symbols with open limit orders: ticks for other symbols cost nothing. */
  limitSymbols: Set<string>;
}

/** Orders changed inside one transaction, announced after it commits. */
export type Touched = Map<string, OrderRow>;

export interface InstrumentRow {
  symbol: string;
  name: string;
  asset_class: 'stock' | 'crypto';
  quote_currency: string;
}

/** An instrument as placing reads it: with its quote currency's name and minor unit (null: not in the catalogue). */
export interface PlacingRow extends InstrumentRow {
  currency_name: string | null;
  minor_unit: number | null;
}
