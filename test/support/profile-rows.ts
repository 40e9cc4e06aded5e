import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Database } from './db-key.js';

/** The positions table of the (only) profile in data folder `dir`, read-only: "<account> <symbol> <quantity>", sorted. */
export function positionsIn(dir: string): string[] {
  const profiles = join(dir, 'profiles');
  const db = new Database(join(profiles, readdirSync(profiles)[0]!, 'bourse.db'), { readonly: true });
  try {
    return (db.prepare("SELECT account_id || ' ' || symbol || ' ' || quantity AS p FROM positions ORDER BY 1").all() as { p: string }[]).map((r) => r.p);
  } finally {
    db.close();
  }
}
