import { create } from 'zustand';
import type { CurrencyView, InstrumentView, Request, Response } from '../../../shared/contract/index.js';
import { call, type CallResult, type UiError } from '../api/client.js';
import { useCurrencies } from './currencies.js';

type CurrencyFields = Request<'currency:add'>;
type InstrumentFields = Request<'instrument:add'>;
type InstrumentEdit = Request<'instrument:update'>;

interface CatalogueStore {
  currencies: CurrencyView[];
  instruments: InstrumentView[];
  currenciesLoaded: boolean;
  instrumentsLoaded: boolean;
  error: UiError | null;
  loadCurrencies(): Promise<void>;
  loadInstruments(): Promise<void>;
  /** Each change puts the server's answer in place (and keeps the currency pickers in step). */
  addCurrency(c: CurrencyFields): Promise<CallResult<CurrencyView>>;
  updateCurrency(c: Request<'currency:update'>): Promise<CallResult<CurrencyView>>;
  removeCurrency(code: string): Promise<CallResult<Response<'currency:remove'>>>;
  addInstrument(i: InstrumentFields): Promise<CallResult<InstrumentView>>;
  /** An instrument added or changed elsewhere (the import's "Add to the catalogue"). */
  putInstrument(i: InstrumentView): void;
  updateInstrument(i: InstrumentEdit): Promise<CallResult<InstrumentView>>;
  removeInstrument(id: number): Promise<CallResult<Response<'instrument:remove'>>>;
  /** Daily bars for an instrument from CSV text (date,open,high,low,close,volume). */
  importBars(symbol: string, csv: string): Promise<CallResult<Response<'bars:import'>>>;
  reset(): void;
}

function byCode(a: CurrencyView, b: CurrencyView): number {
  return a.code.localeCompare(b.code);
}

function bySymbol(a: InstrumentView, b: InstrumentView): number {
  return a.symbol.localeCompare(b.symbol);
}

/** Keeps the pickers (stores/currencies) in step with the profile's catalogue. */
function syncPickers(list: CurrencyView[]): void {
  useCurrencies.setState({ all: list.map(({ code, name, minorUnit }) => ({ code, name, minorUnit })) });
}

export const useCatalogue = create<CatalogueStore>((set, get) => {
  function putCurrency(c: CurrencyView): void {
    const list = [...get().currencies.filter((x) => x.code !== c.code), c].sort(byCode);
    set({ currencies: list });
    syncPickers(list);
  }

  /** An instrument's quote currency is "in use" while it is listed: the currencies' flags follow a change. */
  function putInstrument(i: InstrumentView): void {
    set({ instruments: [...get().instruments.filter((x) => x.id !== i.id), i].sort(bySymbol) });
    void get().loadCurrencies();
  }

  return {
    currencies: [],
    instruments: [],
    currenciesLoaded: false,
    instrumentsLoaded: false,
    error: null,
    putInstrument,
    async loadCurrencies() {
      const r = await call('currency:list', {});
      if (!r.ok) return set({ error: r.error });
      const list = [...r.data].sort(byCode);
      set({ currencies: list, currenciesLoaded: true, error: null });
      syncPickers(list);
    },
    async loadInstruments() {
      const r = await call('instrument:list', {});
      if (!r.ok) return set({ error: r.error });
      set({ instruments: [...r.data].sort(bySymbol), instrumentsLoaded: true, error: null });
    },
    async addCurrency(c) {
      const r = await call('currency:add', c);
      if (r.ok) putCurrency(r.data);
      return r;
    },
    async updateCurrency(c) {
      const r = await call('currency:update', c);
      if (r.ok) putCurrency(r.data);
      return r;
    },
    async removeCurrency(code) {
      const r = await call('currency:remove', { code });
      if (r.ok) {
        const list = get().currencies.filter((x) => x.code !== code);
        set({ currencies: list });
        syncPickers(list);
      }
      return r;
    },
    async addInstrument(i) {
      const r = await call('instrument:add', i);
      if (r.ok) putInstrument(r.data);
      return r;
    },
    async updateInstrument(i) {
      const r = await call('instrument:update', i);
      if (r.ok) putInstrument(r.data);
      return r;
    },
    async removeInstrument(id) {
      const r = await call('instrument:remove', { id });
      if (r.ok) {
        set({ instruments: get().instruments.filter((x) => x.id !== id) });
        void get().loadCurrencies();
      }
      return r;
    },
    importBars: (symbol, csv) => call('bars:import', { symbol, csv }),
    reset() {
      set({ currencies: [], instruments: [], currenciesLoaded: false, instrumentsLoaded: false, error: null });
    },
  };
});
