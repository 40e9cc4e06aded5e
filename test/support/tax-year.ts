import type { Account } from '../../shared/contract/index.js';
import { AAPL, type TradingApp } from './trading.js';

/**
 * The tax year the report tests work by hand (reports.test.ts, report-files.test.ts), recorded in a trading app (base
 * USD, so every rate is 1): a broker account costed HIFO beside Main (FIFO), 10,000 USD in each, AAPL bought in both
 * in 2023 and 2024 and sold in 2024, a dividend in the broker, interest and a fee in Main. Resolves with the broker.
 */
export async function recordTaxYear(t: TradingApp, key: () => string): Promise<Account> {
  await t.call('instrument:add', AAPL);
  const broker = await t.call<Account>('account:create', { name: 'Broker', kind: 'brokerage', costMethod: 'hifo' });
  const record = (p: Record<string, unknown>) => t.call('activity:record', { idempotencyKey: key(), ...p });
  await record({ type: 'deposit', currency: 'USD', amount: '10000', date: '2023-01-02' });
  await record({ type: 'deposit', currency: 'USD', amount: '10000', date: '2023-01-02', accountId: broker.id });
  await record({ type: 'buy', symbol: 'AAPL', quantity: '10', price: '100', fee: '1', date: '2023-01-04' });
  await record({ type: 'buy', symbol: 'AAPL', quantity: '10', price: '150', fee: '1', date: '2024-02-01' });
  await record({ type: 'buy', symbol: 'AAPL', quantity: '5', price: '120', date: '2024-01-10', accountId: broker.id });
  await record({ type: 'buy', symbol: 'AAPL', quantity: '5', price: '110', date: '2024-02-10', accountId: broker.id });
  await record({ type: 'sell', symbol: 'AAPL', quantity: '15', price: '160', fee: '2', date: '2024-06-03' });
  await record({ type: 'sell', symbol: 'AAPL', quantity: '5', price: '130', date: '2024-07-01', accountId: broker.id });
  await record({ type: 'dividend', currency: 'USD', amount: '3', symbol: 'AAPL', date: '2024-03-01', accountId: broker.id });
  await record({ type: 'interest', currency: 'USD', amount: '1.25', date: '2024-04-01' });
  await record({ type: 'fee', currency: 'USD', amount: '2.50', date: '2024-05-01' });
  return broker;
}
