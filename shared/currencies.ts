import cc from 'currency-codes';

/**
 * The ISO 4217 catalogue comes from `currency-codes` (maintained list with minor units) rather than a hand-typed
 * table. Funds, precious metals and testing codes (no minor unit defined, or X-codes) are left out: they are not cash
 * a person keeps in a wallet.
 */
export interface Currency {
  code: string;
  name: string;
  /** Digits after the decimal point of the currency's minor unit (USD 2, JPY 0, BHD 3). */
  minorUnit: number;
}

const EXCLUDED = new Set(['XAG', 'XAU', 'XPD', 'XPT', 'XTS', 'XXX', 'XBA', 'XBB', 'XBC', 'XBD', 'XDR', 'XSU', 'XUA']);

function build(): Map<string, Currency> {
  const out = new Map<string, Currency>();
  for (const c of cc.data) {
    if (EXCLUDED.has(c.code)) continue;
    if (typeof c.digits !== 'number' || !Number.isInteger(c.digits)) continue;
    out.set(c.code, { code: c.code, name: c.currency, minorUnit: c.digits });
  }
  return out;
}

const catalogue = build();

export function listCurrencies(): Currency[] {
  return [...catalogue.values()].sort((a, b) => a.code.localeCompare(b.code));
}

export function findCurrency(code: string): Currency | undefined {
  return catalogue.get(code);
}

/** Currencies shown first in pickers: the ones most people of the product card hold. */
export const COMMON_CURRENCIES = ['USD', 'EUR', 'GBP', 'CHF', 'JPY'] as const;
