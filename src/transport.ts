// What sits under openapi-fetch: the fetch it calls (with a pinned CA when asked), per-attempt timeouts,
// and retries with exponential backoff and jitter. Transport failures become typed, redacted errors.
import { setTimeout as sleep } from "node:timers/promises";
import type { Readable } from "node:stream";
import { redactUrl, YeastarAbortError, YeastarConnectionError, YeastarError, YeastarTimeoutError } from "./errors.js";

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
  for (let e = error as { code?: unknown; cause?: unknown } | undefined, depth = 0; e && depth < 5; e = e.cause as typeof e, depth++) {
    if (typeof e.code === "string") code = e.code;
  }
  return code;
}

/** The innermost message of an error's cause chain ("bad port", "other side closed"), redacted. */
function causeMessage(error: unknown): string | undefined {
  let message: string | undefined;
  for (let e = error as { message?: unknown; cause?: unknown } | undefined, depth = 0; e && depth < 5; e = e.cause as typeof e, depth++) {
    if (typeof e.message === "string" && e.message) message = e.message;
  }
  return message === undefined ? undefined : redactUrl(message);
}

/** The Node stream behind a Response that makeFetch built, so a file can be read without web-stream overhead. */
const nodeBodies = new WeakMap<Response, Readable>();
export function nodeBodyOf(response: Response): Readable | undefined {
  return nodeBodies.get(response);
}

/** A web stream that reads from `body` only when pulled: until then the Node stream is untouched. */
function lazyWebStream(body: Readable): ReadableStream<Uint8Array> {
  let it: AsyncIterator<Uint8Array> | undefined;
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        it ??= body[Symbol.asyncIterator]();
        const { done, value } = await it.next();
        if (done) controller.close();
        else controller.enqueue(value);
      },
      cancel(reason) {
        body.destroy(reason instanceof Error ? reason : undefined);
      },
    },
    { highWaterMark: 0 },
  );
}

interface Undici {
  request: (typeof import("undici"))["request"];
  fetch: (url: string, init: object) => Promise<unknown>;
}

/**
 * The fetch that openapi-fetch calls. Report files (`/api/download/…`) go through undici's `request`,
 * whose Node stream moves a large file faster than fetch's web stream; download.ts reads that stream
 * directly (nodeBodyOf). With `ca`, every
 * request goes through an undici Agent that trusts it (and still checks the host name). A `fetch` given
 * by the caller is used as it is, for everything.
 */
export function makeFetch(options: { fetch?: FetchLike; ca?: string | Buffer }): FetchLike {
  if (options.fetch) return options.fetch;
  const ca = options.ca;
  let pending: Promise<{ undici: Undici; dispatcher: import("undici").Dispatcher | undefined }> | undefined;
  const load = async () => {
    const undici = await import("undici");
    return {
      undici: { request: undici.request, fetch: undici.fetch as unknown as Undici["fetch"] },
      dispatcher: ca ? new undici.Agent({ connect: { ca } }) : undefined,
    };
  };
  return async (request) => {
    const isFile = request.method === "GET" && new URL(request.url).pathname.startsWith("/api/download/");
    if (!isFile && !ca) return globalThis.fetch(request);
    pending ??= load();
    const { undici, dispatcher } = await pending;
    if (isFile) {
      const { statusCode, headers, body } = await undici.request(request.url, {
        method: "GET",
        headers: Object.fromEntries(request.headers),
        signal: request.signal,
        highWaterMark: 1 << 20,
        ...(dispatcher ? { dispatcher } : {}),
      });
      const responseHeaders = new Headers();
      for (const [name, value] of Object.entries(headers)) {
        for (const v of Array.isArray(value) ? value : value === undefined ? [] : [value]) responseHeaders.append(name, v);
      }
      // A 2xx body is read only through nodeBodyOf(): no web stream is built for it (that costs more than a
      // small report's transfer). Other answers get a lazy web body, for openapi-fetch to read the error.
      const ok = statusCode >= 200 && statusCode < 300;
      const response = new Response(ok || statusCode === 304 ? null : lazyWebStream(body), { status: statusCode, headers: responseHeaders });
      nodeBodies.set(response, body);
      return response;
    }
    // undici's own fetch and Agent: Node's bundled fetch may not accept a dispatcher from the npm package.
    const body = request.method === "GET" || request.method === "HEAD" ? undefined : await request.arrayBuffer();
    return (await undici.fetch(request.url, { method: request.method, headers: [...request.headers], body, signal: request.signal, dispatcher })) as Response;
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
  return { controller, dispose: () => sources.forEach((source) => source.removeEventListener("abort", onAbort)) };
}

export interface RetryOptions {
  maxRetries: number;
  /** The first backoff; each retry doubles it, with jitter (50–100 %), capped at 8 s. */
  retryDelay: number;
  /** Any of these aborting stops the retries (the client's signal and the call's). */
  signals: (AbortSignal | undefined)[];
  /** What the operation is, for error messages, e.g. "GET /openapi/v2.0/call_report/download". */
  what: string;
  log?: (message: string) => void;
}

/** The first of `signals` that has fired. */
export const firedOf = (signals: (AbortSignal | undefined)[]) => signals.find((s) => s?.aborted);

/** Whether an error is worth another attempt: transport failures, 5xx, timeouts; never auth, parameters, aborts. */
export function isRetriable(error: unknown): boolean {
  if (error instanceof YeastarTimeoutError) return true;
  if (error instanceof YeastarConnectionError) return error.status === undefined ? !tlsCodes.has(causeCode(error.cause) ?? "") : error.status >= 500;
  return false;
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
      const delay = Math.min(8000, options.retryDelay * 2 ** n) * (0.5 + Math.random() / 2);
      options.log?.(`${options.what}: ${(error as Error).message}; retry ${n + 1} of ${options.maxRetries} in ${Math.round(delay)} ms`);
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
export function transportError(error: unknown, what: string, context: { userSignal?: AbortSignal | undefined; timedOut: boolean; timeoutMs: number; timeoutName: string }): YeastarError {
  if (error instanceof YeastarError) return error;
  if (context.userSignal?.aborted) return abortError(what, context.userSignal);
  if (context.timedOut) return new YeastarTimeoutError(`${what}: no answer within ${context.timeoutMs} ms (${context.timeoutName})`, { cause: error });
  const code = causeCode(error);
  if (code && tlsCodes.has(code)) {
    return new YeastarConnectionError(
      `${what}: the PBX's TLS certificate is not trusted (${code}). A self-hosted PBX uses a self-signed certificate: pass it (PEM) as the \`ca\` option, e.g. ca: readFileSync("pbx.pem"), or --ca FILE on the command line`,
      { cause: error },
    );
  }
  if (error instanceof SyntaxError) return new YeastarConnectionError(`${what}: the PBX's answer is not valid JSON`, { cause: error });
  const detail = code ?? causeMessage(error);
  return new YeastarConnectionError(`${what}: connection failed${detail ? ` (${detail})` : ""}`, { cause: error });
}
