import { describe, expect, it } from 'vitest';
import { matchOf, mergeAndRank, preselect, prepareQuery, shareClassSpelling, type Candidate } from '../../main/search/rank.js';

const stock = (symbol: string, name: string, from: string, extra: Partial<Candidate> = {}): Candidate => ({ symbol, name, assetClass: 'stock', type: 'Equity', providerSymbols: {}, from, ...extra });
const coin = (base: string, name: string, extra: Partial<Candidate> = {}): Candidate => ({ symbol: `${base}-USD`, name, assetClass: 'crypto', type: 'Crypto', currency: 'USD', providerSymbols: {}, from: 'bundled', ...extra });

describe('search ranking', () => {
  it('names the kind of match', () => {
    const q = prepareQuery('app');
    expect(matchOf(prepareQuery('aapl'), stock('AAPL', 'Apple Inc.', 'bundled'))).toBe('ticker');
    expect(matchOf(prepareQuery('btc'), coin('BTC', 'Bitcoin'))).toBe('ticker');
    expect(matchOf(prepareQuery('us0378331005'), stock('AAPL', 'Apple Inc.', 'bundled', { isin: 'US0378331005' }))).toBe('isin');
    expect(matchOf(prepareQuery('tsco.lon'), stock('TSCO.L', 'Tesco', 'x', { providerSymbols: { 'alpha-vantage': 'TSCO.LON' } }))).toBe('ticker');
    expect(matchOf(q, stock('APP', 'AppLovin', 'bundled'))).toBe('ticker');
    expect(matchOf(q, stock('APPF', 'AppFolio', 'bundled'))).toBe('prefix');
    expect(matchOf(q, stock('X', 'Big Apple Corp', 'bundled'))).toBe('name');
    expect(matchOf(q, stock('X', 'Snapple', 'bundled'))).toBe('related');
    expect(matchOf(prepareQuery('ap'), stock('X', 'Snapple', 'bundled'))).toBeNull();
  });

  it('a common instrument named like the words outranks an obscure coin whose ticker they are', () => {
    const ranked = mergeAndRank(prepareQuery('apple'), [coin('APPLE', 'Apple Token'), stock('AAPL', 'Apple Inc.', 'bundled', { common: true })], 10);
    expect(ranked.map((r) => r.symbol)).toEqual(['AAPL', 'APPLE-USD']);
  });

  it('the catalogue comes first; one result per instrument with every provider symbol, the catalogue’s own kept', () => {
    const ranked = mergeAndRank(
      prepareQuery('apple'),
      [
        stock('APLE', 'Apple Hospitality REIT', 'catalogue', { instrumentId: 7, providerSymbols: { yahoo: 'APLE' }, currency: 'USD' }),
        stock('AAPL', 'Apple Inc.', 'yahoo', { providerSymbols: { yahoo: 'AAPL' }, exchange: 'NASDAQ', currency: 'USD' }),
        stock('AAPL', 'APPLE INC', 'finnhub', { providerSymbols: { finnhub: 'AAPL' } }),
        stock('APLE', 'APPLE HOSPITALITY', 'finnhub', { providerSymbols: { yahoo: 'OTHER', finnhub: 'APLE' } }),
      ],
      10,
    );
    expect(ranked.map((r) => [r.symbol, r.instrumentId, r.from])).toEqual([
      ['APLE', 7, ['catalogue', 'finnhub']],
      ['AAPL', null, ['yahoo', 'finnhub']],
    ]);
    expect(ranked[0]?.providerSymbols).toEqual({ yahoo: 'APLE', finnhub: 'APLE' });
    expect(ranked[1]).toMatchObject({ name: 'Apple Inc.', exchange: 'NASDAQ', providerSymbols: { yahoo: 'AAPL', finnhub: 'AAPL' } });
  });

  it('keeps at most the limit', () => {
    const many = Array.from({ length: 30 }, (_, i) => stock(`A${i}`, `Alpha ${i}`, 'bundled'));
    expect(mergeAndRank(prepareQuery('a'), many, 5)).toHaveLength(5);
  });
});

