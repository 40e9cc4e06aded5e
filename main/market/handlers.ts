import type { Response } from '../../shared/contract/index.js';
import type { CatalogueService } from '../catalogue/service.js';
import type { HandlerSlice } from '../handler.js';
import type { BarsImport } from './bars-import.js';
import type { FeedService } from './feed-service.js';
import type { FxService } from './fx-service.js';

type Channels = 'fx:rate' | 'fx:convert' | 'fx:series' | 'fx:timeseries' | 'market:watchlist' | 'feed:configure' | 'bars:import';

export interface MarketHandlerDeps {
  fx: FxService;
  feed: FeedService;
  bars: BarsImport;
  catalogue: () => CatalogueService;
  /** Saves the feed URL of Settings ('' = embedded or BOURSE_FEED_URL) and reconnects. */
  configureFeed: (url: string) => Promise<Response<'feed:configure'>>;
}

export function marketHandlers(d: MarketHandlerDeps): HandlerSlice<Channels> {
  return {
    'fx:rate': (r) => d.fx.rate(r.from, r.to, r.date),
    'fx:convert': (r) => d.fx.convert(r.amount, r.from, r.to, r.date),
    'fx:series': async (r) => ({ from: r.from, to: r.to, points: await d.fx.series(r.from, r.to, r.range) }),
    'fx:timeseries': (r) => d.fx.timeseries(r.base, r.symbols, r.start, r.end),
    'market:watchlist': () => d.feed.watchlist(),
    'feed:configure': (r) => d.configureFeed(r.url),
    'bars:import': (r) => d.bars.importCsv(d.catalogue(), r.symbol, r.csv),
  };
}
