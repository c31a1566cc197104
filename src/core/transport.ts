// What sits under openapi-fetch and the file step: the HTTP clients (with a pinned CA when asked), one
// attempt's signal and timer, and retries with exponential backoff and jitter. Transport failures become
// typed, redacted errors. Nothing here knows an API path.
import http from "node:http";
import https from "node:https";
import { setTimeout as sleep } from "node:timers/promises";
import { Readable } from "node:stream";
import type { ReadableStream as NodeReadableStream } from "node:stream/web";
import { redactUrl, YeastarAbortError, YeastarConnectionError, YeastarError, YeastarTimeoutError } from "../errors.js";

export type FetchLike = (input: Request) => Promise<Response>;

const tlsCodes = new Set([
  "DEPTH_ZERO_SELF_SIGNED_CERT",
  "SELF_SIGNED_CERT_IN_CHAIN",
  "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
  "UNABLE_TO_GET_ISSUER_CERT_LOCALLY",
  "CERT_HAS_EXPIRED",
  "ERR_TLS_CERT_ALTNAME_INVALID",
]);

/** The innermost `code` of an error's cause chain (ECONNREFUSED, DEPTH_ZERO_SELF_SIGNED_CERT, …). */
export function causeCode(error: unknown): string | undefined {
  let code: string | undefined;
  for (
    let e = error as { code?: unknown; cause?: unknown } | undefined, depth = 0;
    e && depth < 5;
    e = e.cause as typeof e, depth++
  ) {
    if (typeof e.code === "string") code = e.code;
  }
  return code;
}

/** The names a certificate holds and the host it was presented for, from Node's ERR_TLS_CERT_ALTNAME_INVALID. */
function certificateNames(error: unknown): { altnames?: string; host?: string } {
  for (
    let e = error as { cause?: unknown; host?: unknown; cert?: { subjectaltname?: unknown } } | undefined, depth = 0;
    e && depth < 5;
    e = e.cause as typeof e, depth++
  ) {
    if (typeof e.host === "string" || e.cert) {
      const altnames =
        typeof e.cert?.subjectaltname === "string"
          ? e.cert.subjectaltname.replace(/(DNS|IP Address):/g, "")
          : undefined;
      return { ...(altnames ? { altnames } : {}), ...(typeof e.host === "string" ? { host: e.host } : {}) };
    }
  }
  return {};
}

/** The innermost message of an error's cause chain ("bad port", "other side closed"), redacted. */
function causeMessage(error: unknown): string | undefined {
  let message: string | undefined;
  for (
    let e = error as { message?: unknown; cause?: unknown } | undefined, depth = 0;
    e && depth < 5;
    e = e.cause as typeof e, depth++
  ) {
    if (typeof e.message === "string" && e.message) message = e.message;
  }
  return message === undefined ? undefined : redactUrl(message);
}

/** One request through Node's http/https: the answer with its body as a Node stream. */
type NodeSend = (
  url: string,
  init: { method: string; headers: Record<string, string>; body?: Buffer | null; signal: AbortSignal },
) => Promise<StreamedResponse>;

/**
 * Requests through Node's own http and https modules, with keep-alive agents of the client's own; the https
 * agent trusts `ca` (and still checks the host name) when given. Redirects are never followed.
 */
function nodeSend(ca: string | Buffer | undefined): NodeSend {
  const agents = {
    "http:": new http.Agent({ keepAlive: true }),
    "https:": new https.Agent({ keepAlive: true, ...(ca ? { ca } : {}) }),
  };
  return (url, init) => {
    const target = new URL(url);
    const secure = target.protocol === "https:";
    const options = { method: init.method, headers: init.headers, signal: init.signal };
    return new Promise((resolve, reject) => {
      const answer = (res: http.IncomingMessage) =>
        resolve({ status: res.statusCode ?? 0, headers: headersOf(res.headers), body: res });
      const request = secure
        ? https.request(target, { ...options, agent: agents["https:"] }, answer)
        : http.request(target, { ...options, agent: agents["http:"] }, answer);
      // After the answer, a failure reaches the body (its reader sees it); this listener only keeps it from
      // being an unhandled 'error'.
      request.on("error", reject);
      request.end(init.body ?? undefined);
    });
  };
}

