/**
 * The browser host's wire protocol, shared by the host (main/host) and the renderer's HTTP client so the two cannot
 * drift. The Electron path uses the same envelope over IPC.
 *
 * - The host prints `Bourse web: http://127.0.0.1:<port>/?token=<token>`. The renderer reads `token` from the query
 *   string once, keeps it in sessionStorage and removes it from the address bar.
 * - Static files (index.html, assets) are served without the token: they hold no data.
 * - POST {INVOKE_PATH} with header `Authorization: Bearer <token>`, JSON body `{channel, payload}`; the answer is
 *   always HTTP 200 with a `Result` JSON body unless the request is refused before dispatch (401 no/wrong token,
 *   403 foreign Host or Origin, 413 body too large, 400 not JSON), which also carry a `Result` body.
 * - GET {EVENTS_PATH}?token=<token> is a Server-Sent Events stream; each message's data is a `BourseEvent` JSON.
 *   (EventSource cannot send headers, hence the query parameter.)
 * - The Host header must be `127.0.0.1:<port>` or `localhost:<port>` (DNS rebinding defence).
 */
export const INVOKE_PATH = '/api/invoke';
export const EVENTS_PATH = '/api/events';
export const TOKEN_PARAM = 'token';
export const MAX_BODY_BYTES = 1024 * 1024;
/**
 * Files: POST {UPLOAD_PATH}?name=<file name> with the Bearer token and `Content-Type:
 * application/octet-stream` answers a `Result<FileRef>`; GET {DOWNLOAD_PREFIX}<ticket> serves a file main offered
 * once (an export, a backup), the ticket coming from a token-guarded call. See main/host/files.ts.
 */
export const UPLOAD_PATH = '/api/upload';
export const DOWNLOAD_PREFIX = '/api/download/';

/** IPC channel names used by preload and the Electron transport. */
export const IPC_INVOKE = 'bourse:invoke';
export const IPC_EVENT = 'bourse:event';

export interface InvokeEnvelope {
  channel: string;
  payload: unknown;
}
