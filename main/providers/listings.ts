/**
 * Where a listing trades and in what currency, from the ticker's suffix (Yahoo's convention, which the catalogue
 * uses: `VOD.L`, `SAP.DE`, `AAPL`) or from Yahoo's exchange code. Search endpoints say one or the other, rarely the
 * currency: Yahoo gives the exchange code, Finnhub only the ticker. A ticker without a suffix is a US listing.
 * The currency is the major unit (London quotes in pence, which the adapters convert to pounds).
 */
export interface Listing {
  exchange: string;
  currency: string;
}

const SUFFIXES: Record<string, Listing> = {
  '': { exchange: 'US', currency: 'USD' },
  L: { exchange: 'London', currency: 'GBP' },
  IL: { exchange: 'London (IOB)', currency: 'USD' },
  DE: { exchange: 'XETRA', currency: 'EUR' },
  F: { exchange: 'Frankfurt', currency: 'EUR' },
  BE: { exchange: 'Berlin', currency: 'EUR' },
  DU: { exchange: 'Düsseldorf', currency: 'EUR' },
  MU: { exchange: 'Munich', currency: 'EUR' },
  HM: { exchange: 'Hamburg', currency: 'EUR' },
  SG: { exchange: 'Stuttgart', currency: 'EUR' },
  PA: { exchange: 'Paris', currency: 'EUR' },
  AS: { exchange: 'Amsterdam', currency: 'EUR' },
  BR: { exchange: 'Brussels', currency: 'EUR' },
  MI: { exchange: 'Milan', currency: 'EUR' },
  MC: { exchange: 'Madrid', currency: 'EUR' },
  LS: { exchange: 'Lisbon', currency: 'EUR' },
  VI: { exchange: 'Vienna', currency: 'EUR' },
  HE: { exchange: 'Helsinki', currency: 'EUR' },
  IR: { exchange: 'Dublin', currency: 'EUR' },
  SW: { exchange: 'SIX Swiss', currency: 'CHF' },
  ST: { exchange: 'Stockholm', currency: 'SEK' },
  CO: { exchange: 'Copenhagen', currency: 'DKK' },
  OL: { exchange: 'Oslo', currency: 'NOK' },
  TO: { exchange: 'Toronto', currency: 'CAD' },
  V: { exchange: 'TSX Venture', currency: 'CAD' },
  HK: { exchange: 'Hong Kong', currency: 'HKD' },
  T: { exchange: 'Tokyo', currency: 'JPY' },
  AX: { exchange: 'ASX', currency: 'AUD' },
  NS: { exchange: 'NSE India', currency: 'INR' },
  BO: { exchange: 'BSE India', currency: 'INR' },
  SS: { exchange: 'Shanghai', currency: 'CNY' },
  SZ: { exchange: 'Shenzhen', currency: 'CNY' },
  KS: { exchange: 'Korea', currency: 'KRW' },
  SA: { exchange: 'São Paulo', currency: 'BRL' },
  MX: { exchange: 'Mexico', currency: 'MXN' },
};

/** Yahoo's exchange codes (the `exchange` field of its search and quote answers). */
const YAHOO_EXCHANGES: Record<string, Listing> = {
  NMS: { exchange: 'NASDAQ', currency: 'USD' },
  NGM: { exchange: 'NASDAQ', currency: 'USD' },
  NCM: { exchange: 'NASDAQ', currency: 'USD' },
  NYQ: { exchange: 'NYSE', currency: 'USD' },
  ASE: { exchange: 'NYSE American', currency: 'USD' },
  PCX: { exchange: 'NYSE Arca', currency: 'USD' },
  BTS: { exchange: 'Cboe BZX', currency: 'USD' },
  PNK: { exchange: 'OTC', currency: 'USD' },
  LSE: { exchange: 'London', currency: 'GBP' },
  GER: { exchange: 'XETRA', currency: 'EUR' },
  FRA: { exchange: 'Frankfurt', currency: 'EUR' },
  PAR: { exchange: 'Paris', currency: 'EUR' },
  AMS: { exchange: 'Amsterdam', currency: 'EUR' },
  MIL: { exchange: 'Milan', currency: 'EUR' },
  MCE: { exchange: 'Madrid', currency: 'EUR' },
  EBS: { exchange: 'SIX Swiss', currency: 'CHF' },
  TOR: { exchange: 'Toronto', currency: 'CAD' },
  HKG: { exchange: 'Hong Kong', currency: 'HKD' },
  JPX: { exchange: 'Tokyo', currency: 'JPY' },
  ASX: { exchange: 'ASX', currency: 'AUD' },
  STO: { exchange: 'Stockholm', currency: 'SEK' },
  CPH: { exchange: 'Copenhagen', currency: 'DKK' },
  OSL: { exchange: 'Oslo', currency: 'NOK' },
};

/** Alpha Vantage's suffixes (`TSCO.LON`) in Yahoo's spelling (`TSCO.L`). */
const ALPHA_VANTAGE_SUFFIXES: Record<string, string> = {
  LON: 'L',
  DEX: 'DE',
  FRK: 'F',
  PAR: 'PA',
  AMS: 'AS',
  TRT: 'TO',
  TRV: 'V',
  BSE: 'BO',
  NSE: 'NS',
  SHH: 'SS',
  SHZ: 'SZ',
  SAO: 'SA',
};

function suffixOf(ticker: string): string {
  const dot = ticker.lastIndexOf('.');
  return dot > 0 ? ticker.slice(dot + 1).toUpperCase() : '';
}

/** The listing a Yahoo-style ticker names, or undefined for a suffix not known here. */
export function listingOfTicker(ticker: string): Listing | undefined {
  return SUFFIXES[suffixOf(ticker)];
}

export function listingOfYahooExchange(code: string | undefined, ticker: string): Listing | undefined {
  return (code ? YAHOO_EXCHANGES[code] : undefined) ?? listingOfTicker(ticker);
}

/** `TSCO.LON` → `TSCO.L`; a ticker without a known suffix is returned as is. */
export function yahooStyleTicker(alphaVantageSymbol: string): string {
  const suffix = suffixOf(alphaVantageSymbol);
  const mapped = ALPHA_VANTAGE_SUFFIXES[suffix];
  return mapped ? `${alphaVantageSymbol.slice(0, -suffix.length)}${mapped}` : alphaVantageSymbol;
}

/** What the catalogue accepts as an instrument symbol (shared/contract/catalogue.ts InstrumentSymbol). */
export function isCatalogueSymbol(s: string): boolean {
  return s.length >= 1 && s.length <= 32 && /^[A-Z0-9][A-Z0-9.^=_-]*$/.test(s);
}
