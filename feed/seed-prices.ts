/**
 * Starting points for `simulate` mode and for the relay's fallback when nothing has been relayed yet. They are only
 * plausible orders of magnitude (every tick built from them says `simulated: true`); real last prices replace them as
 * soon as an upstream answers, and the CLI can load another set with `--seed file.json`.
 */
export interface SeedPrice {
  price: string;
  currency: string;
}

export const DEFAULT_SEED_PRICES: Record<string, SeedPrice> = {
  'BTC-USD': { price: '65000.00', currency: 'USD' },
  'ETH-USD': { price: '3200.00', currency: 'USD' },
  'SOL-USD': { price: '150.00', currency: 'USD' },
  'BTC-EUR': { price: '60000.00', currency: 'EUR' },
  'BTC-USDT': { price: '65000.00', currency: 'USDT' },
  'ETH-USDT': { price: '3200.00', currency: 'USDT' },
  'EUR-USD': { price: '1.0850', currency: 'USD' },
  'GBP-USD': { price: '1.2700', currency: 'USD' },
  'USD-JPY': { price: '150.00', currency: 'JPY' },
  'EUR-GBP': { price: '0.8550', currency: 'GBP' },
  'USD-CHF': { price: '0.8800', currency: 'CHF' },
  AAPL: { price: '190.00', currency: 'USD' },
  MSFT: { price: '410.00', currency: 'USD' },
  'VOD.L': { price: '72.00', currency: 'GBp' },
};
