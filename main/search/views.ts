import type { SearchSource } from '../../shared/contract/search.js';
import type { SearchOutcome } from '../providers/registry.js';

const seconds = (ms: number) => `${Math.max(1, Math.ceil(ms / 1000))} s`;

/** A provider's outcome in the words the search box shows under the results ("Yahoo Finance: …"). */
export function sourceOf(o: SearchOutcome, name: string): SearchSource {
  const base = { provider: o.provider, name, state: o.state };
  switch (o.state) {
    case 'ok':
      return { ...base, message: o.hits.length === 0 ? 'found nothing' : o.hits.length === 1 ? 'found 1 instrument' : `found ${o.hits.length} instruments` };
    case 'rate-limited':
      if (o.local) return { ...base, message: `is at its rate limit; searched again in ${seconds(o.retryAfterMs ?? 0)}` };
      return { ...base, message: `asked us to slow down${o.retryAfterMs !== undefined ? `; asked again in ${seconds(o.retryAfterMs)}` : ''}` };
    case 'offline':
      return { ...base, message: 'cannot be reached: check the connection' };
    case 'down':
      return { ...base, message: `is not answering${o.message ? ` (${o.message})` : ''}${o.retryAfterMs !== undefined ? `; tried again in ${seconds(o.retryAfterMs)}` : ''}` };
  }
}
