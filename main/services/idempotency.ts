import { createHash } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { AppError } from '../../shared/errors.js';
import { IdempotencyKeyEntity } from '../store/entities/idempotency-key.js';

/**
 * Idempotency for money-moving requests (DESIGN §3). Looked up and recorded inside the caller's transaction, so the
 * key and the effect commit together or not at all. A refused request records nothing: retrying it is safe too.
 */
export function requestHash(channel: string, payload: Record<string, unknown>): string {
  const { idempotencyKey: _ignored, ...rest } = payload;
  const canonical = JSON.stringify(rest, Object.keys(rest).sort());
  return createHash('sha256').update(channel).update('\0').update(canonical).digest('hex');
}

export async function withIdempotency<T>(
  em: EntityManager,
  channel: string,
  payload: Record<string, unknown> & { idempotencyKey: string },
  now: () => Date,
  work: () => Promise<T>,
): Promise<T> {
  const hash = requestHash(channel, payload);
  const existing = await em.findOneBy(IdempotencyKeyEntity, { key: payload.idempotencyKey });
  if (existing) {
    if (existing.channel !== channel || existing.requestHash !== hash) {
      throw new AppError('IDEMPOTENCY_CONFLICT', 'This request key was already used for a different request.', {
        idempotencyKey: payload.idempotencyKey,
      });
    }
    return JSON.parse(existing.response) as T;
  }
  const result = await work();
  await em.insert(IdempotencyKeyEntity, {
    key: payload.idempotencyKey,
    channel,
    requestHash: hash,
    response: JSON.stringify(result),
    createdAt: now().toISOString(),
  });
  return result;
}
