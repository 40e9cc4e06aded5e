import { randomFillSync } from 'node:crypto';

/**
 * The id of a new order or activity: a UUIDv7 (RFC 9562), so ids made later sort after ids made earlier. Each insert
 * then lands at the right-hand edge of every index keyed or partly keyed by the id (the table's own key, fills by
 * order, ledger entries by activity) instead of on a random leaf: a commit writes fewer pages, and a checkpoint copies
 * a few hot pages instead of thousands of scattered ones. Ids made before (v4) stay valid; nothing reads meaning into
 * an id's order beyond that.
 *
 * Made here rather than by the `uuid` package's v7, which draws its random bytes through Web Crypto on every call
 * (tens of microseconds per id on the order path); random bytes come from a pool refilled 4 KiB at a time, as
 * node's own randomUUID does. Within one millisecond a 26-bit counter (RFC 9562 method 1, seeded with 25 random
 * bits each millisecond) keeps ids increasing; if it runs out the timestamp moves on by one. test/unit/ids.test.ts checks the
 * layout against the `uuid` package.
 */
export function newRowId(): string {
  const now = Date.now();
  if (now > lastMs) {
    lastMs = now;
    const i = take(4);
    seq = ((POOL[i]! & 0x01) << 24) | (POOL[i + 1]! << 16) | (POOL[i + 2]! << 8) | POOL[i + 3]!; // 25 random bits: 2^25 more ids fit
    msHead = headOf(lastMs);
  } else if (++seq > 0x3ffffff) {
    lastMs += 1;
    seq = 0;
    msHead = headOf(lastMs);
  }
  // Read from the pool in place: a Buffer view per id costs more than the rest of the id.
  const r = take(6);
  // 4 version bits, 12 counter bits | 2 variant bits, 14 counter bits | 48 random bits.
  const a = (0x7000 | (seq >>> 14)).toString(16);
  const b = (0x8000 | (seq & 0x3fff)).toString(16);
  return `${msHead}${a}-${b}-${HEX[POOL[r]!]}${HEX[POOL[r + 1]!]}${HEX[POOL[r + 2]!]}${HEX[POOL[r + 3]!]}${HEX[POOL[r + 4]!]}${HEX[POOL[r + 5]!]}`;
}

let lastMs = -1;
let seq = 0;
/** The current millisecond as the id's first two groups ("xxxxxxxx-xxxx-"), made once per millisecond. */
let msHead = '';

function headOf(ms: number): string {
  const text = ms.toString(16).padStart(12, '0');
  return `${text.slice(0, 8)}-${text.slice(8)}-`;
}
const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));
const POOL = Buffer.alloc(4096);
let used = POOL.length;

/** The offset in POOL of `n` fresh random bytes. */
function take(n: number): number {
  if (used + n > POOL.length) {
    randomFillSync(POOL);
    used = 0;
  }
  used += n;
  return used - n;
}
