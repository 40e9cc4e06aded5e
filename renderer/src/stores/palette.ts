import { create } from 'zustand';

/** Whether the command palette is open (Ctrl/⌘K, or the search button of the top bar). */
export const usePalette = create<{ open: boolean; setOpen(open: boolean): void; toggle(): void }>((set, get) => ({
  open: false,
  setOpen: (open) => set({ open }),
  toggle: () => set({ open: !get().open }),
}));
