/**
 * Sites a link in Bourse may open in the user's browser: the market-data providers' pages, where a user gets an API
 * key. Anything else (other hosts, http:, file:, custom schemes) is dropped: a compromised or confused renderer must
 * not be able to launch arbitrary URLs or local programs through the OS.
 */
export const EXTERNAL_HOSTS: ReadonlySet<string> = new Set([
  'www.frankfurter.app',
  'www.ecb.europa.eu',
  'openexchangerates.org',
  'currencybeacon.com',
  'www.alphavantage.co',
  'finnhub.io',
  'www.coingecko.com',
  'github.com',
]);

export function isAllowedExternal(raw: string): boolean {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  return url.protocol === 'https:' && url.username === '' && url.password === '' && url.port === '' && EXTERNAL_HOSTS.has(url.hostname);
}
