import { create } from 'zustand';
import type { Page } from '../nav/pages.js';
import { useSettings } from './settings.js';

export type { Page } from '../nav/pages.js';

/** Where a profile opens when it has no remembered page. */
export const DEFAULT_PAGE: Page = 'wallets';

interface NavStore {
  page: Page;
  /** Counts visits, so asking for the page already open (with a new prefilled form) opens it afresh. */
  visit: number;
  /** Opens a page and remembers it for the profile's next sign-in (the first-run page is never remembered). */
  go(page: Page): void;
  /** Shows a page without remembering it (the page a sign-in restores). */
  show(page: Page): void;
  /** Back to the default page for the next profile (not a visit: the opening page a sign-in restores still applies). */
  reset(): void;
}

export const useNav = create<NavStore>((set, get) => ({
  page: DEFAULT_PAGE,
  visit: 0,
  go(page) {
    set({ page, visit: get().visit + 1 });
    const settings = useSettings.getState();
    if (page !== 'welcome' && settings.loaded && settings.settings.lastPage !== page) void settings.save({ lastPage: page });
  },
  show(page) {
    set({ page, visit: get().visit + 1 });
  },
  reset() {
    set({ page: DEFAULT_PAGE });
  },
}));
