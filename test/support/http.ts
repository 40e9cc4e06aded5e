import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';

export interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
  json<T = unknown>(): T;
}

export interface RawRequest {
  port: number;
  method?: string;
  path: string;
  /** Sent as given, including a forged Host (fetch would not let us set one). */
  headers?: Record<string, string | number>;
  body?: string | Buffer;
  /** Write the body in chunks without a Content-Length (Transfer-Encoding: chunked). */
  chunked?: boolean;
}

/** A plain node:http request to 127.0.0.1 with full control over headers; tolerates the server closing early. */
export function raw(req: RawRequest): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string | number> = { ...req.headers };
    if (req.body !== undefined && !req.chunked && headers['Content-Length'] === undefined) {
      headers['Content-Length'] = Buffer.byteLength(req.body);
    }
    const r = httpRequest({ host: '127.0.0.1', port: req.port, method: req.method ?? 'GET', path: req.path, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body, json: <T>() => JSON.parse(body) as T });
      });
      res.on('error', reject);
    });
    // The host may answer (413, 401) and close before the whole body is written; the answer is what we test.
    r.on('error', reject);
    if (req.body === undefined) {
      r.end();
    } else if (req.chunked) {
      const buf = Buffer.isBuffer(req.body) ? req.body : Buffer.from(req.body);
      const step = 64 * 1024;
      let i = 0;
      const pump = () => {
        while (i < buf.length) {
          const ok = r.write(buf.subarray(i, i + step));
          i += step;
          if (!ok) return void r.once('drain', pump);
        }
        r.end();
      };
      pump();
    } else {
      r.end(req.body);
    }
  });
}
