import type { z } from 'zod';
import type { Result } from '../errors.js';
import { backupChannels } from './backup.js';
import { catalogueChannels } from './catalogue.js';
import { fxChannels } from './fx.js';
import { marketChannels } from './market.js';
import { profileChannels } from './profile.js';
import { providerChannels } from './providers.js';
import { settingsChannels } from './settings.js';
import { walletChannels } from './wallet.js';
import { ordersChannels } from './orders.js';
import { activityChannels } from './activities.js';
import { portfolioChannels } from './portfolio.js';
import { historyChannels } from './history.js';
import { sampleChannels } from './sample.js';
import { healthChannels } from './health.js';
import { alertChannels } from './alerts.js';
import { searchChannels } from './search.js';
import { accountChannels, accountTransferChannels } from './accounts.js';
import { reportChannels, reportFileChannels } from './reports.js';
import { corporateChannels } from './corporate.js';

export * from './common.js';
export * from './events.js';
export * from './profile.js';
export * from './settings.js';
export * from './wallet.js';
export * from './catalogue.js';
export * from './fx.js';
export * from './market.js';
export * from './providers.js';
export * from './sync.js';
export * from './backup.js';
export * from './orders.js';
export * from './activities.js';
export * from './portfolio.js';
export * from './history.js';
export * from './sample.js';
export * from './health.js';
export * from './alerts.js';
export * from './search.js';
export * from './accounts.js';
export * from './reports.js';
export * from './corporate.js';

/**
 * The contract: every channel the renderer may call, with its zod request and response schemas and whether it needs
 * an unlocked session. Both transports and the renderer client derive their types from this one map.
 */
export const channels = {
  ...profileChannels,
  ...walletChannels,
  ...settingsChannels,
  ...catalogueChannels,
  ...fxChannels,
  ...providerChannels,
  ...marketChannels,
  ...backupChannels,
  ...ordersChannels,
  ...activityChannels,
  ...portfolioChannels,
  ...historyChannels,
  ...sampleChannels,
  ...healthChannels,
  ...alertChannels,
  ...searchChannels,
  ...accountChannels,
  ...accountTransferChannels,
  ...reportChannels,
  ...corporateChannels,
  ...reportFileChannels,
} as const;

export type Channels = typeof channels;
export type Channel = keyof Channels;
export type Request<C extends Channel> = z.input<Channels[C]['request']>;
export type Response<C extends Channel> = z.infer<Channels[C]['response']>;

export function isChannel(name: unknown): name is Channel {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(channels, name);
}

/** The one interface the renderer talks to, over IPC (preload) or HTTP (browser host). */
export interface BourseApi {
  invoke<C extends Channel>(channel: C, payload: Request<C>): Promise<Result<Response<C>>>;
  on<E extends import('./events.js').EventName>(
    event: E,
    cb: (payload: import('./events.js').EventPayload<E>) => void,
  ): () => void;
}
