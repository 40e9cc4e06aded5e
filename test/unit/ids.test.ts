import { describe, expect, it } from 'vitest';
import { validate, version } from 'uuid';
import { newRowId } from '../../main/store/ids.js';

describe('row ids (UUIDv7)', () => {
  it('are valid version-7 UUIDs with the RFC 9562 variant, the current time in front', () => {
    const before = Date.now();
    const id = newRowId();
    const after = Date.now();
    expect(validate(id)).toBe(true);
    expect(version(id)).toBe(7);
    expect('89ab').toContain(id[19]);
    const ms = parseInt(id.slice(0, 8) + id.slice(9, 13), 16);
    expect(ms).toBeGreaterThanOrEqual(before);
    expect(ms).toBeLessThanOrEqual(after + 1);
  });

  it('strictly increase as text, many within one millisecond, and never repeat', () => {
    const ids = Array.from({ length: 200_000 }, () => newRowId());
    for (let i = 1; i < ids.length; i++) if (!(ids[i - 1]! < ids[i]!)) expect(`${ids[i - 1]} < ${ids[i]}`).toBe('increasing');
    expect(new Set(ids).size).toBe(ids.length);
    expect(new Set(ids.map((id) => id.slice(0, 13))).size).toBeLessThan(ids.length);
  });
});
