import type { WriteDb } from '../store/writer.js';
import type { UnknownInstrument } from '../../shared/contract/index.js';
import type { InstrumentRef } from './candidate.js';
import { INSTRUMENTS_SQL } from './repo.js';
import { statements } from '../store/statements.js';

interface Listed {
  symbol: string;
  quote: string;
}

const squash = (s: string) => s.toUpperCase().replace(/[^A-Z0-9]/g, '');

/**
 * Finds the catalogue instrument a broker row names. In order: the user's own match for the reference or its ISIN
 * (the mapping's `instruments`), the symbol itself, the symbol written without punctuation (Binance's "BTCUSDT" is
 * "BTC-USDT", "BRK.B" is "BRK-B") when only one instrument fits, and a crypto asset with the row's currency ("BTC"
 * in EUR is "BTC-EUR"). Never a guess across currencies: a row priced in EUR is not matched to "BTC-USD".
 * What stays unknown is collected, once per reference, for the preview.
 */
export class InstrumentResolver {
  private readonly bySymbol = new Map<string, Listed>();
  private readonly bySquashed = new Map<string, Listed[]>();
  private readonly unknown = new Map<string, UnknownInstrument>();

  constructor(
    db: WriteDb,
    private readonly aliases: Readonly<Record<string, string>>,
  ) {
    for (const r of statements(db, INSTRUMENTS_SQL).all.all() as Listed[]) {
      this.bySymbol.set(r.symbol, r);
      const k = squash(r.symbol);
      this.bySquashed.set(k, [...(this.bySquashed.get(k) ?? []), r]);
    }
  }

  /** The catalogue symbol and its quote currency, or null (and the reference noted as unknown). */
  resolve(ref: InstrumentRef, line: number): Listed | null {
    const alias = this.aliases[ref.reference] ?? (ref.isin ? this.aliases[ref.isin] : undefined);
    if (alias) return this.bySymbol.get(alias) ?? this.note(ref, line);
    const exact = this.bySymbol.get(ref.reference);
    if (exact) return exact;
    const close = this.bySquashed.get(squash(ref.reference));
    if (close?.length === 1) return close[0]!;
    if (ref.currency) {
      const pair = this.bySymbol.get(`${ref.reference}-${ref.currency}`);
      if (pair) return pair;
    }
    return this.note(ref, line);
  }

  /** Every reference no instrument was found for, in the order the file first names them. */
  unknowns(): UnknownInstrument[] {
    return [...this.unknown.values()];
  }

  private note(ref: InstrumentRef, line: number): null {
    const hit = this.unknown.get(ref.reference);
    if (hit) hit.rows += 1;
    else this.unknown.set(ref.reference, { reference: ref.reference, isin: ref.isin, name: ref.name, currency: ref.currency, rows: 1, firstLine: line });
    return null;
  }
}
