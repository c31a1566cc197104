// Abort signals linked by hand, and the error of an abort.
import { YeastarAbortError } from "../errors.js";

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

/** The first of `signals` that has fired. */
export const firedOf = (signals: (AbortSignal | undefined)[]) => signals.find((s) => s?.aborted);

export function abortError(what: string, signal: AbortSignal): YeastarAbortError {
  return new YeastarAbortError(`${what}: aborted`, { cause: signal.reason });
}

/**
 * A signal that fires `graceMs` after `signal` does, for work that must end briefly after an abort rather than at
 * once: a login the PBX may already have answered (its token is then revoked, not left valid). dispose() when done.
 */
export function lateAbort(signal: AbortSignal | undefined, graceMs: number): { signal: AbortSignal; dispose(): void } {
  const late = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const fire = () => {
    timer = setTimeout(() => late.abort(signal?.reason), graceMs);
  };
  if (signal?.aborted) fire();
  else signal?.addEventListener("abort", fire, { once: true });
  const dispose = () => {
    signal?.removeEventListener("abort", fire);
    clearTimeout(timer);
  };
  return { signal: late.signal, dispose };
}

/** `work`, or a YeastarAbortError naming `what` as soon as one of `signals` fires (the work itself goes on). */
export async function untilAborted<T>(
  work: Promise<T>,
  signals: (AbortSignal | undefined)[],
  what: string,
): Promise<T> {
  const fired = firedOf(signals);
  if (fired) throw abortError(what, fired);
  if (!signals.some(Boolean)) return work;
  const link = linkedAbort(signals);
  const aborted = new Promise<never>((_, reject) => {
    const { signal } = link.controller;
    signal.addEventListener("abort", () => reject(abortError(what, firedOf(signals) ?? signal)), { once: true });
  });
  try {
    return await Promise.race([work, aborted]);
  } finally {
    link.dispose();
  }
}
