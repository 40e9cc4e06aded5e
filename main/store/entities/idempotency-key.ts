export * from './profile/idempotency-key.js';
