import { startFeedServer } from '../../feed/server.js';

export interface PricePump {
  /** The feed server's address, for the host's BOURSE_FEED_URL. */
  url: string;
  /** Stops publishing and closes the feed server. */
  close(): Promise<void>;
}

/**
 * A real socket.io feed server (simulate mode, nothing seeded) that publishes every symbol of `prices` at its price
 * in USD twice a second, source "e2e-feed": a test moves a price by assigning `prices[symbol]`, and a client that
 * subscribes late still gets it within half a second.
 */
export async function startPricePump(prices: Record<string, string>): Promise<PricePump> {
  const feed = await startFeedServer({ port: 0, mode: 'simulate', symbols: [], seedPrices: {}, rate: 1 });
  const timer = setInterval(() => {
    for (const [symbol, price] of Object.entries(prices)) feed.publish({ symbol, price, currency: 'USD', ts: Date.now(), source: 'e2e-feed' });
  }, 500);
  return {
    url: feed.url,
    async close() {
      clearInterval(timer);
      await feed.close();
    },
  };
}
