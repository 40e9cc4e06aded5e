import { EntitySchema } from 'typeorm';

/** A stock or crypto asset of the profile's catalogue, priced in its quote currency. */
export interface InstrumentRow {
  id: number;
  symbol: string;
  name: string;
  assetClass: 'stock' | 'crypto';
  quoteCurrency: string;
  /** JSON object: the symbol each provider knows the instrument by. */
  providerSymbols: string;
  createdAt: string;
  updatedAt: string;
}

export const InstrumentEntity = new EntitySchema<InstrumentRow>({
  name: 'Instrument',
  tableName: 'instruments',
  columns: {
    // Nullable as written by its migration (no NOT NULL); as a rowid alias it never holds NULL: an insert without
    // it gets the next id.
    id: { type: 'integer', primary: true, nullable: true, generated: 'increment' },
    symbol: { type: 'text', unique: true },
    name: { type: 'text' },
    assetClass: { name: 'asset_class', type: 'text' },
    quoteCurrency: { name: 'quote_currency', type: 'text', foreignKey: { target: 'Currency', onDelete: 'RESTRICT' } },
    providerSymbols: { name: 'provider_symbols', type: 'text', default: '{}' },
    createdAt: { name: 'created_at', type: 'text' },
    updatedAt: { name: 'updated_at', type: 'text' },
  },
  checks: [{ expression: "asset_class IN ('stock', 'crypto')" }],
});
