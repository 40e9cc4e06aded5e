/** The market database's statements: stored rates, daily bars and the last live prices (main/store/migrations/market-*). */

/** Published FX rates (fx-rates.ts). */
export const FX_SQL = {
  upsert: 'INSERT OR REPLACE INTO fx_rates (base, quote, date, source, rate) VALUES (?, ?, ?, ?, ?)',
  latest:
    'SELECT date, source, rate FROM fx_rates WHERE base = ? AND quote = ? AND date <= ? AND date >= ? ' +
    'ORDER BY date DESC LIMIT 32',
  range: 'SELECT date, source, rate FROM fx_rates WHERE base = ? AND quote = ? AND date >= ? AND date <= ? ORDER BY date',
  bounds: 'SELECT MIN(date) AS first, MAX(date) AS last FROM fx_rates WHERE base = ? AND quote = ?',
  lastOnOrBefore: 'SELECT MAX(date) FROM fx_rates WHERE (base = ? OR quote = ?) AND date <= ?',
};

/** Daily bars (bars.ts). */
export const BAR_SQL = {
  upsert:
    'INSERT OR REPLACE INTO daily_bars (symbol, date, source, currency, open, high, low, close, volume) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
  bounds: 'SELECT MIN(date) AS first, MAX(date) AS last FROM daily_bars WHERE symbol = ?',
};

/** The last live price per symbol, kept across restarts (feed-service.ts); an older tick never replaces a newer one. */
export const LAST_PRICE_SQL = {
  all: 'SELECT symbol, price, currency, ts, seq, source, simulated FROM last_prices',
  upsert:
    'INSERT INTO last_prices (symbol, price, currency, ts, seq, source, simulated) VALUES (?, ?, ?, ?, ?, ?, ?) ' +
    'ON CONFLICT(symbol) DO UPDATE SET price = excluded.price, currency = excluded.currency, ts = excluded.ts, ' +
    'seq = excluded.seq, source = excluded.source, simulated = excluded.simulated WHERE excluded.ts >= last_prices.ts',
};

/** The last stored close before a day (quotes.ts). */
export const CLOSE_SQL = { close: 'SELECT close FROM daily_bars WHERE symbol = ? AND date < ? ORDER BY date DESC LIMIT 1' };
