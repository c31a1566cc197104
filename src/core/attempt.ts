// One attempt of a request: the caller's signals linked, a timer (total or of inactivity), and the error
// mapping that knows which of them fired.
import type { YeastarError } from "../errors.js";
import { firedOf, linkedAbort } from "./abort.js";
import { transportError } from "./transport-errors.js";

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
