import { envVarFor } from '../../main/providers/config.js';
import { PROVIDER_IDS } from '../../main/providers/types.js';

/**
 * Every network provider's base URL pointed at a closed loopback port, so a test app's sync fails at once (the
 * bundled history still answers for FX) and only what the test writes is in the market store.
 */
export function offlineProviderEnv(): Record<string, string> {
  return Object.fromEntries(PROVIDER_IDS.filter((id) => id !== 'bundled').map((id) => [envVarFor(id), 'http://127.0.0.1:9']));
}
