import type { HandlerSlice } from '../handler.js';
import type { ProviderSettingsService } from './settings-service.js';

export function providerHandlers(providers: ProviderSettingsService): HandlerSlice<'providers:list' | 'providers:update' | 'providers:test'> {
  return {
    'providers:list': () => providers.list(),
    'providers:update': (r) => providers.update(r),
    'providers:test': (r) => providers.test(r.id, r.assetClass),
  };
}
