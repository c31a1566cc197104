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