/** Node's header object as web Headers. */
function headersOf(raw: Record<string, string | string[] | undefined>): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(raw)) {
    for (const v of [value ?? []].flat()) headers.append(name, v);
  }
  return headers;
}

/**
 * Ends a body nobody will read. With an error listener first: a body destroyed early may emit an error, and
 * an 'error' with no listener would crash the host process.
 */
export function discard(body: Readable): void {
  body.on("error", () => undefined);
  body.destroy();
}

/** A streamed answer: status, headers and the body as a Node stream (for files, read without web-stream overhead). */
export interface StreamedResponse {
  status: number;
  headers: Headers;
  body: Readable;
}

export interface HttpClients {
  /** What openapi-fetch calls for the JSON calls. */
  fetch: FetchLike;
  /** A GET whose body is read as a Node stream: the report file. */
  stream(url: string, init: { headers: Record<string, string>; signal: AbortSignal }): Promise<StreamedResponse>;
}

/**
 * The HTTP clients under the library. JSON calls: Node's fetch, or Node's https with an Agent trusting `ca`.
 * Streams (report files): Node's http/https, whose Node stream goes to a file without a web-stream hop and
 * without a second HTTP stack in memory (`npm run bench`). A `fetch` given by the caller is used for both.
 */
export function httpClients(options: { fetch?: FetchLike | undefined; ca?: string | Buffer | undefined }): HttpClients {
  const clients = uncapped(options);
  return { fetch: async (request) => capped(await clients.fetch(request), request.url), stream: clients.stream };
}

/** The largest JSON reply read (decoded): a hostile or broken PBX cannot make the client hold more. */
export const MAX_REPLY_BYTES = 8 * 1024 * 1024;

/** The reply, read whole but refused past MAX_REPLY_BYTES (Content-Length, or counted as it arrives). */
async function capped(response: Response, url: string): Promise<Response> {
  const path = new URL(url).pathname;
  const tooLarge = () =>
    new YeastarConnectionError(
      `${path}: the reply is larger than ${MAX_REPLY_BYTES / 1024 / 1024} MiB, the cap of a JSON reply`,
    );
  if (Number(response.headers.get("content-length") ?? 0) > MAX_REPLY_BYTES) {
    await response.body?.cancel().catch(() => undefined);
    throw tooLarge();
  }
  if (!response.body) return response;
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of response.body as AsyncIterable<Uint8Array>) {
    size += chunk.byteLength;
    if (size > MAX_REPLY_BYTES) {
      await response.body.cancel().catch(() => undefined);
      throw tooLarge();
    }
    chunks.push(chunk);
  }
  const init = { status: response.status, statusText: response.statusText, headers: response.headers };
  return new Response(response.status === 204 || response.status === 304 ? null : Buffer.concat(chunks), init);
}

/** A body read whole, but not past the cap's first excess chunk (which capped() then refuses). */
async function readCapped(body: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body as AsyncIterable<Buffer>) {
    chunks.push(chunk);
    size += chunk.length;
    if (size > MAX_REPLY_BYTES) {
      discard(body);
      break;
    }
  }
  return Buffer.concat(chunks);
}

function uncapped(options: { fetch?: FetchLike | undefined; ca?: string | Buffer | undefined }): HttpClients {
  const given = options.fetch;
  if (given) {
    return {
      fetch: given,
      async stream(url, init) {
        // Redirects are never followed: a 3xx is answered as it is, and the file step refuses it.
        const response = await given(new Request(url, { ...init, redirect: "manual" }));
        const body = response.body
          ? Readable.fromWeb(response.body as NodeReadableStream<Uint8Array>)
          : Readable.from([]);
        return { status: response.status, headers: response.headers, body };
      },
    };
  }
  const send = nodeSend(options.ca);
  return {
    async fetch(request) {
      if (!options.ca) return globalThis.fetch(request);
      // With a pinned CA, through https with an Agent trusting it (Node's fetch takes no CA). JSON replies are
      // small: read whole into a standard Response for openapi-fetch.
      const body =
        request.method === "GET" || request.method === "HEAD" ? null : Buffer.from(await request.arrayBuffer());
      const answer = await send(request.url, {
        method: request.method,
        headers: Object.fromEntries(request.headers),
        body,
        signal: request.signal,
      });
      const bytes = await readCapped(answer.body);
      const empty = answer.status === 204 || answer.status === 304;
      return new Response(empty ? null : bytes, { status: answer.status, headers: answer.headers });
    },
    stream: (url, init) => send(url, { method: "GET", ...init }),
  };
}

