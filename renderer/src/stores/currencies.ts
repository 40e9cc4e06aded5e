import { create } from 'zustand';
import type { Response } from '../../../shared/contract/index.js';
import { call } from '../api/client.js';

/** The picker needs only these; `currency:list` also says whether each is built in and in use. */
export type CurrencyInfo = Pick<Response<'currency:list'>[number], 'code' | 'name' | 'minorUnit'>;

/** Shown first in every picker (kept in step with shared/currencies.ts COMMON_CURRENCIES, which pulls in the catalogue). */
export const COMMON: readonly CurrencyInfo[] = [
  { code: 'USD', name: 'US Dollar', minorUnit: 2 },
  { code: 'EUR', name: 'Euro', minorUnit: 2 },
  { code: 'GBP', name: 'Pound Sterling', minorUnit: 2 },
  { code: 'CHF', name: 'Swiss Franc', minorUnit: 2 },
  { code: 'JPY', name: 'Yen', minorUnit: 0 },
];

interface CurrencyStore {
  all: CurrencyInfo[];
  load(): Promise<void>;
}

export const useCurrencies = create<CurrencyStore>((set, get) => ({
  all: [...COMMON],
  async load() {
    if (get().all.length > COMMON.length) return;
    const r = await call('currency:list', {});
    if (r.ok) set({ all: r.data });
  },
}));

/** Minor units by code, made again only when the list is replaced: tables ask for every cell. */
let index: { all: readonly { code: string; minorUnit: number }[]; units: Map<string, number> } | null = null;

export function minorUnitOf(code: string): number {
  const all = useCurrencies.getState().all;
  if (index?.all !== all) index = { all, units: new Map(all.map((c) => [c.code, c.minorUnit])) };
  return index.units.get(code) ?? 2;
}
