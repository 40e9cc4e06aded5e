import type { HandlerSlice } from '../handler.js';
import type { SettingsService } from './service.js';

export function settingsHandlers(settings: SettingsService, profileId: () => string): HandlerSlice<'settings:get' | 'settings:update'> {
  return {
    'settings:get': () => settings.get(profileId()),
    'settings:update': (r) => settings.update(profileId(), r),
  };
}
