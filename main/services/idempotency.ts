import type BetterSqlite3 from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { AppError } from '../../shared/errors.js';
import { statements } from '../store/statements.js';

/**
 * Idempotency for money-moving requests (DESIGN §3). Looked up and recorded inside the caller's transaction, so the
 * key and the effect commit together or not at all. A refused request records nothing: retrying it is safe too.
 */
export function requestHash(channel: string, payload: Record<string, unknown>): string {
  const { idempotencyKey: _ignored, ...rest } = payload;
  const canonical = JSON.stringify(rest, Object.keys(rest).sort());
  return createHash('sha256').update(channel).update('\0').update(canonical).digest('hex');
}

interface KeyRow {
  channel: string;
  request_hash: string;
  response: string;
}

/** Synchronous: call only inside `Writer.sync`, so lookup, effect and record share one transaction. */
export function withIdempotency<T>(
  db: BetterSqlite3.Database,
  channel: string,
  payload: Record<string, unknown> & { idempotencyKey: string },
  at: string,
  work: () => T,
): T {
  const sql = statements(db, {
    find: 'SELECT channel, request_hash, response FROM idempotency_keys WHERE key = ?',
    record: 'INSERT INTO idempotency_keys (key, channel, request_hash, response, created_at) VALUES (?, ?, ?, ?, ?)',
  });
  const hash = requestHash(channel, payload);
  const existing = sql.find.get(payload.idempotencyKey) as KeyRow | undefined;
  if (existing) {
    if (existing.channel !== channel || existing.request_hash !== hash) {
      throw new AppError('IDEMPOTENCY_CONFLICT', 'This request key was already used for a different request.', {
        idempotencyKey: payload.idempotencyKey,
      });
    }
    return JSON.parse(existing.response) as T;
  }
  const result = work();
  sql.record.run(payload.idempotencyKey, channel, hash, JSON.stringify(result), at);
  return result;
}
