import type { z } from 'zod';
import type { Channel, Channels, Response } from '../shared/contract/index.js';
import { listCurrencies } from '../shared/currencies.js';
import type { ProfileRegistry } from './services/profiles.js';
import type { SessionService } from './services/session.js';
import type { SettingsService } from './services/settings.js';

export type Handler<C extends Channel> = (req: z.infer<Channels[C]['request']>) => Promise<Response<C>> | Response<C>;
export type Handlers = { [C in Channel]: Handler<C> };

export interface Services {
  registry: ProfileRegistry;
  session: SessionService;
  settings: SettingsService;
}

/** Binds each contract channel to its service call. dispatch has already validated the request and the session. */
export function bindHandlers({ registry, session, settings }: Services): Handlers {
  return {
    'profile:list': () => registry.list(),
    'profile:create': (r) => session.create(r.username, r.password),
    'profile:login': (r) => session.login(r.username, r.password),
    'profile:logout': () => session.logout(),
    'session:get': () => session.state(),
    'session:touch': () => session.state(),
    'session:lock': () => session.lock(),
    'session:unlock': (r) => session.unlock(r.password),
    'currency:list': () => listCurrencies(),
    'wallet:list': (r) => session.require().wallets.list(r.latest ?? 5),
    'wallet:open': (r) => session.require().wallets.open(r.currency),
    'wallet:deposit': (r) => session.require().wallets.deposit(r),
    'wallet:withdraw': (r) => session.require().wallets.withdraw(r),
    'wallet:entries': (r) => session.require().wallets.entries(r.currency, r.limit, r.beforeId),
    'settings:get': () => settings.get(session.require().profile.id),
    'settings:update': (r) => {
      const s = settings.update(session.require().profile.id, r);
      session.state();
      return s;
    },
  };
}
