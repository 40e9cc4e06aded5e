import { afterEach, describe, expect, it } from 'vitest';
import type { ActivityView } from '../../shared/contract/index.js';
import { activityDetail, activityKindClass, activityLabel, activityNote } from '../../renderer/src/format/activities.js';
import { historyNoteless, historyTypeLabel } from '../../renderer/src/format/history.js';
import { applyLanguage } from '../../renderer/src/i18n/index.js';
import type { HistoryEntry } from '../../shared/contract/index.js';

/**
 * The Activity list's rows that move no money of the profile: transfers between accounts (units, and cash as a
 * withdrawal and its deposit) say what moved from which account to which, and each kind has a label of its own; a
 * split confirmed from a proposal names its data source in the reader's language.
 */
const row = (patch: Partial<ActivityView>): ActivityView => ({
  id: 'a1',
  type: 'buy',
  date: '2024-03-01',
  symbol: null,
  quantity: null,
  price: null,
  fee: null,
  currency: 'USD',
  amount: '0.00',
  toCurrency: null,
  toAmount: null,
  rate: null,
  orderId: null,
  source: 'manual',
  note: null,
  createdAt: '2024-03-01T00:00:00Z',
  ...patch,
});
const NAMES: Record<string, string> = { main: 'Main', ib: 'Broker' };
const name = (id: string) => NAMES[id] ?? id;
const mu = () => 2;
const between = { fromAccountId: 'main', toAccountId: 'ib' };

// The legs as stored since migration 019: no words of their own (test/integration/migration-transfer-legs.test.ts
// checks that the migration took the English default notes off older profiles' legs and what the page then shows).
const unitsOut = row({ type: 'transfer-out', symbol: 'AAPL', quantity: '-3', amount: '0.00', accountId: 'main', transfer: between });
const unitsIn = row({ type: 'transfer-in', symbol: 'AAPL', quantity: '3', amount: '0.00', accountId: 'ib', transfer: between });
const cashOut = row({ type: 'withdrawal', amount: '-100.00', accountId: 'main', transfer: between });
const cashIn = row({ type: 'deposit', amount: '100.00', accountId: 'ib', transfer: between });
const split = row({ type: 'split', symbol: 'AAPL', numerator: '4', denominator: '1' });

afterEach(() => applyLanguage('en'));

describe('activity rows between accounts', () => {
  it('say what moved, from which account to which, as transfers', () => {
    expect(activityDetail(unitsOut, 'en-US', mu, name)).toBe('3 AAPL from Main to Broker');
    expect(activityDetail(unitsIn, 'en-US', mu, name)).toBe('3 AAPL from Main to Broker');
    expect(activityDetail(cashOut, 'en-US', mu, name)).toBe('$100.00 from Main to Broker');
    expect([unitsOut, unitsIn, cashOut, cashIn].map(activityLabel)).toEqual(['Transfer out', 'Transfer in', 'Transfer out', 'Transfer in']);
    expect(new Set([unitsOut, unitsIn, cashOut, cashIn].map(activityKindClass))).toEqual(new Set(['kind-transfer']));
  });

  it('show no note of their own, and the user\'s own', () => {
    expect([unitsOut, unitsIn, cashOut, cashIn].map((a) => activityNote(a, null))).toEqual([null, null, null, null]);
    expect(activityNote({ ...unitsOut, note: 'to the IRA' }, null)).toBe('to the IRA');
  });

  it('a withdrawal or deposit that is no transfer stays one', () => {
    const plain = row({ type: 'withdrawal', amount: '-50.00', accountId: 'main', note: 'Transfer to Broker' });
    expect(activityLabel(plain)).toBe('Withdrawal');
    expect(activityKindClass(plain)).toBe('kind-withdrawal');
    expect(activityDetail(plain, 'en-US', mu, name)).toBe('From the USD wallet');
    expect(activityNote(plain, null)).toBe('Transfer to Broker');
  });

  it('read in German', () => {
    applyLanguage('de');
    expect(activityDetail(unitsOut, 'de-DE', mu, name)).toBe('3 AAPL von Main nach Broker');
    expect(activityLabel(cashIn)).toBe('Übertrag ein');
  });
});

describe('history rows between accounts', () => {
  const entry = (patch: Partial<HistoryEntry>): HistoryEntry => ({
    id: 'h1',
    date: '2024-03-01',
    type: 'withdrawal',
    symbol: null,
    quantity: null,
    price: null,
    currency: 'USD',
    amount: '-100.00',
    fee: null,
    toCurrency: null,
    toAmount: null,
    balanceAfter: null,
    fxRate: null,
    fxDate: null,
    baseAmount: null,
    orderId: null,
    source: 'manual',
    note: null,
    createdAt: '2024-03-01T00:00:00Z',
    accountId: 'main',
    ...patch,
  });

  it('a transfer of cash reads as one, with its accounts where it has no note; a withdrawal stays one', () => {
    const out = entry({ transfer: between });
    const into = entry({ type: 'deposit', amount: '100.00', accountId: 'ib', transfer: between });
    expect([out, into, entry({}), entry({ type: 'deposit', amount: '100.00' })].map(historyTypeLabel)).toEqual(['Transfer out', 'Transfer in', 'Withdrawal', 'Deposit']);
    expect([out, into, entry({}), entry({ source: 'order', type: 'buy' })].map((e) => historyNoteless(e, name))).toEqual(['From Main to Broker', 'From Main to Broker', '', 'Order fill']);
    applyLanguage('de');
    expect([historyTypeLabel(out), historyNoteless(into, name)]).toEqual(['Übertrag aus', 'Von Main nach Broker']);
  });
});

describe('corporate action rows', () => {
  it('have labels and colours that tell them apart', () => {
    const kinds = [
      split,
      row({ type: 'split', symbol: 'AAPL', numerator: '1', denominator: '10' }),
      row({ type: 'stock-dividend', symbol: 'AAPL', numerator: '1', denominator: '20' }),
      row({ type: 'symbol-change', symbol: 'FB', newSymbol: 'META' }),
      unitsOut,
    ];
    expect(kinds.map(activityLabel)).toEqual(['Split', 'Reverse split', 'Stock dividend', 'Symbol change', 'Transfer out']);
    expect(kinds.map(activityKindClass)).toEqual(['kind-split', 'kind-split', 'kind-stock-dividend', 'kind-symbol-change', 'kind-transfer']);
  });

  it('a confirmed split names the provider who published it, by its name, in the reader\'s language', () => {
    expect(activityNote(split, 'Yahoo Finance')).toBe('Split published by Yahoo Finance, confirmed by you');
    // The English note of an earlier version, naming the provider by its id, gives way to the same words.
    expect(activityNote({ ...split, note: 'Split published by yahoo' }, 'Yahoo Finance')).toBe('Split published by Yahoo Finance, confirmed by you');
    applyLanguage('de');
    expect(activityNote(split, 'Yahoo Finance')).toBe('Aktiensplit von Yahoo Finance veröffentlicht, von Ihnen bestätigt');
    // A split recorded by hand has no source, and the user's note stays.
    expect(activityNote({ ...split, note: 'from the annual report' }, null)).toBe('from the annual report');
    expect(activityNote(split, null)).toBeNull();
  });
});
