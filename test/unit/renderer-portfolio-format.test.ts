import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ActivityView, PortfolioSnapshot } from '../../shared/contract/index.js';
import { throttle } from '../../renderer/src/api/throttle.js';
import { activityDetail, recordedText } from '../../renderer/src/format/activities.js';
import { pieShape, rangeStart, slices, valuePoints } from '../../renderer/src/format/portfolio-chart.js';
import { pricesTouch } from '../../renderer/src/format/portfolio-live.js';

const series = Array.from({ length: 10 }, (_, i) => ({ date: `2025-01-${String(i + 1).padStart(2, '0')}`, value: `${100 + i}.50`, flow: '0' }));

function snapshot(over: Partial<PortfolioSnapshot> = {}): PortfolioSnapshot {
  const none = null;
  return {
    baseCurrency: 'USD',
    method: 'fifo',
    asOf: '2025-01-10',
    oldestPriceTs: null,
    holdings: [],
    cash: [],
    totals: { value: '0', holdings: '0', cash: '0', unrealizedPnl: '0', realizedPnl: '0', dayChange: '0' },
    realizedByYear: [],
    allocation: { byAssetClass: [], byCurrency: [], byHolding: [] },
    series,
    returns: { '1M': none, '3M': none, YTD: none, '1Y': none, Max: { start: '2025-01-04', end: '2025-01-10', twr: '0.01', clamped: true } },
    warnings: { pricedAtTrade: [], missingFx: [], missingPrices: [], cashMismatch: [], staleFx: [] },
    ...over,
  };
}

describe('renderer portfolio chart data', () => {
  it('starts at the return window and keeps the exact strings', () => {
    const s = snapshot();
    expect(rangeStart('Max', s.returns)).toBe('2025-01-04');
    expect(rangeStart('1M', s.returns)).toBeNull();
    const pts = valuePoints(s.series, '2025-01-04');
    expect(pts[0]).toEqual({ date: '2025-01-04', y: 103.5, value: '103.50', flow: '0' });
    expect(pts).toHaveLength(7);
    expect(valuePoints(s.series, null)).toHaveLength(10);
    expect(valuePoints([], null)).toEqual([]);
  });

  it('thins long series but keeps the last day', () => {
    const pts = valuePoints(series, null, 4);
    expect(pts.length).toBeLessThanOrEqual(5);
    expect(pts[0]!.date).toBe('2025-01-01');
    expect(pts[pts.length - 1]!.date).toBe('2025-01-10');
  });

  it('draws only positive slices', () => {
    expect(
      slices([
        { key: 'AAPL', value: '378.60', weight: '0.6' },
        { key: 'X', value: '0', weight: '0' },
      ]),
    ).toEqual([{ key: 'AAPL', y: 378.6, value: '378.60', weight: '0.6' }]);
  });
});

describe('renderer allocation donut shape', () => {
  const rows = (values: string[]) => values.map((value, i) => ({ key: `K${i}`, value, weight: '0' }));
  it('stays the same for a move under a thousandth of the whole, and changes past it', () => {
    const before = pieShape(slices(rows(['500.00', '300.00', '200.00'])));
    expect(before).toBe('K0:500|K1:300|K2:200');
    // 0.3 of 1,000.3: every share moves by less than half a thousandth.
    expect(pieShape(slices(rows(['500.30', '300.00', '200.00'])))).toBe(before);
    expect(pieShape(slices(rows(['510.00', '300.00', '200.00'])))).toBe('K0:505|K1:297|K2:198');
  });
  it('changes when the slices are others or in another order', () => {
    expect(pieShape(slices(rows(['300.00', '500.00', '200.00'])))).not.toBe(pieShape(slices(rows(['500.00', '300.00', '200.00']))));
    expect(pieShape(slices(rows(['500.00', '300.00'])))).toBe('K0:625|K1:375');
    expect(pieShape([])).toBe('');
  });
});

describe('renderer portfolio live refresh', () => {
  const s = snapshot({
    holdings: [{ symbol: 'AAPL', currency: 'USD' } as PortfolioSnapshot['holdings'][number]],
    cash: [{ currency: 'EUR', balance: '1', reserved: '0', available: '1', valueBase: '1.08' }],
  });

  it('refetches only for ticks that move its figures', () => {
    expect(pricesTouch(['AAPL'], s)).toBe(true);
    expect(pricesTouch(['EUR-USD'], s)).toBe(true);
    expect(pricesTouch(['MSFT', 'GBP-JPY'], s)).toBe(false);
    expect(pricesTouch(['MSFT'], null)).toBe(true);
  });
});

describe('renderer throttle', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('runs at once, then once at the end of each quiet period', () => {
    vi.useFakeTimers();
    const fn = vi.fn();
    const t = throttle(fn, 1000);
    t();
    expect(fn).toHaveBeenCalledTimes(1);
    for (let i = 0; i < 20; i++) t();
    expect(fn).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(999);
    expect(fn).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(1);
    expect(fn).toHaveBeenCalledTimes(2);
    vi.advanceTimersByTime(5000);
    expect(fn).toHaveBeenCalledTimes(2);
    t();
    expect(fn).toHaveBeenCalledTimes(3);
    t();
    t.cancel();
    vi.advanceTimersByTime(5000);
    expect(fn).toHaveBeenCalledTimes(3);
  });
});

describe('renderer activity lines', () => {
  const base: ActivityView = {
    id: '1',
    type: 'buy',
    date: '2024-03-01',
    symbol: 'AAPL',
    quantity: '2',
    price: '150',
    fee: '1.00',
    currency: 'USD',
    amount: '-301.00',
    toCurrency: null,
    toAmount: null,
    rate: null,
    orderId: null,
    source: 'manual',
    note: null,
    createdAt: '2024-03-01T00:00:00Z',
  };
  const mu = () => 2;

  it('says what happened in a few words', () => {
    expect(activityDetail(base, 'en-US', mu)).toBe('2 AAPL at $150.00, fee $1.00');
    expect(activityDetail({ ...base, fee: '0' }, 'en-US', mu)).toBe('2 AAPL at $150.00');
    expect(
      activityDetail({ ...base, type: 'fx-exchange', currency: 'EUR', amount: '-500.00', toCurrency: 'USD', toAmount: '540.00', rate: '1.08' }, 'en-US', mu),
    ).toBe('€500.00 → $540.00 (rate 1.08)');
    expect(activityDetail({ ...base, type: 'deposit', amount: '2000.00', symbol: null }, 'en-US', mu)).toBe('Into the USD wallet');
  });

  it('confirms what was recorded', () => {
    expect(recordedText({ ...base, type: 'deposit', date: '2025-06-04', amount: '2000.00', symbol: null }, 'en-US', mu)).toBe(
      'Deposit of $2,000.00 on Jun 4, 2025 recorded.',
    );
    expect(recordedText(base, 'en-US', mu)).toBe('Buy on Mar 1, 2024 recorded: 2 AAPL at $150.00, fee $1.00.');
  });
});
