import { describe, expect, it } from 'vitest';
import { bestFound, bestMatch, searchWordsFor } from '../../renderer/src/components/import/best-match.js';
import type { InstrumentMatch, InstrumentView, UnknownInstrument } from '../../shared/contract/index.js';

/** The preview's suggestion for an instrument a file names that the catalogue does not know. */
const catalogue: InstrumentView[] = [
  { id: 1, symbol: 'AAPL', name: 'Apple Inc.', assetClass: 'stock', quoteCurrency: 'USD', providerSymbols: {} },
  { id: 2, symbol: 'SAP', name: 'SAP SE', assetClass: 'stock', quoteCurrency: 'EUR', providerSymbols: {} },
  { id: 3, symbol: 'BTC-USD', name: 'Bitcoin', assetClass: 'crypto', quoteCurrency: 'USD', providerSymbols: {} },
  { id: 4, symbol: 'BTC-EUR', name: 'Bitcoin', assetClass: 'crypto', quoteCurrency: 'EUR', providerSymbols: {} },
];
const unknown = (reference: string, name: string | null, currency: string | null): UnknownInstrument => ({ reference, isin: null, name, currency, rows: 1, firstLine: 2 });

describe('best match for an unknown instrument', () => {
  it('by the distinctive words of the name, by the symbol in the text, the currency breaking ties; none when nothing fits', () => {
    expect(bestMatch(unknown('US0378331005', 'APPLE INC - COMMON ST', 'EUR'), catalogue)?.symbol).toBe('AAPL');
    expect(bestMatch(unknown('US0378331005', 'AAPL(US0378331005) CASH DIVIDEND USD 0.24 PER SHARE', 'USD'), catalogue)?.symbol).toBe('AAPL');
    expect(bestMatch(unknown('DE0007164600', 'SAP SE', 'EUR'), catalogue)?.symbol).toBe('SAP');
    expect(bestMatch(unknown('BTCUSDT', null, null), catalogue)?.symbol).toBe('BTC-USD');
    expect(bestMatch(unknown('XBT', 'Bitcoin', 'EUR'), catalogue)?.symbol).toBe('BTC-EUR');
    expect(bestMatch(unknown('US5949181045', 'MICROSOFT CORP', 'USD'), catalogue)).toBeNull();
  });
});

describe('the search result offered for an unknown instrument', () => {
  const found = (symbol: string, match: InstrumentMatch['match'], from: string[], currency: string | null = 'USD'): InstrumentMatch => ({
    symbol,
    name: symbol,
    assetClass: 'stock',
    type: 'Equity',
    exchange: null,
    currency,
    isin: null,
    providerSymbols: {},
    from,
    instrumentId: null,
    match,
  });
  const named = (reference: string, extra: Partial<UnknownInstrument> = {}): UnknownInstrument => ({ reference, isin: null, name: null, currency: null, rows: 1, firstLine: 2, ...extra });

  it('searches the ISIN when the file gives one', () => {
    expect(searchWordsFor(named('AAPL', { isin: 'US0378331005' }))).toBe('US0378331005');
    expect(searchWordsFor(named('AAPL', { isin: 'not an isin' }))).toBe('AAPL');
  });

  it('offers an exact ticker, in the row’s currency first', () => {
    const results = [found('AAPLX', 'prefix', ['yahoo']), found('AAPL', 'ticker', ['bundled']), found('AAPL.SW', 'ticker', ['finnhub'], 'CHF')];
    expect(bestFound(named('AAPL'), results)?.symbol).toBe('AAPL');
    expect(bestFound(named('AAPL', { currency: 'CHF' }), results)?.symbol).toBe('AAPL.SW');
  });

  it('for an ISIN, what a provider answered for it; never a name-only guess or a result without a currency', () => {
    expect(bestFound(named('US0378331005'), [found('AAPL', 'related', ['yahoo'])])?.symbol).toBe('AAPL');
    expect(bestFound(named('AAPL'), [found('APLE', 'name', ['yahoo'])])).toBeNull();
    expect(bestFound(named('AAPL'), [found('AAPL', 'ticker', ['finnhub'], null)])).toBeNull();
  });
});
