import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { COINGECKO_IDS } from '../providers/symbols.js';
import { isCatalogueSymbol } from '../providers/listings.js';
import { COMMON_LISTINGS } from './common-listings.js';
import { folded, matchOf, type Candidate, type Query } from './rank.js';

interface Entry {
  candidate: Candidate;
  nameLower: string;
}

/** The `cryptocurrencies` package's list: `{ "BTC": "Bitcoin", … }`, every symbol a coin trades under. */
export function defaultCryptoListPath(): string {
  return createRequire(import.meta.url).resolve('cryptocurrencies/cryptocurrencies.json');
}

/**
 * What the search finds without a network: the common listings bundled with Bourse (main/search/common-listings.ts)
 * and the coins of the `cryptocurrencies` package, priced in USD as the crypto providers serve them. The coin list
 * is read once, on first use, off the keystroke path (`load` is started when the search is built).
 */
export class OfflineList {
  private entries: Entry[] = COMMON_LISTINGS.map((l) => ({
    candidate: {
      symbol: l.symbol,
      name: l.name,
      assetClass: 'stock',
      type: l.type,
      exchange: l.exchange,
      currency: l.currency,
      isin: l.isin,
      providerSymbols: { yahoo: l.symbol },
      from: 'bundled',
      common: true,
    },
    nameLower: folded(l.name),
  }));
  private loading: Promise<void> | undefined;

  constructor(private readonly cryptoListPath: string = defaultCryptoListPath()) {}

  load(): Promise<void> {
    this.loading ??= readFile(this.cryptoListPath, 'utf8').then((text) => {
      const coins = JSON.parse(text) as Record<string, string>;
      const crypto: Entry[] = [];
      for (const [ticker, name] of Object.entries(coins)) {
        const base = ticker.toUpperCase();
        const symbol = `${base}-USD`;
        if (!isCatalogueSymbol(symbol) || typeof name !== 'string') continue;
        const id = COINGECKO_IDS[base];
        crypto.push({
          candidate: { symbol, name: name.trim() || base, assetClass: 'crypto', type: 'Crypto', currency: 'USD', providerSymbols: id ? { coingecko: id } : {}, from: 'bundled', common: id !== undefined },
          nameLower: folded(name.trim()),
        });
      }
      this.entries = [...this.entries, ...crypto];
    });
    return this.loading;
  }

  /** Every entry that matches the words at all; ranking is the caller's. */
  async find(q: Query): Promise<Candidate[]> {
    await this.load();
    const out: Candidate[] = [];
    for (const e of this.entries) {
      const match = matchOf(q, e.candidate, e.nameLower);
      if (match) out.push({ ...e.candidate, match });
    }
    return out;
  }
}
