import { describe, expect, it } from 'vitest';
import { DEFAULT_COST, hashParams, hashPassword, needsRehash, verifyPassword } from '../../main/profiles/password.js';

describe('password hashes (docs/design.md#security)', () => {
  it('hash with scrypt N=2^17, r=8, p=1 (OWASP minimum) and say so in the hash', async () => {
    expect(DEFAULT_COST).toBe(2 ** 17);
    const h = await hashPassword('correct horse battery');
    expect(h).toMatch(/^scrypt\$131072\$8\$1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
    expect(hashParams(h)).toEqual({ N: 131072, r: 8, p: 1 });
    expect(await verifyPassword('correct horse battery', h)).toBe(true);
    expect(await verifyPassword('correct horse batterx', h)).toBe(false);
    expect(needsRehash(h)).toBe(false);
  });

  it('a hash of the earlier cost (N=2^15) still verifies and asks to be rehashed', async () => {
    const old = await hashPassword('an older password', 2 ** 15);
    expect(hashParams(old)).toEqual({ N: 32768, r: 8, p: 1 });
    expect(await verifyPassword('an older password', old)).toBe(true);
    expect(needsRehash(old)).toBe(true);
  });

  it('refuses malformed or absurd parameters without deriving anything', async () => {
    const good = await hashPassword('pw-pw-pw', 1024);
    const [, , , , salt, hash] = good.split('$');
    for (const bad of [
      `scrypt$1000$8$1$${salt}$${hash}`, // not a power of two
      `scrypt$${2 ** 24}$8$1$${salt}$${hash}`, // gigabytes
      `scrypt$1024$0$1$${salt}$${hash}`,
      `scrypt$1024$8$99$${salt}$${hash}`,
      `bcrypt$1024$8$1$${salt}$${hash}`,
      'scrypt$1024$8$1$$',
    ]) {
      expect(hashParams(bad), bad).toBeNull();
      expect(await verifyPassword('pw-pw-pw', bad), bad).toBe(false);
    }
  });
});