/**
 * An AbortController that aborts when any of `signals` does, held by strong references until dispose().
 * (Not AbortSignal.any: on Node 20 its composite signal can be collected under load and never fire.)
 */
export function linkedAbort(signals: (AbortSignal | undefined)[]): { controller: AbortController; dispose(): void } {
  const controller = new AbortController();
  const sources = signals.filter((s): s is AbortSignal => s !== undefined);
  const onAbort = (event: Event) => controller.abort((event.target as AbortSignal).reason);
  for (const source of sources) {
    if (source.aborted) controller.abort(source.reason);
    else source.addEventListener("abort", onAbort, { once: true });
  }
  const dispose = () => {
    for (const source of sources) source.removeEventListener("abort", onAbort);
  };
  return { controller, dispose };
}

/** One attempt: the caller's signals linked, a timer that aborts it, and the error mapping that knows which fired. */
export interface Attempt {
  signal: AbortSignal;
  /** Re-arms the timer (an inactivity timeout: call it for every sign of life). */
  refresh(): void;
  /** What `error` means for this attempt: the caller's abort, this attempt's timeout, or a transport failure. */
  error(error: unknown): YeastarError;
  /** Stops the timer and unlinks the signals; aborts nothing. */
  dispose(): void;
}

export interface AttemptLimits {
  /** An overall limit besides the (inactivity) timeout, with its option's name. */
  deadline?: { ms: number; name: string } | undefined;
  /** Asked when the timeout fires: true means the wait is not the other side's (the timer re-arms). */
  busy?: () => boolean;
}

export function startAttempt(
  signals: (AbortSignal | undefined)[],
  timeoutMs: number,
  what: string,
  timeoutName: string,
  limits: AttemptLimits = {},
): Attempt {
  const link = linkedAbort(signals);
  let fired: { ms: number; name: string } | undefined;
  const expire = (limit: { ms: number; name: string }) => {
    fired ??= limit;
    link.controller.abort();
  };
  const timer = setTimeout(() => {
    if (limits.busy?.()) timer.refresh();
    else expire({ ms: timeoutMs, name: timeoutName });
  }, timeoutMs);
  const { deadline } = limits;
  const deadlineTimer = deadline ? setTimeout(() => expire(deadline), deadline.ms) : undefined;
  return {
    signal: link.controller.signal,
    refresh: () => void timer.refresh(),
    error: (error) =>
      transportError(error, what, {
        userSignal: firedOf(signals),
        timedOut: fired !== undefined,
        timeoutMs: fired?.ms ?? timeoutMs,
        timeoutName: fired?.name ?? timeoutName,
      }),
    dispose: () => {
      clearTimeout(timer);
      clearTimeout(deadlineTimer);
      link.dispose();
    },
  };
}

export interface RetryOptions {
  maxRetries: number;
  /** The first backoff; each retry doubles it, with jitter (50–100 %), capped at 8 s. */
  retryDelay: number;
  /** Any of these aborting stops the retries (the client's signal and the call's). */
  signals: (AbortSignal | undefined)[];
  /** What the operation is, for error messages, e.g. "GET /openapi/v2.0/call_report/download". */
  what: string;
  log?: ((message: string) => void) | undefined;
}

/** The first of `signals` that has fired. */
export const firedOf = (signals: (AbortSignal | undefined)[]) => signals.find((s) => s?.aborted);

/** Whether an error is worth another attempt: transport failures, 5xx, timeouts; never auth, parameters, aborts. */
export function isRetriable(error: unknown): boolean {
  if (error instanceof YeastarTimeoutError) return true;
  if (!(error instanceof YeastarConnectionError)) return false;
  // A certificate fails the same way every time.
  if (error.status === undefined) return !tlsCodes.has(causeCode(error.cause) ?? "");
  return error.status >= 500 || error.status === 429;
}

