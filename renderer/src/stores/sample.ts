import { create } from 'zustand';
import { call, type UiError } from '../api/client.js';
import { useSettings } from './settings.js';

interface SampleStore {
  busy: 'creating' | 'deleting' | null;
  error: UiError | null;
  /** Fills this (empty) profile with the sample's made-up activity; true when it did. */
  create(): Promise<boolean>;
  /** Deletes the sample in one step: the profile is empty again and opens on the first-run choices. */
  remove(): Promise<boolean>;
}

export const useSample = create<SampleStore>((set) => {
  async function run(busy: 'creating' | 'deleting', channel: 'sample:create' | 'sample:delete'): Promise<boolean> {
    set({ busy, error: null });
    const r = await call(channel, {});
    // The sample flag and the first-run state changed in main: read them back either way.
    await useSettings.getState().load();
    set({ busy: null, error: r.ok ? null : r.error });
    return r.ok;
  }
  return {
    busy: null,
    error: null,
    create: () => run('creating', 'sample:create'),
    remove: () => run('deleting', 'sample:delete'),
  };
});
