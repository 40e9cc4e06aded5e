import { findCurrency } from '../../shared/currencies.js';
import { assetClassOf, STALE_AFTER_MS } from '../../shared/market.js';
import { Dec } from '../../shared/decimal/index.js';
import type { LivePrice } from '../orders/market-view.js';
import type { Store } from '../store/data-source.js';
import { statements } from '../store/statements.js';
import { CLOSE_SQL } from './repo.js';
import type { FeedService } from './feed-service.js';
import type { FxService } from './fx-service.js';

const fiat = (code: string) => findCurrency(code) !== undefined;

/** What an order needs to know of the market, machine-wide: live prices, USD rates and the last close. */
export class MarketQuotes {
  private readonly closes = new Map<string, { day: string; at: number; close: string | undefined }>();

  constructor(
    private readonly feed: FeedService,
    private readonly fx: FxService,
    private readonly market: Store,
    private readonly today: () => string,
    private readonly now: () => number,
  ) {}

  /** The feed's price with the asset class's stale window applied (the same rule as the watchlist). */
  livePrice(symbol: string): LivePrice | undefined {
    const p = this.feed.price(symbol);
    if (!p) return undefined;
    const assetClass = assetClassOf(symbol, fiat);
    const stale = p.stale || this.now() - p.receivedAt > STALE_AFTER_MS[assetClass];
    return { price: p.price, ts: p.ts, source: p.source, simulated: p.simulated === true, stale };
  }

  /** USD per unit of a currency: a live FX price either way round, else today's stored rate. */
  async usdRate(currency: string): Promise<string | undefined> {
    if (currency === 'USD') return '1';
    const direct = this.livePrice(`${currency}-USD`);
    if (direct && !direct.stale) return direct.price;
    const inverse = this.livePrice(`USD-${currency}`);
    if (inverse && !inverse.stale) return Dec.ONE.div(inverse.price).round(18).toFixed();
    try {
      return (await this.fx.rate(currency, 'USD', this.today())).rate;
    } catch {
      return undefined;
    }
  }

  /** The last stored daily close before today (any source), kept for a minute per symbol. */
  async lastClose(symbol: string): Promise<string | undefined> {
    const day = this.today();
    const hit = this.closes.get(symbol);
    const now = this.now();
    if (hit && hit.day === day && now - hit.at < 60_000) return hit.close;
    const close = await this.market.writer.read((db) => (statements(db, CLOSE_SQL).close.get(symbol, day) as { close: string } | undefined)?.close);
    this.closes.set(symbol, { day, at: now, close });
    return close;
  }
}