/** The longest Retry-After the client waits for. */
export const MAX_RETRY_AFTER_MS = 30_000;

/** Retry-After (seconds, or an HTTP date) in ms, capped; undefined when absent or unreadable. */
export function retryAfterOf(value: string | null, now = Date.now()): number | undefined {
  if (value === null || value.trim() === "") return undefined;
  const ms = /^\d+$/.test(value.trim()) ? Number(value) * 1000 : Date.parse(value) - now;
  return Number.isFinite(ms) ? Math.min(Math.max(ms, 0), MAX_RETRY_AFTER_MS) : undefined;
}

/** Runs `attempt` until it succeeds, fails with a non-retriable error, or the retries are used up. */
export async function withRetries<T>(attempt: (n: number) => Promise<T>, options: RetryOptions): Promise<T> {
  for (let n = 0; ; n++) {
    let fired = firedOf(options.signals);
    if (fired) throw abortError(options.what, fired);
    try {
      return await attempt(n);
    } catch (error) {
      if (n >= options.maxRetries || !isRetriable(error) || firedOf(options.signals)) throw error;
      const backoff = Math.min(8000, options.retryDelay * 2 ** n) * (0.5 + Math.random() / 2);
      const asked = error instanceof YeastarConnectionError ? error.retryAfterMs : undefined;
      const delay = asked ?? backoff;
      const message = (error as Error).message;
      const said = message.startsWith(options.what) ? message : `${options.what}: ${message}`;
      options.log?.(`${said}; retry ${n + 1} of ${options.maxRetries} in ${Math.round(delay)} ms`);
      const link = linkedAbort(options.signals);
      try {
        await sleep(delay, undefined, { signal: link.controller.signal });
      } catch {
        fired = firedOf(options.signals);
        throw abortError(options.what, fired!);
      } finally {
        link.dispose();
      }
    }
  }
}

export function abortError(what: string, signal: AbortSignal): YeastarAbortError {
  return new YeastarAbortError(`${what}: aborted`, { cause: signal.reason });
}

/**
 * Turns whatever a fetch (or reading its body) threw into a typed error, knowing whether the caller
 * aborted or the attempt's own timer fired. Messages name the operation, never the URL.
 */
export function transportError(
  error: unknown,
  what: string,
  context: { userSignal?: AbortSignal | undefined; timedOut: boolean; timeoutMs: number; timeoutName: string },
): YeastarError {
  if (error instanceof YeastarError) return error;
  if (context.userSignal?.aborted) return abortError(what, context.userSignal);
  if (context.timedOut)
    return new YeastarTimeoutError(`${what}: no answer within ${context.timeoutMs} ms (${context.timeoutName})`, {
      cause: error,
    });
  const code = causeCode(error);
  if (code === "ERR_TLS_CERT_ALTNAME_INVALID") {
    const named = certificateNames(error);
    return new YeastarConnectionError(
      `${what}: the PBX's TLS certificate is for ${named.altnames ?? "other names"}, ` +
        `not ${named.host ?? "the host connected to"} (ERR_TLS_CERT_ALTNAME_INVALID): connect by a name the ` +
        "certificate holds, or have the PBX's certificate issued for this one",
      { cause: error },
    );
  }
  if (code && tlsCodes.has(code)) {
    return new YeastarConnectionError(
      `${what}: the PBX's TLS certificate is not trusted (${code}). A self-hosted PBX uses a self-signed ` +
        `certificate: pass it (PEM) as the \`ca\` option, e.g. ca: readFileSync("pbx.pem"), or --ca FILE on the ` +
        `command line`,
      { cause: error },
    );
  }
  if (error instanceof SyntaxError)
    return new YeastarConnectionError(`${what}: the PBX's answer is not valid JSON`, { cause: error });
  const detail = code ?? causeMessage(error);
  return new YeastarConnectionError(`${what}: connection failed${detail ? ` (${detail})` : ""}`, { cause: error });
}
