import { EntitySchema } from 'typeorm';

/** The first result of a money-moving request, stored in the same transaction as its effect. */
export interface IdempotencyKeyRow {
  id: number;
  key: string;
  channel: string;
  requestHash: string;
  response: string;
  createdAt: string;
}

export const IdempotencyKeyEntity = new EntitySchema<IdempotencyKeyRow>({
  name: 'IdempotencyKey',
  tableName: 'idempotency_keys',
  columns: {
    // A rowid alias without AUTOINCREMENT and without NOT NULL, as ledger_entries.id; rows are appended (migration 014).
    id: { type: 'integer', primary: true, nullable: true },
    key: { type: 'text', unique: true },
    channel: { type: 'text' },
    requestHash: { name: 'request_hash', type: 'text' },
    response: { type: 'text' },
    createdAt: { name: 'created_at', type: 'text' },
  },
});
