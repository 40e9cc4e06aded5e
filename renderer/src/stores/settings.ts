import { create } from 'zustand';
import type { Settings, SettingsPatch } from '../../../shared/contract/index.js';
import { call, type CallResult } from '../api/client.js';
import { setPrivacy } from '../format/privacy.js';
import { applyLanguage } from '../i18n/index.js';
import { applyTheme } from '../theme.js';
import { PLACEHOLDER } from './settings-placeholder.js';

interface SettingsStore {
  /** The signed-in profile's settings; defaults until loaded. */
  settings: Settings;
  loaded: boolean;
  load(): Promise<void>;
  save(patch: SettingsPatch): Promise<CallResult<Settings>>;
  reset(): void;
  /** Turns privacy mode on or off at once (every figure re-renders masked) and remembers it for the profile. */
  togglePrivacy(): Promise<void>;
}

/** Puts the display preferences into effect (theme, language, privacy) before anything renders with them. */
function apply(settings: Settings): void {
  applyTheme(settings.theme);
  applyLanguage(settings.language);
  setPrivacy(settings.privacyMode);
}

export const useSettings = create<SettingsStore>((set, get) => ({
  settings: PLACEHOLDER,
  loaded: false,
  async load() {
    const r = await call('settings:get', {});
    if (r.ok) {
      apply(r.data);
      set({ settings: r.data, loaded: true });
    }
  },
  async save(patch) {
    const r = await call('settings:update', patch);
    if (r.ok) {
      apply(r.data);
      set({ settings: r.data, loaded: true });
    }
    return r;
  },
  reset() {
    setPrivacy(PLACEHOLDER.privacyMode);
    set({ settings: PLACEHOLDER, loaded: false });
  },
  async togglePrivacy() {
    const on = !get().settings.privacyMode;
    setPrivacy(on);
    set({ settings: { ...get().settings, privacyMode: on } });
    const r = await call('settings:update', { privacyMode: on });
    if (r.ok) set({ settings: r.data, loaded: true });
  },
}));
