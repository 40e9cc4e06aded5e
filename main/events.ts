import { EventEmitter } from 'node:events';
import { PUBLIC_EVENTS, type BourseEvent, type EventName, type EventPayload } from '../shared/contract/index.js';

/**
 * Fan-out of contract events. Main's own parts `subscribe` to everything; the transports that carry events to a page
 * (IPC windows, SSE clients) use `subscribePage`, which while the session is locked or signed out lets through only
 * the public events (`PUBLIC_EVENTS`): nothing carrying balances, holdings or activity reaches a locked screen
 * (docs/design.md#security).
 */
export class EventHub {
  private readonly emitter = new EventEmitter();
  private pageOpen: () => boolean = () => true;
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
  /** Decides, at each event, whether a page may see the profile's events (the session is signed in and unlocked). */
  gatePages(open: () => boolean): void {
    this.pageOpen = open;
  }
  subscribePage(listener: (e: BourseEvent) => void): () => void {
    return this.subscribe((e) => {
      if (PUBLIC_EVENTS.has(e.event) || this.pageOpen()) listener(e);
    });
  }
}
