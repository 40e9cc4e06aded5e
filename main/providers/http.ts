import type { z } from 'zod';
import { ProviderError, parseRetryAfter } from './errors.js';
import type { ProviderContext, ProviderId } from './types.js';

export interface GetSpec {
  provider: ProviderId;
  url: string;
  headers?: Record<string, string>;
  /**
   * Lets an adapter classify a non-2xx answer itself before the generic rules (e.g. Binance 400 `-1121 Invalid symbol`
   * is not_found, but other 400s are bad requests). Return undefined to fall through.
   */
  classify?: (status: number, body: string) => ProviderError | undefined;
}

export interface RawResponse {
  status: number;
  body: string;
  headers: Headers;
}

/** Short, key-free excerpt of a body for error messages (the sync panel shows them; never show URLs: they hold keys). */
export function excerpt(body: string, max = 160): string {
  const flat = body.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max)}…` : flat;
}

function looksLikeHtml(body: string): boolean {
  const head = body.trimStart().slice(0, 200).toLowerCase();
  return head.startsWith('<!doctype html') || head.startsWith('<html') || head.includes('<head') || head.includes('<body');
}

/**
 * One GET under the context's timeout and cancellation. Classifies transport failures and HTTP statuses into
 * ProviderError kinds; a cancellation by the caller is rethrown untouched so a cancelled job is not counted as a
 * provider failure.
 */
export async function httpGet(ctx: ProviderContext, spec: GetSpec): Promise<RawResponse> {
  const { provider } = spec;
  const timeout = AbortSignal.timeout(ctx.timeoutMs);
  const signal = ctx.signal ? AbortSignal.any([ctx.signal, timeout]) : timeout;
  let res: Response;
  let body: string;
  try {
    res = await ctx.fetch(spec.url, { headers: { accept: '*/*', ...spec.headers }, signal, redirect: 'follow' });
    body = await res.text();
  } catch (e) {
    if (ctx.signal?.aborted) throw ctx.signal.reason ?? e;
    if (timeout.aborted) {
      throw new ProviderError('transient', `no answer within ${ctx.timeoutMs} ms`, { provider, cause: e });
    }
    const detail = e instanceof Error ? (e.cause instanceof Error ? e.cause.message : e.message) : String(e);
    throw new ProviderError('transient', `network error: ${detail}`, { provider, cause: e });
  }
  const status = res.status;
  if (status >= 200 && status < 300) return { status, body, headers: res.headers };

  const custom = spec.classify?.(status, body);
  if (custom) throw custom;
  const said = excerpt(body);
  // 418 is Binance's "IP banned for ignoring 429s"; it carries Retry-After like a 429.
  if (status === 429 || status === 418) {
    const retryAfterMs = parseRetryAfter(res.headers.get('retry-after'), ctx.now());
    throw new ProviderError('rate_limited', `HTTP ${status} rate limited${said ? `: ${said}` : ''}`, { provider, status, retryAfterMs });
  }
  if (status === 401 || status === 403) {
    throw new ProviderError('auth', `HTTP ${status} not authorised${said ? `: ${said}` : ''}`, { provider, status });
  }
  if (status === 404 || status === 410 || status === 400 || status === 422) {
    throw new ProviderError('not_found', `HTTP ${status}${said ? `: ${said}` : ''}`, { provider, status });
  }
  if (status >= 500 || status === 408) {
    throw new ProviderError('transient', `HTTP ${status}${said ? `: ${said}` : ''}`, { provider, status });
  }
  throw new ProviderError('bad_data', `unexpected HTTP ${status}${said ? `: ${said}` : ''}`, { provider, status });
}

/** GET and parse JSON; an HTML page (captive portal, consent wall, error page) or unparsable text is bad_data. */
export async function getJson(ctx: ProviderContext, spec: GetSpec): Promise<unknown> {
  const { body } = await httpGet(ctx, spec);
  if (looksLikeHtml(body)) throw new ProviderError('bad_data', 'HTML page instead of JSON', { provider: spec.provider });
  try {
    return JSON.parse(body) as unknown;
  } catch (e) {
    throw new ProviderError('bad_data', `unparsable JSON: ${excerpt(body, 60)}`, { provider: spec.provider, cause: e });
  }
}

/** GET text that must be XML (ECB); an HTML page is bad_data. */
export async function getXml(ctx: ProviderContext, spec: GetSpec): Promise<string> {
  const { body } = await httpGet(ctx, spec);
  if (looksLikeHtml(body) || !body.trimStart().startsWith('<')) {
    throw new ProviderError('bad_data', 'not an XML document', { provider: spec.provider });
  }
  return body;
}

/** Validate a provider's answer with zod; a mismatch means the provider changed its shape or sent junk: bad_data. */
export function parseShape<S extends z.ZodType>(schema: S, data: unknown, provider: ProviderId, what: string): z.infer<S> {
  const r = schema.safeParse(data);
  if (r.success) return r.data;
  const issue = r.error.issues[0];
  const where = issue?.path.length ? ` at ${issue.path.join('.')}` : '';
  throw new ProviderError('bad_data', `unexpected ${what} shape${where}: ${issue?.message ?? 'invalid'}`, { provider });
}
