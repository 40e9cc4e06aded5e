import { EntitySchema } from 'typeorm';

/** A provider API key of this profile, bound to the base URL it was entered for. */
export interface ProviderKeyRow {
  provider: string;
  apiKey: string;
  baseUrl: string;
}

export const ProviderKeyEntity = new EntitySchema<ProviderKeyRow>({
  name: 'ProviderKey',
  tableName: 'provider_keys',
  columns: {
    provider: { type: 'text', primary: true },
    apiKey: { name: 'api_key', type: 'text' },
    baseUrl: { name: 'base_url', type: 'text' },
  },
});
