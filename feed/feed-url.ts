/**
 * How a feed address carries its token and how several addresses make one setting (see docs/feed-cluster.md).
 *
 *   http://feed.example:4000#token=s3cret
 *   http://a.example:4000#token=s3cret,http://b.example:4000
 *
 * The token rides in the URL fragment, which no HTTP client sends anywhere: it only ever leaves in socket.io's
 * handshake as `auth: { token }`. A list is comma-separated (a URL has no bare comma outside its query, which feed
 * URLs do not use); an entry without a token uses the first token given in the list, since the nodes of one cluster
 * share one.
 */
export interface FeedEndpoint {
  /** The address without its fragment. */
  url: string;
  token: string | null;
}

const TOKEN_KEY = 'token';

export function parseFeedUrls(spec: string): FeedEndpoint[] {
  const entries = spec
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map(parseOne);
  const shared = entries.find((e) => e.token !== null)?.token ?? null;
  return entries.map((e) => ({ url: e.url, token: e.token ?? shared }));
}

function parseOne(entry: string): FeedEndpoint {
  const hash = entry.indexOf('#');
  if (hash < 0) return { url: entry, token: null };
  const token = new URLSearchParams(entry.slice(hash + 1)).get(TOKEN_KEY);
  return { url: entry.slice(0, hash), token: token || null };
}

/** The setting as it may be shown or logged: every address, no token. */
export function redactFeedUrls(spec: string): string {
  return parseFeedUrls(spec)
    .map((e) => e.url)
    .join(',');
}

/** An address with its token in the fragment (what a standalone feed prints for clients to copy). */
export function feedUrlWithToken(url: string, token: string | null): string {
  return token ? `${url}#${TOKEN_KEY}=${encodeURIComponent(token)}` : url;
}
