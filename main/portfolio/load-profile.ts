import type { ReadDb } from '../store/writer.js';
import { isoMinorUnits, type MinorUnits } from '../../shared/portfolio/activity.js';
import { statements } from '../store/statements.js';
import { PROFILE_SQL } from './repo.js';
import { plusAtScale } from '../../shared/money.js';

/** The profile's catalogue and wallets as the portfolio needs them: small tables, read on every snapshot. */
export interface InstrumentInfo {
  symbol: string;
  name: string;
  assetClass: string;
  quoteCurrency: string;
}

export interface WalletInfo {
  currency: string;
  balance: string;
  reserved: string;
}


export function loadInstruments(db: ReadDb): Map<string, InstrumentInfo> {
  return new Map((statements(db, PROFILE_SQL).instruments.all() as InstrumentInfo[]).map((i) => [i.symbol, i]));
}

export function loadMinorUnits(db: ReadDb): Map<string, number> {
  return new Map((statements(db, PROFILE_SQL).currencies.all() as { code: string; minorUnit: number }[]).map((c) => [c.code, c.minorUnit]));
}


/** One figure per currency over every account's wallet of it (the portfolio shows all accounts), summed exactly. */
export function loadWallets(db: ReadDb): WalletInfo[] {
  const rows = statements(db, PROFILE_SQL).wallets.all() as WalletInfo[];
  const out: WalletInfo[] = [];
  for (const w of rows) {
    const last = out.at(-1);
    if (last?.currency === w.currency) {
      out[out.length - 1] = { currency: w.currency, balance: plusAtScale(last.balance, w.balance), reserved: plusAtScale(last.reserved, w.reserved) };
    } else out.push(w);
  }
  return out;
}

/**
 * Minor units from the profile's catalogue (so a non-ISO quote currency such as USDT works), ISO 4217 for a code the
 * catalogue does not list. The map is read live: a snapshot state keeps this function, and a currency added to the
 * catalogue later is found by the next incremental update.
 */
export function catalogueMinorUnits(units: { current: ReadonlyMap<string, number> }): MinorUnits {
  return (code) => units.current.get(code) ?? isoMinorUnits(code);
}

/**
 * The instruments and minor units, read again on every snapshot but rebuilt only when they changed. SQLite packs
 * each table into one string (its rows in C, no row objects); the same string as last time means the same rows,
 * so the maps of the last read are handed out again (a request after one trade then builds no 200-entry map). Any
 * change at all, an insert or an update of any column read, gives another string and a full read.
 */
export class CatalogueCache {
  private instrumentsKey: string | null | undefined;
  private instrumentsMap = new Map<string, InstrumentInfo>();
  private unitsKey: string | null | undefined;
  private unitsMap = new Map<string, number>();

  instruments(db: ReadDb): Map<string, InstrumentInfo> {
    const key = statements(db, PROFILE_SQL).instrumentsPacked.pluck().get() as string | null;
    if (key !== this.instrumentsKey) {
      this.instrumentsMap = loadInstruments(db);
      this.instrumentsKey = key;
    }
    return this.instrumentsMap;
  }

  minorUnits(db: ReadDb): Map<string, number> {
    const key = statements(db, PROFILE_SQL).currenciesPacked.pluck().get() as string | null;
    if (key !== this.unitsKey) {
      this.unitsMap = loadMinorUnits(db);
      this.unitsKey = key;
    }
    return this.unitsMap;
  }
}
