import { create } from 'zustand';
import type { CurrencyView, InstrumentView } from '../../../shared/contract/index.js';
import { call, type UiError } from '../api/client.js';
import { useCurrencies } from './currencies.js';

interface CatalogueStore {
  currencies: CurrencyView[];
  instruments: InstrumentView[];
  currenciesLoaded: boolean;
  instrumentsLoaded: boolean;
  error: UiError | null;
  loadCurrencies(): Promise<void>;
  loadInstruments(): Promise<void>;
  /** After an add/edit/remove: put the server's answer in place (and refresh the currency pickers). */
  putCurrency(c: CurrencyView): void;
  dropCurrency(code: string): void;
  putInstrument(i: InstrumentView): void;
  dropInstrument(id: number): void;
  reset(): void;
}

function byCode(a: CurrencyView, b: CurrencyView): number {
  return a.code.localeCompare(b.code);
}

/** Keeps the pickers (stores/currencies) in step with the profile's catalogue. */
function syncPickers(list: CurrencyView[]): void {
  useCurrencies.setState({ all: list.map(({ code, name, minorUnit }) => ({ code, name, minorUnit })) });
}

export const useCatalogue = create<CatalogueStore>((set, get) => ({
  currencies: [],
  instruments: [],
  currenciesLoaded: false,
  instrumentsLoaded: false,
  error: null,
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
    set({ instruments: [...r.data].sort((a, b) => a.symbol.localeCompare(b.symbol)), instrumentsLoaded: true, error: null });
  },
  putCurrency(c) {
    const list = [...get().currencies.filter((x) => x.code !== c.code), c].sort(byCode);
    set({ currencies: list });
    syncPickers(list);
  },
  dropCurrency(code) {
    const list = get().currencies.filter((x) => x.code !== code);
    set({ currencies: list });
    syncPickers(list);
  },
  putInstrument(i) {
    set({ instruments: [...get().instruments.filter((x) => x.id !== i.id), i].sort((a, b) => a.symbol.localeCompare(b.symbol)) });
  },
  dropInstrument(id) {
    set({ instruments: get().instruments.filter((x) => x.id !== id) });
  },
  reset() {
    set({ currencies: [], instruments: [], currenciesLoaded: false, instrumentsLoaded: false, error: null });
  },
}));