describe('preselecting the offline list', () => {
  it('keeps the best by their own score, and any another source names', () => {
    const q = prepareQuery('a');
    const coins = Array.from({ length: 50 }, (_, i) => coin(`A${i}`, `Coin ${i}`));
    const kept = preselect(q, [...coins, coin('A', 'The A coin', { common: true })], 5, new Set(['crypto:A40-USD']));
    expect(kept.map((c) => c.symbol)).toEqual(['A-USD', 'A0-USD', 'A1-USD', 'A2-USD', 'A3-USD', 'A40-USD']);
  });
  it('one share spelled BRK.B, BRK-B or BRK/B by its sources is one result, with each provider’s own spelling', () => {
    expect(['BRK.B', 'BRK-B', 'BRK/B', 'BRK B', 'VOD.L', '7203.T', 'BF.B', 'AAPL', 'SAP.DE'].map(shareClassSpelling)).toEqual(['BRK-B', 'BRK-B', 'BRK-B', 'BRK-B', 'VOD.L', '7203.T', 'BF-B', 'AAPL', 'SAP.DE']);
    const ranked = mergeAndRank(
      prepareQuery('berkshire'),
      [
        stock('BRK.B', 'BERKSHIRE HATHAWAY INC-CL B', 'finnhub', { providerSymbols: { finnhub: 'BRK.B' } }),
        stock('BRK-B', 'Berkshire Hathaway Inc. New', 'yahoo', { providerSymbols: { yahoo: 'BRK-B' }, exchange: 'NYSE', currency: 'USD' }),
        stock('BRK-B', 'BERKSHIRE HATHAWAY INC', 'alpha-vantage', { providerSymbols: { 'alpha-vantage': 'BRK-B' }, exchange: 'United States', currency: 'USD' }),
        stock('BRK.A', 'BERKSHIRE HATHAWAY INC-CL A', 'finnhub', { providerSymbols: { finnhub: 'BRK.A' } }),
        stock('BRK-A', 'Berkshire Hathaway Inc.', 'yahoo', { providerSymbols: { yahoo: 'BRK-A' }, exchange: 'NYSE', currency: 'USD' }),
        // A listing suffix is not a class: Vodafone in London and a US ticker VOD-L would be two instruments.
        stock('VOD.L', 'Vodafone Group', 'yahoo', { providerSymbols: { yahoo: 'VOD.L' }, currency: 'GBP' }),
      ],
      10,
    );
    expect(ranked.map((r) => [r.symbol, r.providerSymbols, r.from, r.exchange, r.currency])).toEqual([
      ['BRK-B', { finnhub: 'BRK.B', yahoo: 'BRK-B', 'alpha-vantage': 'BRK-B' }, ['finnhub', 'yahoo', 'alpha-vantage'], 'NYSE', 'USD'],
      ['BRK-A', { finnhub: 'BRK.A', yahoo: 'BRK-A' }, ['finnhub', 'yahoo'], 'NYSE', 'USD'],
      ['VOD.L', { yahoo: 'VOD.L' }, ['yahoo'], null, 'GBP'],
    ]);
    // The catalogue's own spelling stays, and typing any spelling finds it by its ticker.
    const own = mergeAndRank(prepareQuery('brk/b'), [stock('BRK.B', 'Berkshire B', 'catalogue', { instrumentId: 3 }), stock('BRK-B', 'Berkshire Hathaway Inc. New', 'yahoo', { providerSymbols: { yahoo: 'BRK-B' } })], 10);
    expect(own.map((r) => [r.symbol, r.instrumentId, r.match, r.providerSymbols])).toEqual([['BRK.B', 3, 'ticker', { yahoo: 'BRK-B' }]]);
  });
});
