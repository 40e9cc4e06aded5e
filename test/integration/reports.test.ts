import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Account, IncomeReport, RealizedReport } from '../../shared/contract/index.js';
import { recordTaxYear } from '../support/tax-year.js';
import { tradingApp, type TradingApp } from '../support/trading.js';

let k = 0;
const key = () => `report-test-${process.pid}-${++k}`;

/**
 * The tax-year reports over a real profile: two accounts with their own cost-basis methods (Main FIFO, a broker
 * HIFO), trades recorded in each, income; every figure worked by hand below (base USD, so rates are 1).
 */
describe('report:realized and report:income', () => {
  let t: TradingApp;
  let broker: Account;
  beforeEach(async () => {
    t = await tradingApp();
    broker = await recordTaxYear(t, key);
  });
  afterEach(async () => t.close());

  it('every closed lot of the year by each account\'s method, with totals', async () => {
    const r = await t.call<RealizedReport>('report:realized', { year: 2024 });
    const line = (x: RealizedReport['rows'][number]) =>
      [x.accountId === 'main' ? 'main' : 'broker', x.quantity, x.acquired, x.sold, x.proceeds, x.cost, x.fees, x.gain, x.term, x.baseGain].join(' ');
    // Main, FIFO: 15 at 160 = 2400.00, fee 2.00, from 10 at 1001.00 (all) and 5 of 10 at 1501.00 (750.50);
    //   proceeds 1600.00 / 800.00, fees 1.33 / 0.67, gains 597.67 (516 days: long) and 48.83.
    // Broker, HIFO: 5 at 130 = 650.00 closes the 120 lot (600.00), gain 50.00.
    expect(r.rows.map(line)).toEqual([
      'main 10 2023-01-04 2024-06-03 1600.00 1001.00 1.33 597.67 long 597.67',
      'main 5 2024-02-01 2024-06-03 800.00 750.50 0.67 48.83 short 48.83',
      'broker 5 2024-01-10 2024-07-01 650.00 600.00 0.00 50.00 short 50.00',
    ]);
    expect(r.totals).toEqual({ proceeds: '3050.00', cost: '2351.50', fees: '2.00', gain: '696.50', shortTermGain: '98.83', longTermGain: '597.67' });
    const only = await t.call<RealizedReport>('report:realized', { year: 2024, accountIds: [broker.id] });
    expect(only.totals.gain).toBe('50.00');
    expect((await t.call<RealizedReport>('report:realized', { year: 2023 })).rows).toEqual([]);
  });

  it('a change of an account\'s method replays it', async () => {
    await t.call('account:update', { id: broker.id, costMethod: 'fifo' });
    const r = await t.call<RealizedReport>('report:realized', { year: 2024, accountIds: [broker.id] });
    // FIFO now closes the 120 lot too (the older one): the same figures; LIFO closes the 110 lot.
    expect(r.totals.gain).toBe('50.00');
    await t.call('account:update', { id: broker.id, costMethod: 'lifo' });
    expect((await t.call<RealizedReport>('report:realized', { year: 2024, accountIds: [broker.id] })).totals.gain).toBe('100.00');
  });

  it('dividends, interest and fees of the year', async () => {
    const r = await t.call<IncomeReport>('report:income', { year: 2024 });
    expect(r.rows.map((x) => [x.type, x.amount, x.baseAmount])).toEqual([
      ['dividend', '3.00', '3.00'],
      ['interest', '1.25', '1.25'],
      ['fee', '2.50', '2.50'],
    ]);
    expect(r.totals).toEqual({ dividends: '3.00', interest: '1.25', fees: '2.50', net: '1.75' });
  });
});
