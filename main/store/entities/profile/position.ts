import { EntitySchema } from 'typeorm';

/** Units held of one symbol in one account, and the units reserved by open sells. */
export interface PositionRow {
  accountId: string;
  symbol: string;
  quantity: string;
  reserved: string;
  updatedAt: string;
}

export const PositionEntity = new EntitySchema<PositionRow>({
  name: 'Position',
  tableName: 'positions',
  columns: {
    accountId: { name: 'account_id', type: 'text', primary: true, default: 'main', foreignKey: { target: 'Account', onDelete: 'RESTRICT' } },
    symbol: { type: 'text', primary: true },
    quantity: { type: 'text' },
    reserved: { type: 'text', default: '0' },
    updatedAt: { name: 'updated_at', type: 'text' },
  },
  withoutRowid: true,
});
