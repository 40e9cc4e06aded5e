import type { AccountTotals } from '../../shared/contract/portfolio.js';
import { Dec } from '../../shared/decimal/index.js';
import type { ClosedLot, ClosedLots, Holding } from '../../shared/lots/index.js';
import type { LotsService } from '../lots/service.js';
import { RateBook } from '../history/rates.js';
import type { CarriedSeries } from '../market/fx-resolve.js';
import { statements } from '../store/statements.js';
import type { ReadDb } from '../store/writer.js';
import { loadCloses, type LastClose } from './load-prices.js';
import { BY_ACCOUNT_SQL } from './repo.js';

/** What the profile database holds for a snapshot by account and date. */
export interface AccountBook {
  accounts: { id: string; name: string; cost_method: string }[];
  /** Units and cost held per (account, instrument) at the end of the day, each account's by its own method. */
  holdings: Holding[];
  /** Every lot closed up to the day (realized P&L), the same array while the kept book only grows. */
  closed: readonly ClosedLot[];
  /** What the book's last forget() took out of which closed list (ClosedInBase.prepare). */
  forgotten: ClosedLots | null;
  /** Cash per account and currency at the end of the day: the ledger's entries of activities dated up to it. */
  cash: Map<string, Map<string, Dec>>;
}

/**
 * Reads the lots and cash of every account as they stood at the end of `date`: the lots engine's book up to it
 * (every account by its own method, corporate actions included; main/lots/ keeps it between requests), and cash
 * summed from the ledger entries of the activities dated up to it, whatever moved them. When no entry is dated
 * after the day, that sum is each wallet's balance (a balance always equals the sum of its entries), read as such.
 */
export function readAccountBook(db: ReadDb, date: string, lots: LotsService): AccountBook {
  const sql = statements(db, BY_ACCOUNT_SQL);
  const { accounts, book } = lots.book(db, date);
  const cash = new Map<string, Map<string, Dec>>();
  const latest = sql.latestEntryDate.pluck().get() as string;
  const rows = latest <= date ? sql.walletCash.all() : sql.cash.all(date);
  for (const r of rows as { account_id: string; currency: string; amount: string }[]) add(cash, r.account_id, r.currency, Dec.of(r.amount));
  return { accounts, holdings: book.holdings(), closed: book.closed, forgotten: book.forgotten(), cash };
}

function add(m: Map<string, Map<string, Dec>>, account: string, currency: string, v: Dec): void {
  let inner = m.get(account);
  if (!inner) m.set(account, (inner = new Map()));
  inner.set(currency, (inner.get(currency) ?? Dec.ZERO).plus(v));
}

export interface MarketView {
  /** The last close on or before the day, by the user's source priority. */
  close(symbol: string, currency: string, assetClass: string): LastClose | undefined;
  /** Units of the base currency per unit of `currency` on the day (the last rate on or before it), or null. */
  rate(currency: string): Dec | null;
  /** The same on an earlier day, from `since` on (a closed lot's acquisition and sale days). */
  rateOn(currency: string, day: string): Dec | null;
}

/** The market database as of `date`: closes and rates on or before it, never after. */
export function marketAsOf(
  db: ReadDb,
  date: string,
  since: string,
  base: string,
  fxPriority: readonly string[],
  barPriority: (assetClass: string) => readonly string[],
  series?: CarriedSeries,
): MarketView {
  const rates = new RateBook(db, base, fxPriority, series);
  const rateOn = (currency: string, day: string): Dec | null => {
    if (currency === base) return Dec.ONE;
    rates.load(currency, since < date ? since : date, date);
    const r = rates.rate(currency, day);
    return r === null ? null : Dec.of(r);
  };
  return {
    close: (symbol, currency, assetClass) => loadCloses(db, { symbol, currency, assetClass }, date, date, barPriority(assetClass)).last,
    rate: (currency) => rateOn(currency, date),
    rateOn,
  };
}

/**
 * The day's closes and rates asked of a MarketView, kept between requests for the same day, base currency and source
 * priorities until stored closes or rates change (changed()): a snapshot asks the same ones again after a trade.
 * Rates of earlier days (closed lots) are not kept here: closed-in-base.ts keeps what it makes of them.
 */
