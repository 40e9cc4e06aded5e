import type { ReadDb, WriteDb } from './writer.js';
import { hash } from 'node:crypto';
import { AppError } from '../../shared/errors.js';
import { statements } from './statements.js';

/**
 * Idempotency for money-moving requests (docs/design.md#idempotency). Looked up and recorded inside the caller's
 * transaction, so the key and the effect commit together or not at all. A refused request records nothing: retrying it
 * is safe too.
 */
export function requestHash(channel: string, payload: Record<string, unknown>): string {
  // One-shot hash of the same bytes as createHash().update(channel).update('\0').update(text): the same digest for
  // keys stored before, without building a Hash object per request (visible in CPU profiles of the order path). The
  // key itself is left out while writing the text rather than by copying the payload without it.
  return hash('sha256', `${channel}\0${canonical(payload, 'idempotencyKey')}`, 'hex');
}

/**
 * JSON with every object's keys sorted, at every depth. (A replacer array, as before, also filters nested objects'
 * keys by the top level's names, so two requests differing only inside a nested object hashed the same.) For a flat
 * payload the text is exactly the old one, so keys stored before this change still match their replays.
 */
function canonical(value: unknown, skip?: string): string {
  // Built by appending (every money-moving request hashes its payload): the same text as mapping and joining.
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) {
      const v: unknown = value[i];
      out += (i ? ',' : '') + (v === undefined ? 'null' : canonical(v));
    }
    return `${out}]`;
  }
  const record = value as Record<string, unknown>;
  let out = '{';
  for (const k of Object.keys(record).sort()) {
    const v = record[k];
    if (v === undefined || k === skip) continue;
    out += `${out.length > 1 ? ',' : ''}${JSON.stringify(k)}:${canonical(v)}`;
  }
  return `${out}}`;
}

/** One record per module, so statements() finds its prepared set at once (a literal per call missed that cache). */
const SQL = {
  find: 'SELECT channel, request_hash, response FROM idempotency_keys WHERE key = ?',
  record: 'INSERT INTO idempotency_keys (key, channel, request_hash, response, created_at) VALUES (?, ?, ?, ?, ?)',
};

interface KeyRow {
  channel: string;
  request_hash: string;
  response: string;
}

/**
 * The first response recorded under `key`, or undefined when the key is new. A key used before for another channel or
 * another request is a conflict: nothing runs and nothing is recorded.
 */
export function replayOf<T>(db: ReadDb, channel: string, key: string, hash: string): T | undefined {
  const existing = statements(db, SQL).find.get(key) as KeyRow | undefined;
  if (!existing) return undefined;
  if (existing.channel !== channel || existing.request_hash !== hash) {
    throw new AppError('IDEMPOTENCY_CONFLICT', 'This request key was already used for a different request.', { idempotencyKey: key });
  }
  return JSON.parse(existing.response) as T;
}

/** Records a request's first response; call in the transaction of its effect. */
export function recordResponse(db: WriteDb, channel: string, key: string, hash: string, response: unknown, at: string): void {
  statements(db, SQL).record.run(key, channel, hash, JSON.stringify(response), at);
}

/** Synchronous: call only inside `Writer.write`, so lookup, effect and record share one transaction. */
export function withIdempotency<T>(
  db: WriteDb,
  channel: string,
  payload: Record<string, unknown> & { idempotencyKey: string },
  at: string,
  work: () => T,
): T {
  const hash = requestHash(channel, payload);
  const replay = replayOf<T>(db, channel, payload.idempotencyKey, hash);
  if (replay !== undefined) return replay;
  const result = work();
  recordResponse(db, channel, payload.idempotencyKey, hash, result, at);
  return result;
}
