import { describe, expect, it } from 'vitest';
import { bestMatch } from '../../renderer/src/components/import/best-match.js';
import type { InstrumentView, UnknownInstrument } from '../../shared/contract/index.js';

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
