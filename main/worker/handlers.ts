import type { ProvidersConfig } from '../providers/config.js';
import { createProviderRegistry } from '../providers/index.js';
import type { FromWorker, ToWorker } from './messages.js';
import { SyncRunner } from './sync-runner.js';
import { FeedHost } from './feed-host.js';

/** What the background worker does with each message; shared by the worker thread and the in-process link. */
export function workerHandlers(providers: ProvidersConfig, post: (m: FromWorker) => void): (msg: ToWorker) => void {
  const runner = new SyncRunner(createProviderRegistry({ config: providers }), post);
  const feed = new FeedHost(post);
  return (msg) => {
    if (msg.type.startsWith('feed:')) void feed.handle(msg).catch((err) => console.error('feed:', err));
    else runner.handle(msg);
    if (msg.type === 'shutdown') void feed.close();
  };
}
