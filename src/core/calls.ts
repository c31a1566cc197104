// One JSON call of the API: a timeout per attempt, retries, a non-2xx answer as a connection error; and the
// same with the token, renewed once on 10004.

import { type ApiErrorDetails, YeastarConnectionError, YeastarReplyError } from "../errors.js";
import { apiError } from "./api-errors.js";
import { startAttempt } from "./attempt.js";
import { retryAfterOf, withRetries } from "./retry.js";
import type { TokenManager } from "./token.js";

/** What a caller gives as `logger`: either method may be left out. */
export interface Logger {
  debug?(message: string): void;
  warn?(message: string): void;
}

/** Where the client's lines go: retries and refusals to `warn`, each request to `debug`. */
export interface Log {
  warn: ((line: string) => void) | undefined;
  debug: ((line: string) => void) | undefined;
}

/** How every request of a client is made: its timeout, its retries, the signal that aborts it, its log. */
export interface RequestPolicy {
  /** Milliseconds per attempt. */
  timeout: number;
  /** The option that sets `timeout`, as messages name it. @default "timeout" */
  timeoutName?: string;
  maxRetries: number;
  retryDelay: number;
  /** The client's signal: it aborts every call. */
  signal: AbortSignal | undefined;
  log: Log;
}

/** A redirect is an error: nothing the client sends leaves the PBX origin. It names where it pointed (origin only). */
export function redirectError(
  what: string,
  response: { status: number; headers: { get(name: string): string | null } },
): YeastarConnectionError {
  const location = response.headers.get("location");
  let target = "nowhere";
  try {
    target = location ? new URL(location, "http://relative.invalid").origin : target;
  } catch {
    target = "an unreadable Location";
  }
  const where = target === "http://relative.invalid" ? "another path of the PBX" : target;
  return new YeastarConnectionError(
    `${what}: HTTP ${response.status}, a redirect to ${where}; not followed (nothing is sent off the configured PBX)`,
    { status: response.status },
  );
}

/** What is wrong with a reply's envelope (every reply is an object with an integer errcode), or undefined. */
export function envelopeProblem(data: unknown): string | undefined {
  if (data === null || typeof data !== "object" || Array.isArray(data)) return "the reply is not a JSON object";
  const { errcode, errmsg } = data as { errcode?: unknown; errmsg?: unknown };
  if (typeof errcode !== "number" || !Number.isInteger(errcode))
    return `errcode is ${JSON.stringify(errcode) ?? "missing"}, not an integer`;
  if (errmsg !== undefined && typeof errmsg !== "string") return "errmsg is not a string";
  return undefined;
}

/** What openapi-fetch answers. */
type Answer<T> = { data?: T; error?: unknown; response: Response };

/** A JSON call with a timeout per attempt and retries; a non-2xx answer is a connection error. */
export function callJson<T>(
  policy: RequestPolicy,
  what: string,
  userSignal: AbortSignal | undefined,
  run: (signal: AbortSignal) => Promise<Answer<T>>,
): Promise<T> {
  const signals = [policy.signal, userSignal];
  const attempt = async (): Promise<T> => {
    const a = startAttempt(signals, policy.timeout, what, policy.timeoutName ?? "timeout");
    try {
      const { data, response } = await run(a.signal);
      if (response.status >= 300 && response.status < 400) throw redirectError(what, response);
      if (!response.ok) {
        const html = /html/i.test(response.headers.get("content-type") ?? "");
        const page = html ? " with an HTML page (a proxy or the PBX's web server answered, not its API)" : "";
        const retryAfterMs = retryAfterOf(response.headers.get("retry-after"));
        throw new YeastarConnectionError(`${what}: HTTP ${response.status}${page}`, {
          retryAfterMs,
          status: response.status,
        });
      }
      if (data === undefined) throw new YeastarReplyError(`${what}: empty answer`);
      const problem = envelopeProblem(data);
      if (problem) throw new YeastarReplyError(`malformed reply from ${what}: ${problem}`);
      return data;
    } catch (error) {
      throw a.error(error);
    } finally {
      a.dispose();
    }
  };
  return withRetries(attempt, {
    maxRetries: policy.maxRetries,
    retryDelay: policy.retryDelay,
    signals,
    what,
    log: policy.log.warn,
  });
}

/** A call that carries the token: on 10004 the token is renewed once and the call repeated once. */
export async function callAuthed<T extends { errcode: number }>(
  policy: RequestPolicy,
  tokens: TokenManager,
  what: string,
  userSignal: AbortSignal | undefined,
  run: (signal: AbortSignal) => Promise<Answer<T>>,
): Promise<T> {
  const { generation } = await tokens.token([policy.signal, userSignal]);
  const reply = await callJson(policy, what, userSignal, run);
  if (reply.errcode !== 10004) return reply;
  policy.log.debug?.(`${what}: errcode 10004 TOKEN EXPIRED; renewing the token and trying once more`);
  tokens.expire(generation);
  return callJson(policy, what, userSignal, run);
}

/** The `data` list of a list reply (menus, pause reasons, scheduled reports); an error typed, a non-list refused. */
export function listData<T>(
  reply: Omit<ApiErrorDetails, "endpoint" | "errmsg"> & { errmsg?: string; data?: T[] },
  endpoint: string,
): T[] {
  const { errcode, errmsg = "", invalid_param_list } = reply;
  if (errcode !== 0)
    throw apiError({ errcode, errmsg, endpoint, ...(invalid_param_list ? { invalid_param_list } : {}) });
  if (!Array.isArray(reply.data ?? []))
    throw new YeastarReplyError(`malformed reply from GET ${endpoint}: data is not a list`);
  return reply.data ?? [];
}
