import type { ImportField, ImportMapping } from '../../shared/contract/index.js';

/**
 * Broker exports recognised from their header, each with the mapping that reads it. Recognition needs the columns
 * that set an export apart (not just "Date" and "Amount"), so a file that merely looks alike gets the generic guess.
 * Column names are matched without case; the mapping names them as the file writes them.
 */
export interface BrokerDef {
  id: string;
  label: string;
  matches(h: Header): boolean;
  mapping(h: Header): Omit<Partial<ImportMapping>, 'columns'> & { columns: ImportMapping['columns'] };
}

export class Header {
  private readonly byKey = new Map<string, string>();
  constructor(readonly names: readonly string[]) {
    for (const n of names) if (!this.byKey.has(n.toLowerCase())) this.byKey.set(n.toLowerCase(), n);
  }
  has(...names: string[]): boolean {
    return names.every((n) => this.byKey.has(n.toLowerCase()));
  }
  /** The first of these columns the file has, as it writes it. */
  pick(...names: string[]): string | undefined {
    for (const n of names) {
      const hit = this.byKey.get(n.toLowerCase());
      if (hit) return hit;
    }
    return undefined;
  }
  /** The column right of `name` (an unnamed currency column beside its figure). */
  after(name: string | undefined): string | undefined {
    if (!name) return undefined;
    const i = this.names.indexOf(name);
    return i >= 0 ? this.names[i + 1] : undefined;
  }
}

type Columns = ImportMapping['columns'];

function columns(h: Header, spec: Partial<Record<ImportField, string[]>>): Columns {
  const out: Columns = {};
  for (const [field, names] of Object.entries(spec) as [ImportField, string[]][]) {
    const hit = h.pick(...names);
    if (hit) out[field] = hit;
  }
  return out;
}

const POINT = { decimalSeparator: '.', thousandsSeparator: '' } as const;

const IBKR_CASH_TYPES: ImportMapping['typeValues'] = {
  deposit: ['Deposits/Withdrawals', 'Deposits & Withdrawals'],
  dividend: ['Dividends', 'Payment In Lieu Of Dividends'],
  fee: ['Withholding Tax', 'Other Fees', 'Broker Interest Paid', 'Commission Adjustments', 'Broker Fees'],
  interest: ['Broker Interest Received', 'Bond Interest Received'],
};

