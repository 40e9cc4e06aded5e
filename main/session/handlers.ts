import type { HandlerSlice } from '../handler.js';
import type { SessionService } from './service.js';

type Channels = 'profile:create' | 'profile:login' | 'profile:logout' | 'profile:change-password' | 'session:get' | 'session:touch' | 'session:lock' | 'session:unlock';

export function sessionHandlers(session: SessionService): HandlerSlice<Channels> {
  return {
    'profile:create': (r) => session.create(r.username, r.password),
    'profile:login': (r) => session.login(r.username, r.password),
    'profile:logout': () => session.logout(),
    'profile:change-password': (r) => session.changePassword(r.current, r.next),
    'session:get': () => session.state(),
    'session:touch': () => session.touch(),
    'session:lock': () => session.lock(),
    'session:unlock': (r) => session.unlock(r.password),
  };
}
