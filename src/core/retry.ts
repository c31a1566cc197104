// Retries with exponential backoff and jitter, for what another attempt can fix; Retry-After honoured.
import { setTimeout as sleep } from "node:timers/promises";
import { YeastarConnectionError, YeastarTimeoutError } from "../errors.js";
import { abortError, firedOf, linkedAbort } from "./abort.js";
import { isDeterministicFailure } from "./transport-errors.js";

export interface RetryOptions {
  maxRetries: number;
  /** The first backoff; each retry doubles it, with jitter (50–100 %), capped at 8 s. */
  retryDelay: number;
  /** Any of these aborting stops the retries (the client's signal and the call's). */
  signals: (AbortSignal | undefined)[];
  /** What the operation is, for error messages, e.g. "GET /openapi/v1.0/system/information". */
  what: string;
  log?: ((message: string) => void) | undefined;
}

/**
 * Whether an error is worth another attempt: transport failures, 5xx, timeouts; never auth, parameters, aborts,
 * nor a failure that fails the same way every time (a certificate, a name that does not resolve, a TLS mix-up).
 */
export function isRetriable(error: unknown): boolean {
  if (error instanceof YeastarTimeoutError) return true;
  if (!(error instanceof YeastarConnectionError)) return false;
  if (error.status === undefined) return !isDeterministicFailure(error.cause);
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
