import type { ActivityRecordRequest } from '../../shared/contract/index.js';
import { dayNumber, dayString } from '../../shared/portfolio/days.js';
import { mulberry32 } from '../../shared/random.js';

/** The instruments the sample trades; added to the catalogue when missing (their histories then sync as any other). */
export const SAMPLE_INSTRUMENTS = [
  { symbol: 'AAPL', name: 'Apple Inc.', assetClass: 'stock', quoteCurrency: 'USD', start: 15_000, decimals: 0, dividendCents: 24 },
  { symbol: 'MSFT', name: 'Microsoft Corporation', assetClass: 'stock', quoteCurrency: 'USD', start: 28_000, decimals: 0, dividendCents: 68 },
  { symbol: 'BTC-USD', name: 'Bitcoin', assetClass: 'crypto', quoteCurrency: 'USD', start: 3_000_000, decimals: 4, dividendCents: 0 },
  { symbol: 'ETH-USD', name: 'Ethereum', assetClass: 'crypto', quoteCurrency: 'USD', start: 200_000, decimals: 3, dividendCents: 0 },
] as const;

const addDays = (date: string, days: number): string => dayString(dayNumber(date) + days);

export const SAMPLE_NOTE = 'Sample (made up)';
const YEARS = 3;
const SEED = 20_240_101;

/** A request without what every sample row shares (its note, its key). */
type Draft = ActivityRecordRequest extends infer T ? (T extends unknown ? Omit<T, 'note' | 'idempotencyKey'> : never) : never;

export interface SampleActivity {
  id: string;
  req: ActivityRecordRequest;
}

/** Integer cents → "123.45". */
function cents(n: number): string {
  const s = String(n).padStart(3, '0');
  return `${s.slice(0, -2)}.${s.slice(-2)}`;
}

/** Integer units of 10^-decimals → "0.125". */
function units(n: number, decimals: number): string {
  if (decimals === 0) return String(n);
  const s = String(n).padStart(decimals + 1, '0');
  return `${s.slice(0, -decimals)}.${s.slice(-decimals)}`.replace(/\.?0+$/, '');
}

/**
 * A few years of made-up activity up to yesterday, the same for the same `today` (seeded): monthly USD deposits, an
 * EUR savings wallet with an exchange and yearly interest, buys and some sells of two stocks and two coins at
 * made-up monthly prices, quarterly dividends, a yearly fee. Money is kept in integer cents here and every trade
 * leaves a margin, so the ledger (which computes the exact amounts) never finds a buy without its cash.
 */
export function sampleActivities(today: string): SampleActivity[] {
  const rnd = mulberry32(SEED);
  const out: SampleActivity[] = [];
  const push = (draft: Draft) => {
    const id = `sample-${out.length + 1}`;
    out.push({ id, req: { ...draft, note: SAMPLE_NOTE, idempotencyKey: id } as ActivityRecordRequest });
  };
  const start = addDays(today, -365 * YEARS);
  const price: number[] = SAMPLE_INSTRUMENTS.map((i) => i.start);
  const held = SAMPLE_INSTRUMENTS.map(() => 0);
  let usd = 0;

  push({ type: 'deposit', date: start, currency: 'EUR', amount: '8000' });
  push({ type: 'fx-exchange', date: start, fromCurrency: 'EUR', fromAmount: '3000', toCurrency: 'USD', toAmount: '3240.00' });
  usd += 324_000;

  for (let month = 0; month < YEARS * 12; month++) {
    const day = addDays(start, month * 30 + 1);
    if (day >= today) break;
    // Prices move by up to ±8 % a month (coins ±20 %), never below a tenth of where they started.
    SAMPLE_INSTRUMENTS.forEach((ins, i) => {
      const swing = ins.assetClass === 'crypto' ? 0.2 : 0.08;
      price[i] = Math.max(Math.round(ins.start / 10), Math.round(price[i]! * (1 + (rnd() * 2 - 0.9) * swing)));
    });
    const deposit = 50_000 + Math.floor(rnd() * 20) * 5_000;
    push({ type: 'deposit', date: day, currency: 'USD', amount: cents(deposit) });
    usd += deposit;

    const trades = 1 + Math.floor(rnd() * 2);
    for (let t = 0; t < trades; t++) {
      const i = Math.floor(rnd() * SAMPLE_INSTRUMENTS.length);
      const ins = SAMPLE_INSTRUMENTS[i]!;
      const p = price[i]!;
      const fee = 100;
      if (held[i]! > 0 && rnd() < 0.25) {
        const q = Math.max(1, Math.floor(held[i]! * (0.2 + rnd() * 0.3)));
        held[i]! -= q;
        push({ type: 'sell', date: day, symbol: ins.symbol, quantity: units(q, ins.decimals), price: cents(p), fee: cents(fee) });
        usd += Math.floor((q * p) / 10 ** ins.decimals) - fee - 1;
        continue;
      }
      // Spend up to 60 % of the cash, leaving a margin for the exact gross and the fee.
      const budget = Math.floor(usd * (0.2 + rnd() * 0.4)) - fee - 100;
      const q = Math.floor((budget * 10 ** ins.decimals) / p);
      if (q <= 0) continue;
      held[i]! += q;
      push({ type: 'buy', date: day, symbol: ins.symbol, quantity: units(q, ins.decimals), price: cents(p), fee: cents(fee) });
      usd -= Math.ceil((q * p) / 10 ** ins.decimals) + fee + 1;
    }

    if (month % 3 === 2) {
      SAMPLE_INSTRUMENTS.forEach((ins, i) => {
        if (ins.dividendCents > 0 && held[i]! > 0) {
          const amount = held[i]! * ins.dividendCents;
          push({ type: 'dividend', date: addDays(day, 14), symbol: ins.symbol, currency: 'USD', amount: cents(amount) });
          usd += amount;
        }
      });
    }
    if (month % 12 === 11) {
      push({ type: 'interest', date: addDays(day, 20), currency: 'EUR', amount: cents(4_000 + Math.floor(rnd() * 6_000)) });
      push({ type: 'fee', date: addDays(day, 20), currency: 'USD', amount: '12.00' });
      usd -= 1_200;
    }
  }
  // Dividends and fees land later in their month: the log is kept in date order, and nothing is dated today or later.
  return out.filter((a) => a.req.date < today).sort((a, b) => (a.req.date < b.req.date ? -1 : a.req.date > b.req.date ? 1 : 0));
}
