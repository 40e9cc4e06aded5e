import { EventEmitter } from 'node:events';
import type { BourseEvent, EventName, EventPayload } from '../shared/contract/index.js';

/** Fan-out of contract events to whichever transports are attached (IPC windows, SSE clients). */
export class EventHub {
  private readonly emitter = new EventEmitter();
  constructor() {
    this.emitter.setMaxListeners(100);
  }
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void {
    this.emitter.emit('event', { event, payload } as BourseEvent);
  }
  subscribe(listener: (e: BourseEvent) => void): () => void {
    this.emitter.on('event', listener);
    return () => this.emitter.off('event', listener);
  }
}
