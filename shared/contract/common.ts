import { z } from 'zod';
import { DECIMAL_RE } from '../money.js';

/** Shared building blocks of the channel schemas. Strict objects: an unexpected key is bad input, not ignored. */
export const Empty = z.strictObject({});

export const CurrencyCode = z.string().regex(/^[A-Z]{3}$/, 'a three-letter ISO 4217 code');

/** A positive decimal string (zero and sign rejected). Precision against the currency is checked by the service. */
export const Amount = z
  .string()
  .max(40)
  .regex(DECIMAL_RE, 'a plain decimal string such as "12.50"')
  .refine((s) => /[1-9]/.test(s), 'must be greater than zero');

export const DecimalString = z.string().regex(/^-?(0|[1-9]\d*)(\.\d+)?$/);

/** Client-generated key that makes a money-moving request safe to retry (docs/design.md#idempotency). */
export const IdempotencyKey = z.string().min(8).max(128).regex(/^[A-Za-z0-9._:-]+$/);

export const Note = z.string().max(500);

/** An account of the profile (the default account is `main`). */
export const AccountId = z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/);

export const IsoTime = z.string();
