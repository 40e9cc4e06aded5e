import type { AssetClass } from '../../shared/market.js';
import type { ProviderId } from './types.js';

/** One row of Settings → Data sources: the user's order is the array order. */
export interface ProviderSetting {
  id: ProviderId;
  enabled: boolean;
  baseUrl?: string;
  apiKey?: string;
}

export type ProvidersConfig = Partial<Record<AssetClass, ProviderSetting[]>>;

/**
 * Defaults from docs/design.md#providers: keyless providers first, key-based ones (disabled until a key is entered),
 * bundled last.
 */
export const DEFAULT_PROVIDERS_CONFIG: Required<ProvidersConfig> = {
  fx: [
    { id: 'frankfurter', enabled: true },
    { id: 'ecb', enabled: true },
    { id: 'open-exchange-rates', enabled: false },
    { id: 'currency-beacon', enabled: false },
    { id: 'bundled', enabled: true },
  ],
  crypto: [
    { id: 'binance', enabled: true },
    { id: 'coingecko', enabled: true },
    { id: 'coinbase', enabled: true },
  ],
  stock: [
    { id: 'yahoo', enabled: true },
    { id: 'alpha-vantage', enabled: false },
    { id: 'finnhub', enabled: false },
  ],
};

/** `open-exchange-rates` → `BOURSE_OPEN_EXCHANGE_RATES_URL`. */
export function envVarFor(id: ProviderId): string {
  return `BOURSE_${id.toUpperCase().replace(/-/g, '_')}_URL`;
}

/**
 * Base URL precedence: the user's setting (a proxy or mirror they chose), then the environment (tests, E2E, ops),
 * then the adapter's default. Trailing slashes are dropped because adapters append `/path`.
 */
export function resolveBaseUrl(id: ProviderId, setting: ProviderSetting | undefined, env: Record<string, string | undefined>, fallback: string): string {
  const url = setting?.baseUrl?.trim() || env[envVarFor(id)]?.trim() || fallback;
  return url.replace(/\/+$/, '');
}
