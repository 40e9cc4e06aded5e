import { contextBridge, ipcRenderer } from 'electron';
import type { BourseApi, BourseEvent } from '../shared/contract/index.js';
import { IPC_EVENT, IPC_INVOKE, type InvokeEnvelope } from '../shared/transport.js';

/**
 * The whole bridge: `invoke` and `on`, nothing else. The page never sees ipcRenderer, so it can only reach the
 * contract's channels (validated again in main) and receive contract events.
 */
type Listener = (payload: unknown) => void;
const listeners = new Map<string, Set<Listener>>();

// One IPC listener for all subscriptions, so subscribing many times cannot pile up listeners on ipcRenderer.
ipcRenderer.on(IPC_EVENT, (_event, message: BourseEvent) => {
  const set = listeners.get(message?.event);
  if (!set) return;
  for (const cb of [...set]) cb(message.payload);
});

const api: BourseApi = {
  invoke(channel, payload) {
    const envelope: InvokeEnvelope = { channel: String(channel), payload };
    return ipcRenderer.invoke(IPC_INVOKE, envelope);
  },
  on(event, cb) {
    if (typeof cb !== 'function') throw new TypeError('bourse.on needs a callback');
    const name = String(event);
    let set = listeners.get(name);
    if (!set) listeners.set(name, (set = new Set()));
    const listener = cb as Listener;
    set.add(listener);
    return () => {
      set.delete(listener);
    };
  },
};

contextBridge.exposeInMainWorld('bourse', api);
