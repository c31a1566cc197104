// What sits under openapi-fetch: the fetch it calls (with a pinned CA when asked), per-attempt timeouts,
// and retries with exponential backoff and jitter. Transport failures become typed, redacted errors.
import { setTimeout as sleep } from "node:timers/promises";
import { redactUrl, YeastarAbortError, YeastarConnectionError, YeastarError, YeastarTimeoutError } from "./errors.ts";

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

/**
 * The fetch that openapi-fetch calls. With `ca`, requests go through an undici Agent that trusts that
 * certificate (and still checks the host name); undici is loaded only then.
 */
export function makeFetch(options: { fetch?: FetchLike; ca?: string | Buffer }): FetchLike {
  if (options.fetch) return options.fetch;
  if (!options.ca) return (request) => globalThis.fetch(request);
  const ca = options.ca;
  let pending: Promise<{ fetch: (url: string, init: object) => Promise<unknown>; dispatcher: unknown }> | undefined;
  const load = async () => {
    const undici = await import("undici");
    return { fetch: undici.fetch as unknown as (url: string, init: object) => Promise<unknown>, dispatcher: new undici.Agent({ connect: { ca } }) };
  };
  return async (request) => {
    pending ??= load();
    const { fetch, dispatcher } = await pending;
    // undici's own fetch and Agent: Node's bundled fetch may not accept a dispatcher from the npm package.
    const body = request.method === "GET" || request.method === "HEAD" ? undefined : await request.arrayBuffer();
    return (await fetch(request.url, { method: request.method, headers: [...request.headers], body, signal: request.signal, dispatcher })) as Response;
  };
}

export interface RetryOptions {
  maxRetries: number;
  /** The first backoff; each retry doubles it, with jitter (50–100 %), capped at 8 s. */
  retryDelay: number;
  signal?: AbortSignal | undefined;
  /** What the operation is, for error messages, e.g. "GET /openapi/v2.0/call_report/download". */
  what: string;
  log?: (message: string) => void;
}

/** Whether an error is worth another attempt: transport failures, 5xx, timeouts; never auth, parameters, aborts. */
export function isRetriable(error: unknown): boolean {
  if (error instanceof YeastarTimeoutError) return true;
  if (error instanceof YeastarConnectionError) return error.status === undefined ? !tlsCodes.has(causeCode(error.cause) ?? "") : error.status >= 500;
  return false;
}

/** Runs `attempt` until it succeeds, fails with a non-retriable error, or the retries are used up. */
export async function withRetries<T>(attempt: (n: number) => Promise<T>, options: RetryOptions): Promise<T> {
  for (let n = 0; ; n++) {
    if (options.signal?.aborted) throw abortError(options.what, options.signal);
    try {
      return await attempt(n);
    } catch (error) {
      if (n >= options.maxRetries || !isRetriable(error) || options.signal?.aborted) throw error;
      const delay = Math.min(8000, options.retryDelay * 2 ** n) * (0.5 + Math.random() / 2);
      options.log?.(`${options.what}: ${(error as Error).message}; retry ${n + 1} of ${options.maxRetries} in ${Math.round(delay)} ms`);
      try {
        await sleep(delay, undefined, { signal: options.signal });
      } catch {
        throw abortError(options.what, options.signal!);
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
