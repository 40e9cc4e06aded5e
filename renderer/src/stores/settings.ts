import { create } from 'zustand';
import type { Settings, SettingsPatch } from '../../../shared/contract/index.js';
import { call, type CallResult } from '../api/client.js';
import { applyTheme } from '../theme.js';
import { PLACEHOLDER } from './settings-placeholder.js';

interface SettingsStore {
  /** The signed-in profile's settings; defaults until loaded. */
  settings: Settings;
  loaded: boolean;
  load(): Promise<void>;
  save(patch: SettingsPatch): Promise<CallResult<Settings>>;
  reset(): void;
}

export const useSettings = create<SettingsStore>((set) => ({
  settings: PLACEHOLDER,
  loaded: false,
  async load() {
    const r = await call('settings:get', {});
    if (r.ok) {
      set({ settings: r.data, loaded: true });
      applyTheme(r.data.theme);
    }
  },
  async save(patch) {
    const r = await call('settings:update', patch);
    if (r.ok) {
      set({ settings: r.data, loaded: true });
      applyTheme(r.data.theme);
    }
    return r;
  },
  reset() {
    set({ settings: PLACEHOLDER, loaded: false });
  },
}));
