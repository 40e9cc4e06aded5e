import type BetterSqlite3 from 'better-sqlite3';
import { isoMinorUnits, type MinorUnits } from '../../shared/portfolio/activity.js';
import { statements } from '../store/statements.js';

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

const SQL = {
  instruments: 'SELECT symbol, name, asset_class AS assetClass, quote_currency AS quoteCurrency FROM instruments',
  currencies: 'SELECT code, minor_unit AS minorUnit FROM currencies',
  wallets: 'SELECT currency, balance, reserved FROM wallets ORDER BY currency',
};

export function loadInstruments(db: BetterSqlite3.Database): Map<string, InstrumentInfo> {
  return new Map((statements(db, SQL).instruments.all() as InstrumentInfo[]).map((i) => [i.symbol, i]));
}

export function loadMinorUnits(db: BetterSqlite3.Database): Map<string, number> {
  return new Map((statements(db, SQL).currencies.all() as { code: string; minorUnit: number }[]).map((c) => [c.code, c.minorUnit]));
}

export function loadWallets(db: BetterSqlite3.Database): WalletInfo[] {
  return statements(db, SQL).wallets.all() as WalletInfo[];
}

/**
 * Minor units from the profile's catalogue (so a non-ISO quote currency such as USDT works), ISO 4217 for a code the
 * catalogue does not list. The map is read live: a snapshot state keeps this function, and a currency added to the
 * catalogue later is found by the next incremental update.
 */
export function catalogueMinorUnits(units: { current: ReadonlyMap<string, number> }): MinorUnits {
  return (code) => units.current.get(code) ?? isoMinorUnits(code);
}
