import { get, type IncomingMessage } from 'node:http';
import type { BourseEvent } from '../../shared/contract/index.js';
import { EVENTS_PATH } from '../../shared/transport.js';

/** An SSE client on node:http that collects parsed `data:` messages and raw comment lines. */
export function openEvents(port: number, token: string) {
  const messages: BourseEvent[] = [];
  const comments: string[] = [];
  let res: IncomingMessage | null = null;
  const ready = new Promise<IncomingMessage>((resolve, reject) => {
    const req = get({ host: '127.0.0.1', port, path: `${EVENTS_PATH}?token=${encodeURIComponent(token)}` }, (r) => {
      res = r;
      let buffer = '';
      r.setEncoding('utf8').on('data', (chunk: string) => {
        buffer += chunk;
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          for (const line of block.split('\n')) {
            if (line.startsWith('data: ')) messages.push(JSON.parse(line.slice(6)) as BourseEvent);
            else if (line.startsWith(':')) comments.push(line);
          }
        }
      });
      resolve(r);
    });
    req.on('error', reject);
  });
  return {
    ready,
    messages,
    comments,
    close: () => res?.destroy(),
    async waitFor(pred: (e: BourseEvent) => boolean, timeoutMs = 5_000): Promise<BourseEvent> {
      const started = Date.now();
      for (;;) {
        const hit = messages.find(pred);
        if (hit) return hit;
        if (Date.now() - started > timeoutMs) throw new Error(`no matching event; got ${JSON.stringify(messages)}`);
        await new Promise((r) => setTimeout(r, 10));
      }
    },
  };
}
