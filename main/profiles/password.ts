import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/**
 * Password hashing with scrypt from node:crypto (no native dependency). Each hash carries its own parameters
 * (`scrypt$N$r$p$saltB64$hashB64`), so the cost can be raised without breaking existing profiles: an older hash
 * still verifies with the parameters it names and is replaced at the next successful sign-in (`needsRehash`).
 * N = 2^17, r = 8, p = 1 is OWASP's minimum for scrypt (docs/design.md#security).
 */
export const DEFAULT_COST = 1 << 17;
const BLOCK_SIZE = 8;
const PARALLELISM = 1;
const KEYLEN = 32;
/** Upper bounds for parameters read back from a stored hash, so a damaged row cannot ask for gigabytes. */
const MAX_COST = 1 << 20;
const MAX_BLOCK_SIZE = 32;
const MAX_PARALLELISM = 16;

export interface ScryptParams {
  N: number;
  r: number;
  p: number;
}

/** scrypt needs 128·N·r bytes; node refuses above `maxmem` (32 MiB by default), so it is raised to fit with room. */
function maxmem({ N, r }: ScryptParams): number {
  return 128 * N * r + 16 * 1024 * 1024;
}

function derive(password: string, salt: Buffer, params: ScryptParams): Promise<Buffer> {
  const opts: ScryptOptions = { N: params.N, r: params.r, p: params.p, maxmem: maxmem(params) };
  return new Promise((resolve, reject) =>
    scrypt(password.normalize('NFKC'), salt, KEYLEN, opts, (err, key) => (err ? reject(err) : resolve(key))),
  );
}

export async function hashPassword(password: string, cost = DEFAULT_COST): Promise<string> {
  const salt = randomBytes(16);
  const params = { N: cost, r: BLOCK_SIZE, p: PARALLELISM };
  const key = await derive(password, salt, params);
  return ['scrypt', params.N, params.r, params.p, salt.toString('base64'), key.toString('base64')].join('$');
}

function isPowerOfTwo(n: number): boolean {
  return Number.isInteger(n) && n > 1 && (n & (n - 1)) === 0;
}

/** The parameters a stored hash names, or null when it is not a well-formed scrypt hash within sane bounds. */
export function hashParams(stored: string): ScryptParams | null {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !hash) return null;
  const params = { N: Number(n), r: Number(r), p: Number(p) };
  if (!isPowerOfTwo(params.N) || params.N > MAX_COST) return null;
  if (!Number.isInteger(params.r) || params.r < 1 || params.r > MAX_BLOCK_SIZE) return null;
  if (!Number.isInteger(params.p) || params.p < 1 || params.p > MAX_PARALLELISM) return null;
  return params;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const params = hashParams(stored);
  if (!params) return false;
  const [, , , , salt = '', hash = ''] = stored.split('$');
  const expected = Buffer.from(hash, 'base64');
  const key = await derive(password, Buffer.from(salt, 'base64'), params);
  return key.length === expected.length && timingSafeEqual(key, expected);
}

/** A hash made with weaker parameters than `cost` asks for: rehash it once the password is known to be right. */
export function needsRehash(stored: string, cost = DEFAULT_COST): boolean {
  const params = hashParams(stored);
  return !params || params.N < cost || params.r < BLOCK_SIZE;
}
