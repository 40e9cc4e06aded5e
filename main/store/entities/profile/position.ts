import { EntitySchema } from 'typeorm';

/** Units held of one symbol, and the units reserved by open sells. */
export interface PositionRow {
  symbol: string;
  quantity: string;
  reserved: string;
  updatedAt: string;
}

export const PositionEntity = new EntitySchema<PositionRow>({
  name: 'Position',
  tableName: 'positions',
  columns: {
    symbol: { type: 'text', primary: true },
    quantity: { type: 'text' },
    reserved: { type: 'text', default: '0' },
    updatedAt: { name: 'updated_at', type: 'text' },
  },
  withoutRowid: true,
});