export const BROKERS: readonly BrokerDef[] = [
  {
    // The table flex-sections.ts reads a multi-section Flex file into: trades and cash transactions in one.
    id: 'ibkr-flex-sections',
    label: 'Interactive Brokers Flex: trades and cash (sections)',
    matches: (h) => h.has('Flex section', 'Activity', 'TradePrice', 'Amount'),
    mapping: (h) => ({
      columns: columns(h, {
        date: ['Date'],
        type: ['Activity'],
        instrument: ['Symbol'],
        isin: ['ISIN'],
        instrumentName: ['Description'],
        quantity: ['Quantity'],
        price: ['TradePrice'],
        amount: ['Amount'],
        currency: ['Currency'],
        fee: ['Commission'],
        externalId: ['TransactionID'],
      }),
      dateFormat: 'YYYYMMDD',
      typeValues: IBKR_CASH_TYPES,
      signedCash: true,
      skipTypes: ['Section *'],
      ...POINT,
    }),
  },
  {
    id: 'ibkr-trades',
    label: 'Interactive Brokers Flex: trades',
    matches: (h) => h.has('Buy/Sell', 'TradePrice', 'Quantity', 'Symbol'),
    mapping: (h) => ({
      columns: columns(h, {
        date: ['DateTime', 'TradeDate'],
        type: ['Buy/Sell'],
        instrument: ['Symbol'],
        isin: ['ISIN'],
        instrumentName: ['Description'],
        quantity: ['Quantity'],
        price: ['TradePrice'],
        currency: ['CurrencyPrimary', 'Currency'],
        fee: ['IBCommission', 'Commission'],
        externalId: ['TradeID', 'TransactionID', 'IBExecID'],
      }),
      dateFormat: 'YYYYMMDD',
      ...POINT,
    }),
  },
  {
    id: 'ibkr-dividends',
    label: 'Interactive Brokers Flex: dividends',
    matches: (h) => h.has('Type', 'Amount', 'CurrencyPrimary', 'ISIN', 'Description') && !h.has('Symbol') && !!h.pick('SettleDate', 'PayDate', 'ReportDate', 'DateTime'),
    mapping: (h) => ({
      columns: columns(h, { date: ['SettleDate', 'PayDate', 'ReportDate', 'DateTime'], type: ['Type'], isin: ['ISIN'], instrumentName: ['Description'], amount: ['Amount'], currency: ['CurrencyPrimary'], note: ['Description'], externalId: ['TransactionID'] }),
      dateFormat: 'YYYYMMDD',
      typeValues: IBKR_CASH_TYPES,
      signedCash: true,
      ...POINT,
    }),
  },
  {
    id: 'ibkr-cash',
    label: 'Interactive Brokers Flex: cash transactions',
    matches: (h) => h.has('Type', 'Amount', 'CurrencyPrimary', 'Symbol', 'Description') && !!h.pick('DateTime', 'SettleDate', 'ReportDate'),
    mapping: (h) => ({
      columns: columns(h, {
        date: ['DateTime', 'SettleDate', 'ReportDate'],
        type: ['Type'],
        instrument: ['Symbol'],
        isin: ['ISIN'],
        instrumentName: ['Description'],
        amount: ['Amount'],
        currency: ['CurrencyPrimary'],
        note: ['Description'],
        externalId: ['TransactionID'],
      }),
      dateFormat: 'YYYYMMDD',
      typeValues: IBKR_CASH_TYPES,
      signedCash: true,
      ...POINT,
    }),
  },
  {
    id: 'ghostfolio-csv',
    label: 'Ghostfolio (CSV)',
    matches: (h) => h.has('Date', 'Code', 'DataSource', 'Currency', 'Price', 'Quantity', 'Action'),
    mapping: (h) => ({
      columns: columns(h, { date: ['Date'], type: ['Action'], instrument: ['Code'], quantity: ['Quantity'], price: ['Price'], currency: ['Currency'], fee: ['Fee'], note: ['Note'] }),
      skipTypes: ['item', 'liability'],
      ...POINT,
    }),
  },
  {
    id: 'ghostfolio-json',
    label: 'Ghostfolio (JSON)',
    matches: (h) => h.has('date', 'type', 'symbol', 'unitPrice', 'quantity', 'dataSource'),
    mapping: (h) => ({
      columns: columns(h, { date: ['date'], type: ['type'], instrument: ['symbol'], quantity: ['quantity'], price: ['unitPrice'], currency: ['currency'], fee: ['fee'], note: ['comment'] }),
      dateFormat: 'YYYY-MM-DD',
      skipTypes: ['item', 'liability'],
      ...POINT,
    }),
  },
  {
    id: 'wealthfolio',
    label: 'Wealthfolio (CSV)',
    matches: (h) => h.has('date', 'symbol', 'quantity', 'currency') && !!h.pick('activityType', 'type') && !!h.pick('unitPrice', 'unit_price'),
    mapping: (h) => ({
      columns: columns(h, { date: ['date'], type: ['activityType', 'type'], instrument: ['symbol'], quantity: ['quantity'], price: ['unitPrice', 'unit_price'], currency: ['currency'], fee: ['fee'], amount: ['amount'], note: ['comment', 'notes'] }),
      typeValues: { fee: ['TAX'], deposit: ['CREDIT'] },
      skipTypes: ['TRANSFER_IN', 'TRANSFER_OUT', 'SPLIT', 'ADD_HOLDING', 'REMOVE_HOLDING'],
      ...POINT,
    }),
  },
  {
    id: 'portfolio-performance',
    label: 'Portfolio Performance (CSV)',
    matches: (h) => (h.has('Date', 'Type', 'Value', 'Transaction Currency') && !!h.pick('Shares', 'Ticker Symbol')) || h.has('Datum', 'Typ', 'Wert', 'Buchungswährung'),
    mapping: (h) => ({
      columns: columns(h, {
        date: ['Date', 'Datum'],
        type: ['Type', 'Typ'],
        amount: ['Value', 'Wert'],
        currency: ['Transaction Currency', 'Buchungswährung'],
        fee: ['Fees', 'Gebühren'],
        quantity: ['Shares', 'Stück'],
        instrument: ['Ticker Symbol', 'Ticker-Symbol'],
        isin: ['ISIN'],
        instrumentName: ['Security Name', 'Wertpapiername'],
        note: ['Note', 'Notiz'],
      }),
      dateFormat: 'YYYY-MM-DD',
      typeValues: {
        deposit: ['Deposit', 'Einlage', 'Fees Refund', 'Tax Refund', 'Gebührenerstattung', 'Steuerrückerstattung'],
        withdrawal: ['Removal', 'Entnahme'],
        fee: ['Taxes', 'Steuern', 'Interest Charge', 'Zinsbelastung', 'Fees', 'Gebühren'],
        interest: ['Interest', 'Zinsen'],
      },
      skipTypes: ['Delivery (Inbound)', 'Delivery (Outbound)', 'Transfer (Inbound)', 'Transfer (Outbound)', 'Einlieferung', 'Auslieferung', 'Umbuchung*'],
    }),
  },
  {
    id: 'degiro',
    label: 'Degiro (transactions)',
    matches: (h) => !!h.pick('Order ID', 'Order-ID', 'Order Id') && h.has('ISIN') && !!h.pick('Quantity', 'Anzahl', 'Aantal') && !!h.pick('Price', 'Kurs', 'Koers'),
    mapping: (h) => {
      const price = h.pick('Price', 'Kurs', 'Koers');
      const total = h.pick('Total', 'Gesamt', 'Totaal');
      return {
        columns: {
          ...columns(h, {
            date: ['Date', 'Datum'],
            instrumentName: ['Product', 'Produkt'],
            isin: ['ISIN'],
            quantity: ['Quantity', 'Anzahl', 'Aantal'],
            price: ['Price', 'Kurs', 'Koers'],
            fee: ['Transaction and/or third party fees', 'Transaction costs', 'Transaktionsgebühren', 'Transactiekosten en/of kosten van derden', 'Transactiekosten'],
            externalId: ['Order ID', 'Order-ID', 'Order Id'],
          }),
          ...(total ? { amount: total } : {}),
          // The unnamed column right of the total holds its currency; right of the price, the instrument's.
          ...(h.after(total) ? { currency: h.after(total)! } : h.after(price) ? { currency: h.after(price)! } : {}),
        },
        dateFormat: 'DD-MM-YYYY',
        sideFromQuantity: true,
      };
    },
  },
  {
    // The account statement (Account.csv): every cash movement, its currency in the named column and the figure in
    // the unnamed one right of it. Trades and their fees are skipped: Transactions.csv (the preset above) has them
    // with quantity and price, and reading both would count them twice. Currency exchanges between Degiro's own
    // currency accounts are skipped too (a dividend stays in the currency it was paid in).
    id: 'degiro-account',
    label: 'Degiro (account statement)',
    matches: (h) => !!h.pick('Omschrijving', 'Description', 'Beschreibung') && !!h.pick('Valutadatum', 'Value date') && !!h.pick('Mutatie', 'Change', 'Änderung') && h.has('ISIN'),
    mapping: (h) => {
      const change = h.pick('Mutatie', 'Change', 'Änderung');
      return {
        columns: {
          ...columns(h, { date: ['Datum', 'Date'], type: ['Omschrijving', 'Description', 'Beschreibung'], isin: ['ISIN'], instrumentName: ['Product', 'Produkt'] }),
          ...(change ? { currency: change } : {}),
          ...(h.after(change) ? { amount: h.after(change)! } : {}),
        },
        dateFormat: 'DD-MM-YYYY',
        signedCash: true,
        typeValues: {
          deposit: ['iDEAL storting', 'iDEAL Deposit', 'Storting', 'flatex Storting', 'SOFORT Einzahlung', 'Einzahlung', 'Deposit', 'flatex Deposit'],
          withdrawal: ['Terugstorting', 'flatex terugstorting', 'Opname', 'Withdrawal', 'flatex Withdrawal', 'Auszahlung'],
          dividend: ['Dividend', 'Dividende', 'Kapitaalsuitkering', 'Capital return'],
          fee: ['Dividendbelasting', 'Dividend Tax', 'Dividendensteuer', 'DEGIRO Aansluitingskosten*', 'DEGIRO Exchange Connection Fee*', 'Giro Exchange Connection Fee*', 'DEGIRO Börsenplatzgebühr*', 'Einrichtung von Handelsmodalitäten*', 'Gebühr für Realtimekurse*', 'Real-time price*', 'Realtime koersen*'],
          interest: ['Rente', 'Flatex Interest', 'Flatex Interest Income', 'Interest', 'Zinsen'],
        },
        skipTypes: [
          'Koop *', 'Verkoop *', 'Buy *', 'Sell *', 'Kauf *', 'Verkauf *',
          'DEGIRO Transactiekosten*', 'DEGIRO Transaction*', 'DEGIRO Transaktionsgebühr*', 'Transaktionsgebühr*',
          'Valuta Creditering', 'Valuta Debitering', 'FX Credit', 'FX Debit', 'Währungswechsel*',
          'Degiro Cash Sweep Transfer', 'Overboeking*', 'Cash Sweep*', 'Geldmarktfonds*', 'Money Market*',
          'Reservation*', 'Reservering*', 'Reservierung*',
        ],
      };
    },
  },
  {
    id: 'trading212',
    label: 'Trading 212',
    matches: (h) => h.has('Action', 'Time', 'ISIN', 'Ticker', 'No. of shares', 'Price / share'),
    mapping: (h) => ({
      columns: columns(h, {
        date: ['Time'],
        type: ['Action'],
        instrument: ['Ticker'],
        isin: ['ISIN'],
        instrumentName: ['Name'],
        quantity: ['No. of shares'],
        price: ['Price / share'],
        amount: ['Total'],
        currency: ['Currency (Total)'],
        note: ['Notes'],
        externalId: ['ID'],
      }),
      dateFormat: 'YYYY-MM-DD',
      typeValues: {
        buy: ['Market buy', 'Limit buy', 'Stop buy', 'Stop limit buy'],
        sell: ['Market sell', 'Limit sell', 'Stop sell', 'Stop limit sell'],
        dividend: ['Dividend (Ordinary)', 'Dividend (Dividend)', 'Dividend (Dividends paid by us corporations)', 'Dividend (Dividends paid by foreign corporations)', 'Dividend (Return of capital)', 'Dividend (Bonus)'],
        interest: ['Interest on cash', 'Lending interest'],
        deposit: ['Deposit', 'Spending cashback'],
        withdrawal: ['Withdrawal'],
      },
      skipTypes: ['Stock distribution', 'Stock split*', 'Currency conversion', 'Result adjustment', 'Custom stock split', 'Transfer*'],
      ...POINT,
    }),
  },
  {
    id: 'revolut',
    label: 'Revolut (stocks)',
    matches: (h) => h.has('Date', 'Ticker', 'Type', 'Quantity', 'Price per share', 'Total Amount', 'Currency'),
    mapping: (h) => ({
      columns: columns(h, { date: ['Date'], type: ['Type'], instrument: ['Ticker'], quantity: ['Quantity'], price: ['Price per share'], amount: ['Total Amount'], currency: ['Currency'] }),
      dateFormat: 'YYYY-MM-DD',
      valuesWithUnits: true,
      thousandsSeparator: ',',
      decimalSeparator: '.',
      typeValues: {
        buy: ['BUY - MARKET', 'BUY - LIMIT', 'BUY - STOP'],
        sell: ['SELL - MARKET', 'SELL - LIMIT', 'SELL - STOP'],
        deposit: ['CASH TOP-UP'],
        withdrawal: ['CASH WITHDRAWAL'],
        dividend: ['DIVIDEND'],
        fee: ['CUSTODY FEE', 'DIVIDEND TAX (CORRECTION)'],
      },
      skipTypes: ['STOCK SPLIT', 'TRANSFER FROM*', 'TRANSFER TO*', 'MERGER*'],
    }),
  },
  {
    id: 'coinbase',
    label: 'Coinbase',
    matches: (h) => h.has('Timestamp', 'Transaction Type', 'Asset', 'Quantity Transacted'),
    mapping: (h) => ({
      columns: columns(h, {
        date: ['Timestamp'],
        type: ['Transaction Type'],
        instrument: ['Asset'],
        quantity: ['Quantity Transacted'],
        price: ['Price at Transaction', 'Spot Price at Transaction'],
        currency: ['Price Currency', 'Spot Price Currency'],
        amount: ['Total (inclusive of fees and/or spread)', 'Total (inclusive of fees)'],
        fee: ['Fees and/or Spread', 'Fees'],
        note: ['Notes'],
        externalId: ['ID'],
      }),
      dateFormat: 'YYYY-MM-DD',
      valuesWithUnits: true,
      thousandsSeparator: ',',
      decimalSeparator: '.',
      typeValues: { buy: ['Advanced Trade Buy'], sell: ['Advanced Trade Sell'] },
      skipTypes: ['Send', 'Receive', 'Convert', 'Staking Income', 'Rewards Income', 'Learning Reward', 'Inflation Reward', 'Incentives Rewards Payout', 'Pro Deposit', 'Pro Withdrawal', 'Exchange Deposit', 'Exchange Withdrawal'],
    }),
  },
  {
    // The table binance-statement.ts reads the statement into: one row per trade, fiat deposits and withdrawals. A
    // trade's Total is shown but not mapped: Binance keeps fiat to more places than the currency has (435.005 EUR), so
    // the cash is the price times the quantity in the currency's units, as for the trade history below.
    id: 'binance-statement',
    label: 'Binance (transaction history)',
    matches: (h) => h.has('UTC_Time', 'Operation', 'Pair', 'Quantity', 'Price', 'Amount', 'Total', 'Fee', 'Currency', 'Remark'),
    mapping: (h) => ({
      columns: columns(h, { date: ['UTC_Time'], type: ['Operation'], instrument: ['Pair'], quantity: ['Quantity'], price: ['Price'], amount: ['Amount'], fee: ['Fee'], currency: ['Currency'], note: ['Remark'] }),
      dateFormat: 'YYYY-MM-DD',
      valuesWithUnits: true,
      signedCash: true,
      typeValues: { withdrawal: ['Withdraw'] },
      skipTypes: ['Deposit (*', 'Withdraw (*', 'Simple Earn*', 'Savings*', 'Staking*', 'POS savings*', 'Launchpool*', 'Distribution', 'Airdrop*', 'Commission*', 'Referral*', 'Cashback*', 'Binance Convert', 'Small Assets Exchange*', 'Transfer Between*', 'Transfer Funds*', 'Main and Funding*', 'Asset Recovery', 'Crypto Box', 'Card Cashback'],
      ...POINT,
    }),
  },
  {
    id: 'binance',
    label: 'Binance (trade history)',
    matches: (h) => h.has('Pair', 'Side', 'Price', 'Executed', 'Amount', 'Fee') && !!h.pick('Date(UTC)', 'Date(UTC+0)', 'Time'),
    // "Amount" is price times quantity before the fee, not the cash that moved: the trade's cash is computed.
    mapping: (h) => ({
      columns: columns(h, { date: ['Date(UTC)', 'Date(UTC+0)', 'Time'], type: ['Side'], instrument: ['Pair'], price: ['Price'], quantity: ['Executed'], fee: ['Fee'] }),
      dateFormat: 'YYYY-MM-DD',
      valuesWithUnits: true,
      thousandsSeparator: ',',
      decimalSeparator: '.',
    }),
  },
];

export function detectBroker(headers: readonly string[]): BrokerDef | null {
  const h = new Header(headers);
  return BROKERS.find((b) => b.matches(h)) ?? null;
}
