import { findCurrency } from '../../shared/currencies.js';
import { Dec } from '../../shared/decimal/index.js';
import type { CsvRecord } from './csv-reader.js';
import type { Reshaper } from './layouts.js';
import { trimZeros } from './formats.js';

/**
 * Binance's transaction history (account statement): one line per balance change, `User_ID,UTC_Time,Account,
 * Operation,Coin,Change,Remark`. A trade is several lines of the same second and account: the coin received, the
 * coin given and the fee ("Buy"/"Sell"/"Fee", or "Transaction Buy"/"Transaction Spend"/"Transaction Fee" in newer
 * files). They are read into one row per trade: buying the received coin with the given one, or selling the given
 * coin when fiat money came in. Fiat deposits and withdrawals are cash rows; every other operation (a crypto coin
 * sent in or out, earn interest, converts, transfers between Binance's own wallets) is a row of its own word that the
 * preset skips and the preview counts.
 *
 * "Amount" is a cash row's figure; "Total" the cash a trade moved, fee included, as Binance counts it.
 * A fee paid in the bought coin lessens the quantity received (that is what the account holds); in the coin given,
 * it is the trade's fee; in a third coin (BNB), it is written with its unit and left out as another currency's.
 */
export const BINANCE_STATEMENT_COLUMNS = ['UTC_Time', 'Operation', 'Pair', 'Quantity', 'Price', 'Amount', 'Total', 'Fee', 'Currency', 'Remark'] as const;

const SOURCE = ['user_id', 'utc_time', 'account', 'operation', 'coin', 'change', 'remark'];

export function isBinanceStatement(first: readonly string[]): boolean {
  const names = new Set(first.map((f) => f.trim().toLowerCase()));
  return SOURCE.every((n) => names.has(n));
}

const TRADE_OPS = new Set(['buy', 'sell', 'fee', 'transaction buy', 'transaction spend', 'transaction fee', 'transaction revenue', 'transaction sold', 'transaction related', 'large otc trading']);
const FEE_OPS = new Set(['fee', 'transaction fee']);
/** Places of a price derived from a trade's two sides; the quantity and the cash stay exact. */
const PRICE_PLACES = 10;

interface Line {
  line: number;
  time: string;
  account: string;
  op: string;
  coin: string;
  change: string;
  remark: string;
}

export class BinanceStatement implements Reshaper {
  private at: Map<string, number> | null = null;
  private group: Line[] = [];

  push(records: readonly CsvRecord[]): CsvRecord[] {
    const out: CsvRecord[] = [];
    for (const rec of records) {
      if (!this.at) {
        this.at = new Map(rec.fields.map((f, i) => [f.trim().toLowerCase(), i]));
        out.push({ line: rec.line, fields: [...BINANCE_STATEMENT_COLUMNS] });
        continue;
      }
      if (rec.problem || rec.fields.length !== this.at.size) {
        this.flush(out);
        out.push(rec.problem ? rec : { line: rec.line, fields: [], problem: `the line has ${rec.fields.length} fields; the header has ${this.at.size}` });
        continue;
      }
      const f = (n: string) => (rec.fields[this.at!.get(n)!] ?? '').trim();
      const l: Line = { line: rec.line, time: f('utc_time'), account: f('account'), op: f('operation'), coin: f('coin').toUpperCase(), change: f('change'), remark: f('remark') };
      if (!TRADE_OPS.has(l.op.toLowerCase())) {
        this.flush(out);
        out.push(this.single(l));
        continue;
      }
      const last = this.group.at(-1);
      if (last && (last.time !== l.time || last.account !== l.account)) this.flush(out);
      this.group.push(l);
    }
    return out;
  }

  end(): CsvRecord[] {
    const out: CsvRecord[] = [];
    this.flush(out);
    return out;
  }

  /** A line that is not part of a trade: fiat in or out as cash, anything else under its own word. */
  private single(l: Line): CsvRecord {
    const op = l.op.toLowerCase();
    const fiat = !!findCurrency(l.coin);
    const word = (op === 'deposit' || op === 'withdraw') && !fiat ? `${l.op} (${l.coin})` : l.op;
    return { line: l.line, fields: [l.time, word, '', '', '', l.change, '', '', l.coin, l.remark] };
  }

  private flush(out: CsvRecord[]): void {
    const lines = this.group;
    if (!lines.length) return;
    this.group = [];
    const first = lines[0]!;
    const sums = new Map<string, Dec>();
    const fees = new Map<string, Dec>();
    for (const l of lines) {
      const v = Dec.tryOf(l.change);
      if (!v) {
        out.push({ line: l.line, fields: [], problem: `Change "${l.change.slice(0, 30)}" is not a number` });
        return;
      }
      const into = FEE_OPS.has(l.op.toLowerCase()) ? fees : sums;
      into.set(l.coin, (into.get(l.coin) ?? Dec.ZERO).plus(v));
    }
    const received = [...sums].filter(([, v]) => v.isPos());
    const given = [...sums].filter(([, v]) => v.isNeg());
    if (received.length !== 1 || given.length !== 1) {
      const what = `${received.length} coin${received.length === 1 ? '' : 's'} in and ${given.length} out`;
      out.push({ line: first.line, fields: [], problem: `the trade lines of ${first.time} (${lines.length}) do not pair one coin against another (${what})` });
      return;
    }
    const [inCoin, inAmount] = received[0]!;
    const [outCoin, outAmount] = given[0]!;
    const sell = !!findCurrency(inCoin) && !findCurrency(outCoin);
    const asset = sell ? outCoin : inCoin;
    const quote = sell ? inCoin : outCoin;
    let quantity = sell ? outAmount.abs() : inAmount;
    let cash = sell ? inAmount : outAmount.abs();
    let fee = '';
    for (const [coin, v] of fees) {
      const paid = v.abs();
      if (paid.isZero()) continue;
      if (coin === asset && !sell) quantity = quantity.minus(paid);
      else if (coin === quote) {
        // The trade's total is the cash that moved, fee included.
        cash = sell ? cash.minus(paid) : cash.plus(paid);
        fee = trimZeros(paid.toFixed());
      } else if (!fee) fee = `${trimZeros(paid.toFixed())}${coin}`;
    }
    const feeInQuote = fee !== '' && !/[A-Z]$/.test(fee) ? Dec.of(fee) : Dec.ZERO;
    const gross = sell ? cash.plus(feeInQuote) : cash.minus(feeInQuote);
    const price = quantity.isZero() ? '' : trimZeros(gross.div(quantity).round(PRICE_PLACES).toFixed());
    out.push({ line: first.line, fields: [first.time, sell ? 'SELL' : 'BUY', `${asset}${quote}`, trimZeros(quantity.toFixed()), price, '', `${trimZeros(cash.toFixed())}${quote}`, fee ? (/[A-Z]$/.test(fee) ? fee : `${fee}${quote}`) : '', quote, first.remark] });
  }
}