export class DayMarketMemo {
  private key = '';
  private epoch = 0;
  private closes = new Map<string, LastClose | undefined>();
  private rates = new Map<string, Dec | null>();

  changed(): void {
    this.epoch++;
  }

  view(inner: MarketView, key: string): MarketView {
    const k = `${key}\u001e${this.epoch}`;
    if (k !== this.key) {
      this.key = k;
      this.closes = new Map();
      this.rates = new Map();
    }
    return {
      close: (symbol, currency, assetClass) => {
        const c = `${symbol}\u001f${currency}\u001f${assetClass}`;
        if (!this.closes.has(c)) this.closes.set(c, inner.close(symbol, currency, assetClass));
        return this.closes.get(c);
      },
      rate: (currency) => {
        if (!this.rates.has(currency)) this.rates.set(currency, inner.rate(currency));
        return this.rates.get(currency)!;
      },
      rateOn: inner.rateOn,
    };
  }
}

export interface Valued {
  accounts: AccountTotals[];
  missingPrices: string[];
  missingFx: string[];
}

/**
 * The accounts asked, valued: each holding at the day's close (quantity × close at the currency's minor unit), its
 * cost from the lots, and both in the base currency at the day's rate; each cash balance likewise. Totals are sums
 * of the rounded base figures; a figure without a close or rate is left out of them and named.
 */
export function valueAccounts(book: AccountBook, ids: readonly string[], market: MarketView, base: { code: string; minorUnit: number }, minorUnit: (code: string) => number, assetClass: (symbol: string) => string): Valued {
  const missingPrices = new Set<string>();
  const missingFx = new Set<string>();
  const toBase = (amount: Dec, currency: string): Dec | null => {
    const r = market.rate(currency);
    if (r === null) {
      missingFx.add(currency);
      return null;
    }
    return amount.times(r).round(base.minorUnit);
  };
  const wanted = new Set(ids);
  const accounts: AccountTotals[] = [];
  for (const a of book.accounts) {
    if (!wanted.has(a.id)) continue;
    const positions = new Map<string, { currency: string; quantity: Dec; cost: Dec }>();
    for (const h of book.holdings) if (h.accountId === a.id) positions.set(h.symbol, h);
    let holdingsTotal = Dec.ZERO;
    const holdings: AccountTotals['holdings'] = [];
    for (const [symbol, p] of [...positions].sort(([x], [y]) => x.localeCompare(y))) {
      const mu = minorUnit(p.currency);
      const close = market.close(symbol, p.currency, assetClass(symbol));
      if (!close) missingPrices.add(symbol);
      const value = close ? p.quantity.times(close.close).round(mu) : null;
      const valueBase = value ? toBase(value, p.currency) : null;
      const costBase = toBase(p.cost, p.currency);
      if (valueBase) holdingsTotal = holdingsTotal.plus(valueBase);
      holdings.push({
        symbol,
        currency: p.currency,
        quantity: p.quantity.toFixed(),
        cost: p.cost.toFixed(mu),
        price: close?.close ?? null,
        priceDate: close?.date ?? null,
        marketValue: value?.toFixed(mu) ?? null,
        marketValueBase: valueBase?.toFixed(base.minorUnit) ?? null,
        costBase: costBase?.toFixed(base.minorUnit) ?? null,
      });
    }
    let cashTotal = Dec.ZERO;
    const cash: AccountTotals['cash'] = [];
    for (const [currency, balance] of [...(book.cash.get(a.id) ?? new Map<string, Dec>())].sort(([x], [y]) => x.localeCompare(y))) {
      const mu = minorUnit(currency);
      const valueBase = toBase(balance, currency);
      if (valueBase) cashTotal = cashTotal.plus(valueBase);
      cash.push({ currency, balance: balance.toFixed(mu), valueBase: valueBase?.toFixed(base.minorUnit) ?? null });
    }
    accounts.push({
      accountId: a.id,
      name: a.name,
      holdings,
      cash,
      totals: { holdings: holdingsTotal.toFixed(base.minorUnit), cash: cashTotal.toFixed(base.minorUnit), value: holdingsTotal.plus(cashTotal).toFixed(base.minorUnit) },
    });
  }
  return { accounts, missingPrices: [...missingPrices].sort(), missingFx: [...missingFx].sort() };
}
