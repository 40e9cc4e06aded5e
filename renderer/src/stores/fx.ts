import { create } from 'zustand';
import type { Conversion, Request, Response } from '../../../shared/contract/index.js';
import { call, type CallResult, type UiError } from '../api/client.js';

export type Series = Response<'fx:series'>;
export type SeriesRange = Request<'fx:series'>['range'];

interface FxStore {
  /** The chart's pair history: the last answer (kept while another pair or range is on its way), or null. */
  series: Series | null;
  seriesError: UiError | null;
  seriesLoading: boolean;
  /** Converts with the rate of `date` (or the last one before it). */
  convert(ask: Request<'fx:convert'>): Promise<CallResult<Conversion>>;
  /** Loads a pair's daily history; answers to an earlier ask are dropped. */
  loadSeries(from: string, to: string, range: SeriesRange): Promise<void>;
  /** Forgets the chart (it was closed): the next one starts empty. */
  resetSeries(): void;
}

let seriesAsk = 0;

export const useFx = create<FxStore>((set) => ({
  series: null,
  seriesError: null,
  seriesLoading: false,
  convert: (ask) => call('fx:convert', ask),
  async loadSeries(from, to, range) {
    const ask = ++seriesAsk;
    set({ seriesLoading: true, seriesError: null });
    const r = await call('fx:series', { from, to, range });
    if (ask !== seriesAsk) return;
    if (r.ok) set({ series: r.data, seriesLoading: false });
    else set({ series: null, seriesError: r.error, seriesLoading: false });
  },
  resetSeries() {
    seriesAsk += 1;
    set({ series: null, seriesError: null, seriesLoading: false });
  },
}));
