import { EntitySchema } from 'typeorm';

/** The first result of a money-moving request, stored in the same transaction as its effect. */
export interface IdempotencyKeyRow {
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
    key: { type: 'text', primary: true },
    channel: { type: 'text' },
    requestHash: { name: 'request_hash', type: 'text' },
    response: { type: 'text' },
    createdAt: { name: 'created_at', type: 'text' },
  },
  // The key is the table: recording one touches one B-tree page instead of two.
  withoutRowid: true,
});
