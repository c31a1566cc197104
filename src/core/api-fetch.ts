// The fetch that openapi-fetch calls: the access token into every call that needs one, one log line per request
// (redacted), then the client's HTTP. One Request per call (openapi-fetch's own: a PlainRequest for the library's
// calls, a standard one for typedApi's), read here, never copied.
import { redact } from "../secrets.js";
import { type FetchLike, type HttpClients, held } from "./http.js";
import { PlainRequest } from "./plain-web.js";
import type { TokenManager } from "./token.js";

/** The header by which del_token names the token to revoke (it may no longer be the current one); never sent. */
export const PINNED_TOKEN_HEADER = "x-yeastar-token";

/**
 * The URL with the access token in its query string, as every call but get_token/refresh_token carries it.
 * Appended to the URL string: re-serialising with URLSearchParams would turn %20 into + in the whole query.
 */
export function withToken(url: string, token: string): string {
  return `${url}${url.includes("?") ? "&" : "?"}access_token=${encodeURIComponent(token)}`;
}

/** The calls that carry credentials in their body and no token. */
const login = /\/openapi\/v1\.0\/(get_token|refresh_token)(\?|$)/;

/**
 * openapi-fetch's fetch: the token added, then the request sent by `http`. The Request is held until its answer: a
 * standard Request's signal follows the attempt's only as long as the Request lives (a PlainRequest holds the
 * attempt's own).
 * @internal
 */
export function apiFetch(
  http: HttpClients,
  tokens: Pick<TokenManager, "token">,
  log: ((line: string) => void) | undefined,
): FetchLike {
  return async (request) => {
    const headers = Object.fromEntries(request.headers);
    const pinned = headers[PINNED_TOKEN_HEADER];
    delete headers[PINNED_TOKEN_HEADER];
    const url = login.test(request.url)
      ? request.url
      : withToken(request.url, pinned ?? (await tokens.token([request.signal])).token);
    log?.(`${request.method} ${redact(url)}`);
    const bytes = request.method === "GET" || request.method === "HEAD" ? null : await request.arrayBuffer();
    const body = bytes?.byteLength ? Buffer.from(bytes) : null;
    const plain = request instanceof PlainRequest;
    const response = await http.json({ url, method: request.method, headers, body, signal: request.signal, plain });
    held(request);
    return response;
  };
}
