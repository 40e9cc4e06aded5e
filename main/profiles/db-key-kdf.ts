import { randomBytes, scrypt } from 'node:crypto';
import { DbKey } from '../store/db-key.js';

/**
 * A profile database's key, derived from its password with scrypt (node:crypto) under a salt of its own, never the
 * password hash's: knowing the hash (app.db) gives nothing towards the key. scrypt rather than SQLCipher's PBKDF2 key
 * derivation: it is memory-hard (costly on GPUs), and the derived raw key opens every connection of the session
 * (exports in threads, backups) without running a KDF per open. Parameters travel with the salt:
 * `scrypt$N$r$p$saltB64`.
 */
export const KEY_COST = 1 << 17;

export function newKeyParams(cost = KEY_COST): string {
  return ['scrypt', cost, 8, 1, randomBytes(16).toString('base64')].join('$');
}

export function deriveDbKey(password: string, params: string): Promise<DbKey> {
  const [scheme, n, r, p, salt] = params.split('$');
  if (scheme !== 'scrypt' || !salt) return Promise.reject(new Error('Unknown key derivation parameters.'));
  const opts = { N: Number(n), r: Number(r), p: Number(p), maxmem: 256 * 1024 * 1024 };
  return new Promise((resolve, reject) =>
    scrypt(password.normalize('NFKC'), Buffer.from(salt, 'base64'), 32, opts, (err, key) => (err ? reject(err) : resolve(DbKey.fromBytes(key)))),
  );
}
